// Checks a transaction before anything is written. Messages name the field, never its value (it may be personal).
import { AttachmentMetadata, type AcceptError, type TransactionInput, TransactionMetadata } from './outbox-types';

/** Undefined when the transaction may be accepted. */
export function validateTransaction(input: TransactionInput): AcceptError | undefined {
  const invalid = (message: string): AcceptError => ({ code: 'invalidTransaction', message });
  const { kind, itemCode, terminalId, createdAt } = input;
  const metadata = TransactionMetadata.safeParse({ kind, itemCode, terminalId, createdAt });
  if (!metadata.success) return invalid(describe(metadata.error.issues));
  const personal: unknown = input.personal;
  if (typeof personal !== 'object' || personal === null || Array.isArray(personal)) return invalid('personal: must be a JSON object');
  try {
    JSON.stringify(personal);
  } catch {
    return invalid('personal: not serialisable as JSON');
  }
  for (const [index, attachment] of (input.attachments ?? []).entries()) {
    const parsed = AttachmentMetadata.safeParse({ label: attachment.label, mediaType: attachment.mediaType });
    if (!parsed.success) return invalid(describe(parsed.error.issues, `attachments.${index}`));
    const hasData = 'data' in attachment && attachment.data instanceof Uint8Array;
    const hasPath = 'path' in attachment && typeof attachment.path === 'string' && attachment.path.length > 0;
    if (hasData === hasPath) return invalid(`attachments.${index}: give either data (bytes) or path`);
  }
  return undefined;
}

function describe(issues: readonly { path: PropertyKey[]; message: string }[], prefix?: string): string {
  return issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.')}: ${issue.message}`).join('; ');
}
