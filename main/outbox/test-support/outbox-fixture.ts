// Test helpers: an outbox in a fresh temporary data directory with a key-file device key, and transactions whose
// personal values are easy to search for in the bytes on disk.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKeyFileProtector } from '../key-file-protector';
import type { KeyProtector } from '../key-protector';
import { type OpenOutboxOptions, openOutbox, outboxPaths } from '../open-outbox';
import type { Outbox } from '../outbox';
import type { ClaimedTransaction, TransactionInput } from '../outbox-types';
import { keyFiles } from '../select-key-protector';

export function tempDataDir(prefix = 'outbox-'): { dataDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export function keyFileProtector(dataDir: string): KeyProtector {
  return createKeyFileProtector({ file: keyFiles(dataDir).keyFile });
}

/** Opens an outbox in `dataDir` with the key file there; throws (with the typed error) when it does not open. */
export async function openTestOutbox(dataDir: string, options: Partial<OpenOutboxOptions> = {}): Promise<Outbox> {
  const opened = await openOutbox({ dataDir, keyProtector: keyFileProtector(dataDir), retentionDays: 30, ...options });
  if (!opened.ok) throw new Error(`outbox did not open: ${opened.error.code}: ${opened.error.message}`);
  return opened.outbox;
}

/** A name and an ID number no other test data contains, derived from `seq`. */
export function personalValues(seq: number): { name: string; idNumber: string; phone: string } {
  const digits = String(100_000 + (seq % 900_000)).padStart(6, '0');
  return { name: `测试申请人${seq}号`, idNumber: `11010519880214${digits.slice(-3)}X`, phone: `1391234${digits.slice(-4)}` };
}

/** Attachment bytes: a recognisable header, then pseudo-random bytes derived from `seq`. */
export function attachmentBytes(seq: number, index: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = Buffer.from(`SCAN-PLAINTEXT-${seq}-${index}|`);
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

const SEQ_EPOCH = 1_750_000_000_000;

/** A deterministic transaction for `seq`: the same seq always gives the same content. */
export function sampleTransaction(seq: number, options: { attachments?: number; attachmentSize?: number; terminalId?: string } = {}): TransactionInput {
  const person = personalValues(seq);
  return {
    kind: seq % 5 === 0 ? 'rating' : 'application',
    itemCode: `11100000000000000${String(seq % 100).padStart(2, '0')}`,
    terminalId: options.terminalId ?? 'T-0001',
    createdAt: SEQ_EPOCH + seq,
    personal: { applicantName: person.name, idNumber: person.idNumber, phone: person.phone, form: { purpose: `用途说明${seq}`, copies: seq % 3 } },
    attachments: Array.from({ length: options.attachments ?? 0 }, (_, index) => ({
      label: `material-${index + 1}`,
      mediaType: 'image/jpeg',
      data: attachmentBytes(seq, index, options.attachmentSize ?? 2_000),
    })),
  };
}

/** The crash test's transactions: none, one or two attachments of up to ~200 KB, so kills land in every step of accept. */
export function crashTransaction(seq: number): TransactionInput {
  return sampleTransaction(seq, { attachments: seq % 3, attachmentSize: 1_000 + ((seq * 7919) % 200_000) });
}

/** The seq a sampleTransaction was made from, read back from its createdAt. */
export function seqOf(createdAt: number): number {
  return createdAt - SEQ_EPOCH;
}

/** Every file under the outbox folder (database, WAL, attachments), as bytes. */
export function outboxBytes(dataDir: string): { file: string; bytes: Buffer }[] {
  const { dir } = outboxPaths(dataDir);
  const out: { file: string; bytes: Buffer }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ file: full, bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

/** Files in the attachments folder. */
export function attachmentFileNames(dataDir: string): string[] {
  return readdirSync(outboxPaths(dataDir).attachments).sort();
}

/** claim() that throws on a storage error, for tests where the disk is fine. */
export function claim(outbox: Outbox, options: Parameters<Outbox['claim']>[0]): ClaimedTransaction[] {
  const result = outbox.claim(options);
  if (!result.ok) throw new Error(`claim failed: ${result.error.code}: ${result.error.message}`);
  return result.transactions;
}
