// Submitting an application: the session's identity, the form and the scanned pages become one outbox transaction.
// The answer comes only after outbox.accept() has made it durable (design.md, "The outbox and the sync agent"); a
// refusal (full disk, I/O error) is a typed error and the citizen is not told "submitted". Once accepted, the
// session's page files are deleted: the outbox holds its own sealed copies.
import type { CardField, SubmitErrorCode, SubmitResult } from '../../contracts/kiosk-api';
import { maskNameForPrint } from '../../contracts/masked-name';
import type { Outbox } from '../outbox/outbox';
import type { AcceptErrorCode, JsonObject, JsonValue } from '../outbox/outbox-types';
import { sharedMaterialsKey } from '../sync/submit-request';
import { identityFieldValue, identityRecordOf, sessionIdentity } from './session-identity';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

/**
 * The key of a transaction's personal data that holds the identity record (the card's text). Form field names start
 * with a lower-case letter, so it cannot clash with one; the platform receives it with the form fields.
 */
export const identityKey = '_identity';

/**
 * The label of a page the screen did not assign to a material. Not a valid material code (the colon), so the sync
 * agent sends the page without one (main/sync/submit-request.ts).
 */
export const UNASSIGNED_PAGE_LABEL = 'page:unassigned';

/** How an outbox refusal reads on the screen; ratings use it too. */
export const codeOf: Record<AcceptErrorCode, SubmitErrorCode> = {
  diskFull: 'diskFull',
  ioError: 'storageError',
  invalidTransaction: 'invalid',
  attachmentUnreadable: 'pageUnreadable',
  closed: 'unavailable',
};

export interface SubmitInput {
  itemCode: string;
  form: Record<string, JsonValue>;
  fromIdCard?: Record<string, CardField>;
  /** Fields filled from the values `form.prefill` kept in the session (they override `form` and `fromIdCard`). */
  fromSession?: string[];
  materialsFromSharedData?: string[];
}

export class TransactionService {
  readonly #sessions: SessionStore;
  readonly #outbox: Pick<Outbox, 'accept'>;
  readonly #terminalId: string;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; outbox: Pick<Outbox, 'accept'>; terminalId: string; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#outbox = options.outbox;
    this.#terminalId = options.terminalId;
    this.#logger = options.logger;
  }

  async submit(sessionId: string, input: SubmitInput): Promise<SubmitResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const ran = await session.exclusive('submit', async (): Promise<SubmitResult> => {
      // Card + matched face, a QR identity, or (offline) an unverified card: see session-identity.ts.
      const found = sessionIdentity(session);
      if (!found.ok) return fail('noIdentity', found.message);
      const { identity } = found;
      const personal: JsonObject = { ...input.form };
      for (const [field, source] of Object.entries(input.fromIdCard ?? {})) {
        const value = identityFieldValue(identity, source);
        if (value === undefined) return fail('cardFieldMissing', `${field}: this ${identity.kind === 'card' ? 'card' : 'QR identity'} has no ${source.slice('idCard.'.length)}`);
        personal[field] = value;
      }
      personal[identityKey] = identityRecordOf(identity);
      for (const field of input.fromSession ?? []) {
        const value = session.prefilled(field);
        if (value === undefined) return fail('invalid', `${field}: form.prefill found no value for it in this session`);
        personal[field] = value;
      }
      if (input.materialsFromSharedData?.length) personal[sharedMaterialsKey] = [...new Set(input.materialsFromSharedData)];
      const pages = session.pages;
      const result = await this.#outbox.accept({
        kind: 'application',
        itemCode: input.itemCode,
        terminalId: this.#terminalId,
        createdAt: session.startedAt,
        personal,
        attachments: pages.map((page) => ({ label: page.materialCode ?? UNASSIGNED_PAGE_LABEL, mediaType: page.mediaType, path: page.path })),
      });
      if (!result.ok) {
        this.#logger.error({ session: session.id, itemCode: input.itemCode, code: result.error.code, reason: result.error.message }, 'transaction not accepted');
        return fail(codeOf[result.error.code], result.error.message);
      }
      this.#logger.info({ session: session.id, transaction: result.id, itemCode: input.itemCode, pages: pages.length }, 'transaction accepted');
      const name = identityFieldValue(identity, 'idCard.name');
      session.rememberSubmitted({ transactionId: result.id, itemCode: input.itemCode, acceptedAt: result.acceptedAt, ...(name ? { maskedName: maskNameForPrint(name) } : {}) });
      // A failure here leaves the files to the session's wipe; the transaction is accepted either way.
      await session.removePages(pages.map((page) => page.pageId)).catch((error: unknown) => {
        this.#logger.warn({ session: session.id, err: error }, 'scanned pages not deleted after accept');
      });
      return { ok: true, transactionId: result.id, acceptedAt: new Date(result.acceptedAt).toISOString() };
    });
    return ran.ok ? ran.value : fail('busy', 'a submit of this session is still being stored');
  }
}

function fail(code: SubmitErrorCode, message: string): SubmitResult {
  return { ok: false, error: { code, message } };
}
