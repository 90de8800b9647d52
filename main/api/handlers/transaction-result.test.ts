// transaction.result against a real outbox: pending until the platform's answer is recorded, then the answer.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox } from '../../outbox/open-outbox';
import type { Outbox } from '../../outbox/outbox';
import { selectKeyProtector } from '../../outbox/select-key-protector';
import { transactionResult } from './transaction-result';

describe('transaction.result', () => {
  let dir: string;
  let outbox: Outbox;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tx-result-'));
    const { protector } = await selectKeyProtector({ dataDir: dir });
    const opened = await openOutbox({ dataDir: dir, keyProtector: protector, retentionDays: 1, minFreeBytes: 0 });
    if (!opened.ok) throw new Error(opened.error.message);
    outbox = opened.outbox;
  });

  afterEach(async () => {
    await outbox.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function accept(): Promise<string> {
    const accepted = await outbox.accept({ kind: 'application', itemCode: 'ITEM-1', terminalId: 'DEMO-0001', createdAt: Date.now(), personal: { name: '张三' } });
    if (!accepted.ok) throw new Error(accepted.error.message);
    return accepted.id;
  }

  it('is pending until the platform answers, then gives the case number and the decision', async () => {
    const id = await accept();
    const slept: number[] = [];
    const handler = transactionResult(outbox, { pollMs: 100, sleep: async (ms) => void slept.push(ms) });
    expect(await handler({ transactionId: id, waitSeconds: 1 })).toEqual({ state: 'pending' });
    expect(slept).toHaveLength(10);

    outbox.claim({ limit: 1 });
    await outbox.markAcknowledged(id, { caseNumber: '370202-20261122-000001', outcome: 'rejected', reasons: '年龄不满 16 周岁\n材料不全', catalogVersion: 'v1' });
    expect(await handler({ transactionId: id, waitSeconds: 0 })).toEqual({
      state: 'answered',
      caseNumber: '370202-20261122-000001',
      outcome: 'rejected',
      reasons: ['年龄不满 16 周岁', '材料不全'],
    });
  });

  it('answers as soon as the answer arrives while waiting', async () => {
    const id = await accept();
    let polls = 0;
    const handler = transactionResult(outbox, {
      pollMs: 100,
      sleep: async () => {
        if (++polls === 3) {
          outbox.claim({ limit: 1 });
          await outbox.markAcknowledged(id, { caseNumber: '370202-20261122-000002', outcome: null, reasons: null, catalogVersion: null });
        }
      },
    });
    expect(await handler({ transactionId: id, waitSeconds: 10 })).toEqual({ state: 'answered', caseNumber: '370202-20261122-000002', outcome: null, reasons: [] });
    expect(polls).toBe(3);
  });

  it('says needsAttention for a refused transaction, and unknown for an id it never had', async () => {
    const id = await accept();
    outbox.claim({ limit: 1 });
    outbox.markRejected(id, { reason: 'idempotencyConflict' });
    const handler = transactionResult(outbox);
    expect(await handler({ transactionId: id, waitSeconds: 0 })).toEqual({ state: 'needsAttention' });
    expect(await handler({ transactionId: '01a200eb-d926-76d2-8d4c-5083205e53fe', waitSeconds: 0 })).toEqual({ state: 'unknown' });
  });
});
