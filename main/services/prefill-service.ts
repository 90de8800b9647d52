// `form.prefill`: the values a form can start with, for the person this session identified. Fields whose catalog
// `prefill` names a card field come from the card (or QR identity) in the session; `sharedData` fields and the
// materials shared data covers come from the platform, asked online. The real values stay in the session (submit
// fills `fromSession` fields from them); the screen gets a display, masked where the field is personal.
//
// Shared values are authoritative (instant-approval rules decide on them), so they are `locked`; only a phone
// number, a contact detail the citizen may have changed, may be typed over. Prefill needs the person's number, so a
// card read in the session is enough even before its face comparison: the values stay masked, and submit still needs
// a verified identity (session-identity.ts).
import type { PrefillResult, PrefilledField, ScreenFormField } from '../../contracts/kiosk-api';
import { maskNameForPrint } from '../../contracts/masked-name';
import { CardField } from '../../contracts/kiosk-api';
import { maskIdNumber } from '../../drivers/idcard/id-number';
import type { CatalogService } from './catalog-service';
import type { PlatformOnline } from './citizen-services';
import type { CitizenSession, PrefilledValue } from './citizen-session';
import type { ServiceLogger } from './service-logger';
import { type SessionIdentity, identityFieldValue, sessionIdentity } from './session-identity';
import type { SessionStore } from './session-store';

/** Who the session's citizen is for looking things up: a verified identity, else the card read in it. */
export function lookupIdentity(session: CitizenSession): SessionIdentity | undefined {
  const found = sessionIdentity(session);
  if (found.ok) return found.identity;
  return session.card ? { kind: 'card', card: session.card, faceVerified: false } : undefined;
}

export class PrefillService {
  readonly #sessions: SessionStore;
  readonly #catalog: Pick<CatalogService, 'form'>;
  readonly #platform: PlatformOnline | undefined;
  readonly #logger: ServiceLogger;

  constructor(options: { sessions: SessionStore; catalog: Pick<CatalogService, 'form'>; platform: PlatformOnline | undefined; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#catalog = options.catalog;
    this.#platform = options.platform;
    this.#logger = options.logger;
  }

  async prefill(sessionId: string, itemCode: string): Promise<PrefillResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)');
    const identity = lookupIdentity(session);
    if (!identity) return fail('noIdentity', 'no identity in this session: read an ID card or a network ID / app QR code first');
    const form = this.#catalog.form(itemCode);
    if (!form) return fail('unknownItem', `the catalog in use has no item or bundle ${itemCode}`);
    return session.track(async (): Promise<PrefillResult> => {
      const values = new Map<string, { value: PrefilledValue; source: PrefilledField['source'] }>();
      for (const field of form.fields) {
        const source = CardField.safeParse(field.prefill);
        const value = source.success ? identityFieldValue(identity, source.data) : undefined;
        if (value !== undefined) values.set(field.name, { value, source: 'idCard' });
      }
      const idNumber = identityFieldValue(identity, 'idCard.idNumber');
      const shared = this.#platform && idNumber ? await this.#platform.request('sharedData', { body: { idNumber, itemCode } }) : undefined;
      if (shared && !shared.ok) this.#logger.warn({ session: session.id, itemCode, failure: shared.failure.kind }, 'shared data not available for prefill');
      const sharedFields = new Set(form.fields.filter((f) => f.prefill === 'sharedData').map((f) => f.name));
      if (shared?.ok) {
        for (const [name, value] of Object.entries(shared.value.fields)) if (sharedFields.has(name)) values.set(name, { value, source: 'sharedData' });
      }
      session.setPrefilled(new Map([...values].map(([name, v]) => [name, v.value])));
      const fields: Record<string, PrefilledField> = {};
      for (const field of form.fields) {
        const found = values.get(field.name);
        if (found) fields[field.name] = { display: display(field, found.value), source: found.source, locked: field.type !== 'phone' };
      }
      const offered = new Set(form.materials.filter((m) => m.sharedDataSkippable).map((m) => m.code));
      return {
        ok: true,
        fields,
        materialsFromSharedData: shared?.ok ? shared.value.materials.filter((code) => offered.has(code)) : [],
        sharedDataAvailable: shared?.ok === true,
      };
    });
  }
}

/** What the screen shows: personal values masked (design.md, "Non-negotiables"), a select's label, yes/no. */
export function display(field: ScreenFormField, value: PrefilledValue): string {
  const text = String(value);
  if (field.personal) return maskPersonal(field, text);
  if (field.type === 'select') return field.options?.find((o) => o.value === text)?.label ?? text;
  return text;
}

function maskPersonal(field: ScreenFormField, text: string): string {
  const chars = Array.from(text);
  if (field.type === 'idNumber') return maskIdNumber(text);
  if (field.type === 'phone') return chars.length > 7 ? `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}` : '****';
  if (field.type === 'date') return `${chars.slice(0, 4).join('')}-**-**`;
  if (/^\d{8,}$/.test(text)) return `****${chars.slice(-4).join('')}`;
  // An address keeps its province and city; a name its first and last character.
  if (chars.length > 6) return `${chars.slice(0, 6).join('')}****`;
  return maskNameForPrint(text);
}

function fail(code: 'noSession' | 'noIdentity' | 'unknownItem', message: string): PrefillResult {
  return { ok: false, error: { code, message } };
}
