// print.receipt through the KioskApi server, the real receipt printer driver and its simulator over TCP, with the
// receipts read back from the simulator's job files as a test against the whole kiosk would read them.
import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptQr } from '../../../contracts/receipt-qr';
import { inkDots, readPrintedReceipts } from '../../../drivers/receipt-printer/test-support/receipt-decoder';
import { claim } from '../../outbox/test-support/outbox-fixture';
import { type CitizenFixture, IDCARD, TERMINAL_ID, openCitizenFixture } from '../../services/test-support/citizen-fixture';

const RECEIPT = 'receipt-1';
const ITEM = '370200-000112013000';
const PUBLIC = 'https://zwfw.example.gov.cn';

let kiosk: CitizenFixture;
afterEach(async () => {
  await kiosk.close();
});

/** A session with the card of 蓝𠮷䶮 (two characters no printer font has) that submitted one application. */
async function submitted(): Promise<{ sessionId: string; transactionId: string }> {
  const { sessionId } = await kiosk.invoke('session.start', {});
  await kiosk.simulate(IDCARD, 'present', { card: 'residentRareName' });
  expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  await kiosk.simulate(IDCARD, 'remove');
  const result = await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form: { purpose: 'loan' }, fromIdCard: { applicantName: 'idCard.name' } });
  if (!result.ok) throw new Error(result.error.message);
  return { sessionId, transactionId: result.transactionId };
}

async function lastReceipt() {
  const receipts = await readPrintedReceipts(kiosk.dataDir);
  const last = receipts.at(-1);
  if (!last) throw new Error('nothing printed');
  return last.decoded;
}

describe('print.receipt', () => {
  it('offline: prints the receipt code, "result will follow", the masked rare name as raster and a QR code that finds the case', async () => {
    kiosk = await openCitizenFixture({ publicBaseUrl: PUBLIC, terminalName: '市民中心1号机' });
    const { sessionId, transactionId } = await submitted();
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toEqual({ ok: true });

    const receipt = await lastReceipt();
    expect(receipt.lines).toEqual(
      expect.arrayContaining(['受理回执', `事项：${ITEM}`, `回执编号：${transactionId}`, '已受理，办理结果稍后可查询', `终端：市民中心1号机（${TERMINAL_ID}）`, '请取走您的身份证和回执']),
    );
    expect(receipt.lines.some((line) => /^提交时间：\d{4}-\d\d-\d\d \d\d:\d\d$/.test(line))).toBe(true);
    // The applicant line holds 𠮷 and 䶮: the printer's font lacks them, so the whole line went as one image.
    expect(receipt.lines.join('\n')).not.toContain('申请人');
    expect(receipt.images).toHaveLength(1);
    expect(receipt.images[0]!.height).toBeGreaterThanOrEqual(24);
    expect(inkDots(receipt.images[0]!)).toBeGreaterThan(150);
    expect(receipt.qrPayloads).toEqual([`${PUBLIC}/p/${transactionId}`]);
    expect(parseReceiptQr(receipt.qrPayloads[0]!)).toBe(transactionId);
    expect(receipt.cuts).toBe(1);
    // Nothing of the name in clear: neither as text nor in the QR code.
    expect(JSON.stringify(receipt.lines) + receipt.qrPayloads.join('')).not.toMatch(/𠮷|䶮/);
  });

  it('answered: prints the case number and the decision; the QR code keeps the receipt code, which cannot be guessed', async () => {
    kiosk = await openCitizenFixture({ publicBaseUrl: PUBLIC });
    const { sessionId, transactionId } = await submitted();
    claim(kiosk.outbox, { limit: 1 });
    await kiosk.outbox.markAcknowledged(transactionId, { caseNumber: '370202-20261122-000007', outcome: 'approved', reasons: null, catalogVersion: 'v1' });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toEqual({ ok: true });
    const receipt = await lastReceipt();
    expect(receipt.lines).toEqual(expect.arrayContaining(['办件编号：370202-20261122-000007', '办理结果：审批通过']));
    expect(receipt.lines.join('\n')).not.toContain(transactionId);
    expect(parseReceiptQr(receipt.qrPayloads[0]!)).toBe(transactionId);
  });

  it('only for a transaction of this session, while the session lasts', async () => {
    kiosk = await openCitizenFixture();
    const { sessionId, transactionId } = await submitted();
    const other = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('print.receipt', { sessionId: other.sessionId, transactionId })).toMatchObject({ ok: false, error: { code: 'unknownTransaction' } });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId: '019a4f3c-8b2e-7c41-9d3a-5e6f7a8b9c0d' })).toMatchObject({ ok: false, error: { code: 'unknownTransaction' } });
    await kiosk.invoke('session.end', { sessionId });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toMatchObject({ ok: false, error: { code: 'noSession' } });
    expect(await readPrintedReceipts(kiosk.dataDir)).toEqual([]);
  });

  it('paper out before or during the job answers paperOut, loses nothing, and a retry after loading paper prints', async () => {
    kiosk = await openCitizenFixture();
    const { sessionId, transactionId } = await submitted();

    await kiosk.simulate(RECEIPT, 'setPaper', { paper: 'out' });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toMatchObject({ ok: false, error: { code: 'paperOut' } });

    await kiosk.simulate(RECEIPT, 'setPaper', { paper: 'full' });
    await kiosk.simulate(RECEIPT, 'paperRunsOutAfter', { receipts: 0, lines: 3 });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toMatchObject({ ok: false, error: { code: 'paperOut' } });
    expect(await readPrintedReceipts(kiosk.dataDir)).toEqual([]);
    expect(kiosk.outbox.get(transactionId)).toMatchObject({ state: 'accepted' });

    await kiosk.simulate(RECEIPT, 'setPaper', { paper: 'full' });
    expect(await kiosk.invoke('print.receipt', { sessionId, transactionId })).toEqual({ ok: true });
    const receipt = await lastReceipt();
    expect(receipt.cuts).toBe(1);
    expect(receipt.lines).toContain(`回执编号：${transactionId}`);
    expect(receipt.lines).toContain('请取走您的身份证和回执');
    expect(receipt.qrPayloads.at(-1)).toBe(transactionId);
  });
});
