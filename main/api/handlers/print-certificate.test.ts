// print.certificate against the real reference platform (its own process on PGlite, real HTTP, signed requests): an approved application
// of an A4 item is delivered as the sync agent delivers it, then its certificate is fetched, rendered with the
// bundled CJK font and printed by the simulated A4 printer; the PDF is inspected with poppler and its QR code decoded.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, renderPage } from '../../../drivers/document-printer/test-support/pdf-inspection';
import { claim } from '../../outbox/test-support/outbox-fixture';
import { type CitizenFixture, IDCARD, openCitizenFixture, projectRoot } from '../../services/test-support/citizen-fixture';
import { systemClock } from '../../sync/clock';
import { type PlatformProcess, startPlatformProcess } from '../../sync/test-support/platform-process';
import { toPlatformAnswer, toSubmitRequest } from '../../sync/submit-request';
import { SyncClient } from '../../sync/sync-client';

const run = promisify(execFile);
const PRINTER = 'printer-1';
/** 城镇职工基本养老保险参保缴费证明打印: print template proof-a4, approved at once for these answers. */
const PROOF = '370200-000112013000';
const font = { path: path.join(projectRoot, 'drivers', 'receipt-printer', 'fonts', 'NotoSansCJKsc-Regular.otf') };

let platform: PlatformProcess;
let online: SyncClient;
let kiosk: CitizenFixture;

beforeAll(async () => {
  platform = await startPlatformProcess();
  online = new SyncClient({ platformUrl: platform.url, credentials: platform.credentials, clock: systemClock, requestTimeoutMs: 5_000 });
}, 60_000);
afterAll(async () => {
  online.close();
  await platform.remove();
});
afterEach(async () => {
  await kiosk.close();
});

/** Reads the 蓝𠮷䶮 card, submits, and delivers the transaction as the sync agent would. */
async function submitAndDeliver(form: Record<string, string | number>): Promise<{ sessionId: string; transactionId: string }> {
  const { sessionId } = await kiosk.invoke('session.start', {});
  await kiosk.simulate(IDCARD, 'present', { card: 'residentRareName' });
  expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  await kiosk.simulate(IDCARD, 'remove');
  const submitted = await kiosk.invoke('transaction.submit', {
    sessionId,
    itemCode: PROOF,
    form: { phone: '13800138000', ...form },
    fromIdCard: { applicantName: 'idCard.name', idNumber: 'idCard.idNumber' },
  });
  if (!submitted.ok) throw new Error(submitted.error.message);
  const [claimed] = claim(kiosk.outbox, { limit: 1 });
  const built = claimed && toSubmitRequest(claimed);
  if (!built?.ok) throw new Error('not built');
  // As a session whose face comparison matched would send it (face comparison has its own tests): an unverified
  // identity is never approved by rules alone, and only approval issues a certificate.
  const identity = built.request.payload._identity;
  if (typeof identity === 'object' && identity !== null && !Array.isArray(identity)) identity.faceVerified = true;
  // The fixture's kiosk has its own terminal id; the platform process knows its demo terminal, whose credentials sign here.
  built.request.terminalId = platform.credentials.terminalId;
  const answer = await online.request('submitTransaction', { body: built.request });
  if (!answer.ok || answer.value.status !== 'committed') throw new Error('not committed');
  await kiosk.outbox.markAcknowledged(submitted.transactionId, toPlatformAnswer(answer.value));
  return { sessionId, transactionId: submitted.transactionId };
}

async function printedPdfs(): Promise<string[]> {
  const dir = path.join(kiosk.dataDir, 'simulator', 'documents');
  return (await readdir(dir).catch(() => [] as string[])).map((name) => path.join(dir, name));
}

describe('print.certificate', () => {
  it('prints the approved certificate: embedded CJK font, the rare name, and a QR code that opens the verification page', async () => {
    kiosk = await openCitizenFixture({ platform: online, publicBaseUrl: platform.url, certificateFont: font, terminalName: '市民中心1号机' });
    const { sessionId, transactionId } = await submitAndDeliver({ purpose: 'housePurchase', periodMonths: 24 });
    expect(await kiosk.invoke('print.certificate', { sessionId, transactionId })).toEqual({ ok: true });

    const [file, ...more] = await printedPdfs();
    expect(more).toEqual([]);
    expect(path.basename(file!)).toBe('1.pdf');
    const fonts = (await run('pdffonts', [file!])).stdout;
    expect(fonts).toMatch(/NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes/);

    const text = await pdfText(file!);
    for (const shown of ['参保缴费证明', '持证人：蓝*䶮', '证明用途：购房', '证明期间（月）：24', '市民中心1号机', '扫码核验真伪']) expect(text).toContain(shown);
    expect(text).not.toMatch(/𠮷|13800138000|330106/);
    expect(text).toMatch(/编号：ZM-370202-\d{8}-\d{6}/);

    // The page as a phone camera would see it: render, find and decode the QR code.
    const page = await renderPage(file!, 150);
    const rgba = new Uint8ClampedArray(page.width * page.height * 4);
    for (let i = 0; i < page.pixels.length; i++) {
      rgba.fill(page.pixels[i]!, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 255;
    }
    const qr = jsQR(rgba, page.width, page.height);
    expect(qr?.data).toMatch(new RegExp(`^${platform.url}/verify/[A-Z2-7]{26}$`));
    expect(text).toContain(qr!.data);
    const verification = await fetch(qr!.data);
    expect(verification.status).toBe(200);
    const html = await verification.text();
    expect(html).toContain('核验通过');
    expect(html).toContain('蓝*䶮');
    expect((await fetch(qr!.data.replace(/[A-Z2-7]{4}$/, 'AAAA'))).status).toBe(404);
  }, 60_000);

  it('the font has the rare character: no glyph reported missing, 䶮 in the embedded subset with its Unicode map; the file stays small', async () => {
    kiosk = await openCitizenFixture({ platform: online, publicBaseUrl: platform.url, certificateFont: font });
    const { sessionId, transactionId } = await submitAndDeliver({ purpose: 'residence', periodMonths: 12 });
    expect(await kiosk.invoke('print.certificate', { sessionId, transactionId })).toEqual({ ok: true });
    const [file] = await printedPdfs();
    const bytes = await readFile(file!);
    // pdfkit subsets the font: the glyph of 䶮 is in the embedded subset when the ToUnicode map lists it.
    expect((await pdfText(file!)).includes('䶮')).toBe(true);
    expect(bytes.byteLength).toBeLessThan(200_000);
    expect(kiosk.logs.filter((entry) => entry.message === 'certificate font lacks characters')).toEqual([]);
  }, 60_000);

  it('nothing to print when not approved at once, offline, or not this session; paper out is paperOut and a retry prints', async () => {
    kiosk = await openCitizenFixture({ platform: online, publicBaseUrl: platform.url, certificateFont: font });
    const review = await submitAndDeliver({ purpose: 'other', periodMonths: 24 });
    expect(await kiosk.invoke('print.certificate', review)).toMatchObject({ ok: false, error: { code: 'nothingToPrint' } });

    const approved = await submitAndDeliver({ purpose: 'schoolEnrolment', periodMonths: 6 });
    expect(await kiosk.invoke('print.certificate', { ...approved, sessionId: review.sessionId })).toMatchObject({ ok: false, error: { code: 'unknownTransaction' } });

    await kiosk.simulate(PRINTER, 'paperOut');
    expect(await kiosk.invoke('print.certificate', approved)).toMatchObject({ ok: false, error: { code: 'paperOut' } });
    expect(await printedPdfs()).toEqual([]);
    await kiosk.simulate(PRINTER, 'loadPaper');
    expect(await kiosk.invoke('print.certificate', approved)).toEqual({ ok: true });
    expect(await printedPdfs()).toHaveLength(1);

    await kiosk.close();
    kiosk = await openCitizenFixture({ publicBaseUrl: platform.url, certificateFont: font });
    const { sessionId } = await kiosk.invoke('session.start', {});
    await kiosk.simulate(IDCARD, 'present', { card: 'resident' });
    await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
    const offline = await kiosk.invoke('transaction.submit', { sessionId, itemCode: PROOF, form: { purpose: 'residence', periodMonths: 3 } });
    if (!offline.ok) throw new Error(offline.error.message);
    expect(await kiosk.invoke('print.certificate', { sessionId, transactionId: offline.transactionId })).toMatchObject({
      ok: false,
      error: { code: 'nothingToPrint', message: expect.stringContaining('offline') },
    });
  }, 60_000);
});
