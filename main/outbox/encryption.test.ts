// Personal data at rest: what an attacker with the outbox's files (and not the device key) could read.
import { chmodSync, readFileSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, outboxPaths } from './open-outbox';
import type { Outbox } from './outbox';
import { keyFiles } from './select-key-protector';
import { attachmentFileNames, keyFileProtector, openTestOutbox, outboxBytes, personalValues, sampleTransaction, tempDataDir, claim } from './test-support/outbox-fixture';

let temp: ReturnType<typeof tempDataDir>;
let outbox: Outbox | undefined;

beforeEach(() => {
  temp = tempDataDir('outbox-crypto-');
});
afterEach(async () => {
  await outbox?.close();
  outbox = undefined;
  temp.remove();
});

/** The personal plaintexts of transactions 1..n, as the byte strings to search for (UTF-8 and UTF-16LE). */
function needles(count: number): Buffer[] {
  const out: Buffer[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const { name, idNumber, phone } = personalValues(seq);
    for (const text of [name, idNumber, phone, `用途说明${seq}`]) out.push(Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'));
    out.push(Buffer.from(`SCAN-PLAINTEXT-${seq}-`));
  }
  return out;
}

function leaks(dataDir: string, searched: readonly Buffer[]): string[] {
  const found: string[] = [];
  for (const { file, bytes } of outboxBytes(dataDir)) for (const needle of searched) if (bytes.includes(needle)) found.push(`${file}: ${needle.toString()}`);
  return found;
}

describe('encryption at rest', () => {
  it('leaves no personal plaintext in the database, its WAL or the attachment files', async () => {
    outbox = await openTestOutbox(temp.dataDir);
    for (let seq = 1; seq <= 20; seq++) expect(await outbox.accept(sampleTransaction(seq, { attachments: seq % 3 }))).toMatchObject({ ok: true });
    // While open: the commits are in the WAL.
    expect(outboxBytes(temp.dataDir).some((f) => f.file.endsWith('-wal') && f.bytes.length > 0)).toBe(true);
    expect(leaks(temp.dataDir, needles(20))).toEqual([]);
    await outbox.close();
    outbox = undefined;
    expect(leaks(temp.dataDir, needles(20))).toEqual([]);
    // The search does find plaintext where it is: the needles are right.
    expect(JSON.stringify(sampleTransaction(1).personal)).toContain(personalValues(1).idNumber);
  });

  it('refuses to open with another device key, clearly, and changes nothing', async () => {
    outbox = await openTestOutbox(temp.dataDir);
    const accepted = await outbox.accept(sampleTransaction(1));
    await outbox.close();
    outbox = undefined;

    const { keyFile } = keyFiles(temp.dataDir);
    renameSync(keyFile, `${keyFile}.saved`);
    const replaced = await openOutbox({ dataDir: temp.dataDir, keyProtector: keyFileProtector(temp.dataDir), retentionDays: 30 });
    expect(replaced).toMatchObject({ ok: false, error: { code: 'wrongDeviceKey', message: expect.stringContaining('a new device key was just created') } });
    const again = await openOutbox({ dataDir: temp.dataDir, keyProtector: keyFileProtector(temp.dataDir), retentionDays: 30 });
    expect(again).toMatchObject({ ok: false, error: { code: 'wrongDeviceKey', message: expect.stringContaining('the device key was replaced') } });

    renameSync(`${keyFile}.saved`, keyFile);
    outbox = await openTestOutbox(temp.dataDir);
    expect(outbox.recovery.flagged).toEqual([]);
    expect(claim(outbox, { limit: 1 })).toMatchObject([{ id: accepted.ok ? accepted.id : '', personal: sampleTransaction(1).personal }]);
  });

  it('refuses a key file that group or others may read', async () => {
    outbox = await openTestOutbox(temp.dataDir);
    await outbox.close();
    outbox = undefined;
    chmodSync(keyFiles(temp.dataDir).keyFile, 0o644);
    const opened = await openOutbox({ dataDir: temp.dataDir, keyProtector: keyFileProtector(temp.dataDir), retentionDays: 30 });
    expect(opened).toMatchObject({ ok: false, error: { code: 'keyUnavailable', keyError: 'insecureKeyFile', message: expect.stringContaining('mode 0644') } });
  });

  it('purge removes everything that could decrypt or hold the personal data: wrapped key, sealed payload, files', async () => {
    outbox = await openTestOutbox(temp.dataDir);
    const first = await outbox.accept(sampleTransaction(1, { attachments: 2, attachmentSize: 20_000 }));
    const kept = await outbox.accept(sampleTransaction(2, { attachments: 1 }));
    const id = first.ok ? first.id : '';
    await outbox.close();
    const db = new Database(outboxPaths(temp.dataDir).database, { readonly: true });
    const secrets = db.prepare<[string], { key_wrapped: Buffer; payload: Buffer }>('SELECT key_wrapped, payload FROM transactions WHERE id = ?').get(id)!;
    db.close();
    const fileBytes = attachmentFileNames(temp.dataDir)
      .filter((name) => name.startsWith(id))
      .map((name) => readFileSync(`${outboxPaths(temp.dataDir).attachments}/${name}`).subarray(0, 64));

    outbox = await openTestOutbox(temp.dataDir);
    const claimed = claim(outbox, { limit: 1 });
    expect(claimed[0]?.id).toBe(id);
    expect(await outbox.markAcknowledged(id, { caseNumber: 'C-1' })).toMatchObject({ ok: true, record: { state: 'purged' } });
    await outbox.close();
    outbox = undefined;

    const material = [secrets.key_wrapped, secrets.payload.subarray(0, 64), ...fileBytes];
    const remaining = outboxBytes(temp.dataDir).filter(({ bytes }) => material.some((m) => bytes.includes(m)));
    expect(remaining.map((f) => f.file)).toEqual([]);
    expect(attachmentFileNames(temp.dataDir)).toEqual([`${kept.ok ? kept.id : ''}.0.sealed`]);
    outbox = await openTestOutbox(temp.dataDir);
    expect(outbox.get(id)).toMatchObject({ state: 'purged', answer: { caseNumber: 'C-1' }, itemCode: sampleTransaction(1).itemCode });
  });
});
