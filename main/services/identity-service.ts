// Reading the citizen's ID card into their session: waits for a card on the one reader (reads of several sessions
// queue in the driver), keeps the whole card in the session and answers the masked summary.
import type { ReadCardErrorCode, ReadCardResult } from '../../contracts/kiosk-api';
import type { FailureCode } from '../../contracts/device-model';
import type { IdCardReader } from '../../drivers/idcard/id-card-reader';
import { summarizeCard } from './card-summary';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

const codeOf: Record<FailureCode, ReadCardErrorCode> = {
  timeOut: 'timeout',
  canceled: 'canceled',
  deviceNotReady: 'deviceNotReady',
  hardwareError: 'hardwareError',
  unsupported: 'hardwareError',
  invalidData: 'unreadableCard',
  userError: 'cardRemoved',
};

export class IdentityService {
  readonly #sessions: SessionStore;
  readonly #reader: Pick<IdCardReader, 'read' | 'cardPresence'>;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; reader: Pick<IdCardReader, 'read' | 'cardPresence'>; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#reader = options.reader;
    this.#logger = options.logger;
  }

  async readCard(sessionId: string, timeoutSeconds: number): Promise<ReadCardResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const ran = await session.wait('readCard', async (signal): Promise<ReadCardResult> => {
      const completion = await this.#reader.read({ timeoutMs: timeoutSeconds * 1000, signal });
      if (completion.code !== 'success') {
        // A timeout with a card lying there means the card was read before (by an earlier session, say).
        const code = completion.code === 'timeOut' && this.#reader.cardPresence === 'alreadyRead' ? 'cardAlreadyRead' : codeOf[completion.code];
        this.#logger.info({ session: session.id, code, device: completion.code }, 'card read failed');
        return fail(code, completion.message);
      }
      // An ended session does not keep it (setCard zeroes it instead).
      session.setCard(completion.value);
      if (session.ended) return fail('canceled', 'the session ended during the read');
      this.#logger.info({ session: session.id, cardType: completion.value.text.cardType }, 'card read');
      return { ok: true, card: summarizeCard(completion.value) };
    });
    return ran.ok ? ran.value : fail('busy', 'this session is already waiting for a card');
  }

  /** Stops the session's card wait (the citizen left the card step); it answers `canceled`. */
  cancelRead(sessionId: string): boolean {
    return this.#sessions.get(sessionId)?.cancelWait('readCard') ?? false;
  }
}

function fail(code: ReadCardErrorCode, message: string): ReadCardResult {
  return { ok: false, error: { code, message } };
}
