// The certificate an instant approval issues (issue 5, point 6): for an item whose print template is an A4 document,
// approved at commit. What it says comes from the catalog (title, item, issuer, the labels of the form's
// non-personal fields) and from the application's non-personal answers; the holder only by a masked name.
import { randomBytes } from 'node:crypto';
import { type CatalogDocument, type FormField, type Item, findEntry } from '../../contracts/catalog';
import { maskNameForPrint } from '../../contracts/masked-name';
import type { Decision } from '../../contracts/sync-api';
import type { CertificateRecord } from '../storage/certificate-queries';
import type { TransactionRecord } from '../storage/platform-storage';

/** Print templates that are an A4 certificate (the others, e.g. `receipt-80mm`, print a receipt only). */
export const a4Templates: ReadonlySet<string> = new Set(['proof-a4', 'business-licence']);

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 128 random bits as 26 base32 characters (RFC 4648 alphabet, no padding). */
export function newVerificationCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(16);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code + BASE32[(value << (5 - bits)) & 31];
}

/** The name on the application: the form's applicant name, else the identity record's. */
function holderName(payload: Record<string, unknown>): string {
  if (typeof payload.applicantName === 'string' && payload.applicantName.trim()) return payload.applicantName;
  const identity = payload._identity;
  if (typeof identity === 'object' && identity !== null) {
    const { name, chineseName, englishName } = identity as Record<string, unknown>;
    for (const candidate of [name, chineseName, englishName]) if (typeof candidate === 'string' && candidate.trim()) return candidate;
  }
  return '';
}

function display(field: FormField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (field.options) return field.options.find((o) => o.value === value)?.label ?? String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function bodyLines(item: Item, payload: Record<string, unknown>): string[] {
  const facts = item.form.flatMap((field) => {
    // Personal fields (name, ID number, phone, address) never go on the certificate beyond the masked holder.
    if (field.personal || field.prefill) return [];
    const shown = display(field, payload[field.name]);
    return shown === undefined ? [] : [`${field.label}：${shown}`];
  });
  return item.instantApproval ? [...facts, item.instantApproval.approvedNote] : facts;
}

/** The certificate to store with the commit, or undefined when this application issues none. */
export function certificateFor(record: TransactionRecord, catalog: CatalogDocument, decision: Decision | undefined, now: Date): CertificateRecord | undefined {
  if (record.kind !== 'application' || decision?.outcome !== 'approved') return undefined;
  const entry = findEntry(catalog, record.itemCode);
  // Bundles (一件事) issue none: each of their items' documents comes from its own department.
  if (entry?.kind !== 'item') return undefined;
  const { item } = entry;
  if (!item.terminal.printTemplate || !a4Templates.has(item.terminal.printTemplate)) return undefined;
  return {
    certificateNumber: `ZM-${record.caseNumber}`,
    verificationCode: newVerificationCode(),
    terminalId: record.terminalId,
    transactionId: record.transactionId,
    caseNumber: record.caseNumber,
    itemCode: item.implementationCode,
    itemName: item.name,
    title: item.results[0]?.name ?? item.name,
    holderMaskedName: maskNameForPrint(holderName(record.payload)),
    issuer: item.department.name,
    issuedAt: now.toISOString(),
    lines: bodyLines(item, record.payload),
  };
}
