// Who a session's citizen is, for submit and prefill: an ID card whose face was compared, or a person a network ID
// (网证) / app QR code proved. The rule (main/services/README.md, "Identity"):
//   - card + face matched            → `idCardFace`, verified;
//   - a QR identity                  → `networkIdQr` / `appQr`, verified by the platform;
//   - card, face not compared        → `idCard`, NOT verified (`faceVerified: false`): offline, or with the comparison
//     service down, the kiosk keeps accepting applications (design.md, "Offline"); the platform never approves such an
//     application by rules alone (platform/identity/unverified-identity.ts) but hands it to staff;
//   - card, face did not match       → refused: a failed comparison cannot be turned into an unverified identity by
//     pulling the network cable afterwards; the citizen needs another path (QR, staff).
// A card never compared counts as unverified too rather than refused: offline it is the only way in, and what
// protects is the platform's review, not the order in which the screen runs its steps.
import type { CardField } from '../../contracts/kiosk-api';
import type { IdCard } from '../../drivers/idcard/id-card-reader';
import { maskIdNumber, parseIdNumber } from '../../drivers/idcard/id-number';
import type { JsonObject } from '../outbox/outbox-types';
import { cardFieldValue, identityRecord } from './card-summary';

/** A person a network ID or app QR code proved, as the platform answered: personal data, session memory only. */
export interface QrIdentityRecord {
  method: 'networkIdQr' | 'appQr';
  name: string;
  idNumber: string;
  /** The platform's identity adapter is the demo one. */
  demo: boolean;
}

/** The last definite answer of a face comparison of the current card. */
export type FaceCheck = 'match' | 'noMatch';

export type SessionIdentity =
  | { kind: 'card'; card: IdCard; faceVerified: boolean }
  | { kind: 'qr'; person: QrIdentityRecord };

export type IdentityLookup = { ok: true; identity: SessionIdentity } | { ok: false; message: string };

export function sessionIdentity(session: { card: IdCard | undefined; faceCheck: FaceCheck | undefined; qrIdentity: QrIdentityRecord | undefined }): IdentityLookup {
  const { card, faceCheck, qrIdentity } = session;
  if (card && faceCheck === 'match') return { ok: true, identity: { kind: 'card', card, faceVerified: true } };
  if (qrIdentity) return { ok: true, identity: { kind: 'qr', person: qrIdentity } };
  if (card && faceCheck === 'noMatch') return { ok: false, message: 'the face did not match the ID card: use another identity path' };
  if (card) return { ok: true, identity: { kind: 'card', card, faceVerified: false } };
  return { ok: false, message: 'no identity in this session: read an ID card or a network ID / app QR code first' };
}

/** The value a `fromIdCard` field asks for; a QR identity has name and number, and birth date and sex from the number. */
export function identityFieldValue(identity: SessionIdentity, field: CardField): string | undefined {
  if (identity.kind === 'card') return cardFieldValue(identity.card, field);
  const { name, idNumber } = identity.person;
  const parsed = parseIdNumber(idNumber);
  switch (field) {
    case 'idCard.name':
      return name;
    case 'idCard.idNumber':
      return idNumber;
    case 'idCard.sex':
      return parsed.ok ? parsed.value.gender : undefined;
    case 'idCard.birthDate':
      return parsed.ok ? parsed.value.birthDate : undefined;
    case 'idCard.address':
      return undefined;
  }
}

/** `_identity` of a transaction: how the citizen was identified and who they are (sealed in the outbox). */
export function identityRecordOf(identity: SessionIdentity): JsonObject {
  if (identity.kind === 'card') {
    return { ...identityRecord(identity.card), method: identity.faceVerified ? 'idCardFace' : 'idCard', faceVerified: identity.faceVerified };
  }
  const { method, name, idNumber, demo } = identity.person;
  return { method, name, idNumber, verifiedByPlatform: true, demo };
}

/** What the screen may see of a QR identity. */
export function summarizeQrIdentity(person: QrIdentityRecord): { method: QrIdentityRecord['method']; name: string; maskedIdNumber: string; demo: boolean } {
  return { method: person.method, name: person.name, maskedIdNumber: maskIdNumber(person.idNumber), demo: person.demo };
}
