// Forms, shared data, suggestions, progress and ratings through the KioskApi server, with real parts: the reference
// platform as a real process on 127.0.0.1 (its published 5,000+ item catalog, demo population and demo identity
// adapter), the ID card simulator, a real outbox, and the real sync agent to drain it.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../contracts/catalog';
import { claim } from '../outbox/test-support/outbox-fixture';
import { type SyncAgentHandle, startSyncAgent } from '../sync/sync-agent';
import type { CatalogSource } from './catalog-service';
import { type CitizenFixture, IDCARD, openCitizenFixture } from './test-support/citizen-fixture';
import { type IdentityPlatform, faceImage, startIdentityPlatform } from './test-support/identity-platform';

const NEWBORN = 'bundle-newborn';
/** 失业保险金申领 (demo catalog): `contributionMonths` and `unemploymentRegistered` come from shared data. */
const UNEMPLOYMENT = '370200-000111004000';

let platform: IdentityPlatform;
let catalog: CatalogSource;
let kiosk: CitizenFixture;
let agent: SyncAgentHandle | undefined;

beforeAll(async () => {
  platform = await startIdentityPlatform();
  const fetched = await platform.online.catalog(undefined);
  if (!fetched.ok || !fetched.value.changed) throw new Error('no catalog from the platform');
  const current = { version: fetched.value.version, document: fetched.value.document satisfies CatalogDocument };
  catalog = { catalog: () => current, onCatalog: () => () => {} };
}, 120_000);
afterAll(async () => {
  await platform?.close();
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await kiosk?.close();
});

async function identified(card: 'resident' | 'hkMacaoTaiwan' | 'foreign2023'): Promise<string> {
  const { sessionId } = await kiosk.invoke('session.start', {});
  await kiosk.simulate(IDCARD, 'present', { card });
  expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  await kiosk.simulate(IDCARD, 'remove');
  return sessionId;
}

function drain(): Promise<SyncAgentHandle> {
  return startSyncAgent({
    outbox: kiosk.outbox,
    credentials: platform.process.credentials,
    platformUrl: platform.process.url,
    dataDir: kiosk.dataDir,
    deviceSummary: () => [],
    versions: { app: 'test' },
    logger: pino({ level: 'silent' }),
  });
}

describe('catalog.getForm', () => {
  it('answers a bundle as the union of its items: each field and material once, the modes all accept', async () => {
    kiosk = await openCitizenFixture({ catalog });
    const form = await kiosk.invoke('catalog.getForm', { itemCode: NEWBORN });
    if (!form.found) throw new Error('no newborn bundle');
    expect(form.form).toMatchObject({ kind: 'bundle', name: '新生儿出生“一件事”', certificate: false, printing: true, instantApproval: false });
    expect(form.form.itemCodes).toHaveLength(4);
    const names = form.form.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['applicantName', 'idNumber', 'phone', 'childName', 'childBirthDate', 'employer', 'bankAccount', 'hukouAddress']));
    const codes = form.form.materials.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(['id-card', 'birth-medical-cert', 'household-register', 'marriage-cert', 'bank-card']);
    expect(form.form.identityModes).toEqual(['idCardFace', 'networkIdQr', 'appQr', 'staffAssisted']);

    const item = await kiosk.invoke('catalog.getForm', { itemCode: '370200-000112013000' });
    expect(item).toMatchObject({ found: true, form: { kind: 'item', itemCodes: ['370200-000112013000'], certificate: true, printing: true, instantApproval: true } });
    expect(await kiosk.invoke('catalog.getForm', { itemCode: 'no-such-item' })).toEqual({ found: false });
  });
});

describe('form.prefill and submit fromSession', () => {
  it('prefills from card and shared data (masked, locked), and submit fills the real values', async () => {
    kiosk = await openCitizenFixture({ catalog, platform: platform.online });
    const sessionId = await identified('hkMacaoTaiwan');
    const prefill = await kiosk.invoke('form.prefill', { sessionId, itemCode: NEWBORN });
    if (!prefill.ok) throw new Error(prefill.error.message);
    expect(prefill.sharedDataAvailable).toBe(true);
    expect(prefill.fields.applicantName).toEqual({ display: '陈*文', source: 'idCard', locked: true });
    expect(prefill.fields.phone).toEqual({ display: '137****0002', source: 'sharedData', locked: false });
    expect(prefill.fields.childGender).toEqual({ display: '男', source: 'sharedData', locked: true });
    expect(prefill.fields.childBirthDate?.display).toMatch(/^\d{4}-\*\*-\*\*$/);
    expect(prefill.materialsFromSharedData).toEqual(['id-card', 'birth-medical-cert', 'marriage-cert', 'bank-card']);
    // The screen never sees a real personal value.
    const screen = JSON.stringify(prefill);
    for (const secret of ['810000198501010010', '13700000002', '陈小宝', '陈大文', '6217000010000000003']) expect(screen).not.toContain(secret);

    expect((await kiosk.invoke('identity.compareFace', { sessionId, consent: true, image: await faceImage() })).ok).toBe(true);
    const fromSession = Object.keys(prefill.fields);
    const submit = await kiosk.invoke('transaction.submit', { sessionId, itemCode: NEWBORN, form: { phone: 'typed-over' }, fromSession, materialsFromSharedData: prefill.materialsFromSharedData });
    expect(submit.ok).toBe(true);
    const [stored] = claim(kiosk.outbox, { limit: 1 });
    expect(stored?.personal).toMatchObject({ applicantName: '陈大文', idNumber: '810000198501010010', phone: '13700000002', childName: '陈小宝', bankAccount: '6217000010000000003' });
  }, 60_000);

  it('offline: only the card fields, sharedDataAvailable false; a field prefill never found is refused at submit', async () => {
    kiosk = await openCitizenFixture({ catalog });
    const sessionId = await identified('resident');
    const prefill = await kiosk.invoke('form.prefill', { sessionId, itemCode: UNEMPLOYMENT });
    expect(prefill).toEqual({
      ok: true,
      fields: { applicantName: { display: '张*', source: 'idCard', locked: true }, idNumber: { display: expect.stringContaining('*'), source: 'idCard', locked: true } },
      materialsFromSharedData: [],
      sharedDataAvailable: false,
    });
    expect(await kiosk.invoke('form.prefill', { sessionId, itemCode: 'no-such-item' })).toMatchObject({ ok: false, error: { code: 'unknownItem' } });
    const { sessionId: nobody } = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('form.prefill', { sessionId: nobody, itemCode: UNEMPLOYMENT })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
  });
});

describe('suggestions.get', () => {
  it('proposes different items for different people, only from the catalog in force', async () => {
    kiosk = await openCitizenFixture({ catalog, platform: platform.online });
    const parent = await kiosk.invoke('suggestions.get', { sessionId: await identified('hkMacaoTaiwan') });
    const unemployed = await kiosk.invoke('suggestions.get', { sessionId: await identified('foreign2023') });
    if (!parent.ok || !unemployed.ok) throw new Error('no suggestions');
    expect(parent.suggestions.map((s) => s.itemCode)).toEqual(['bundle-newborn', '370200-000150901000']);
    expect(parent.suggestions[1]).toMatchObject({ name: '育儿补贴申领', confirmOnly: true });
    expect(unemployed.suggestions.map((s) => s.itemCode)).toEqual([UNEMPLOYMENT]);
    expect(unemployed.suggestions[0]?.confirmOnly).toBe(false);
  }, 60_000);

  it('answers offline without a platform', async () => {
    kiosk = await openCitizenFixture({ catalog });
    expect(await kiosk.invoke('suggestions.get', { sessionId: await identified('resident') })).toMatchObject({ ok: false, error: { code: 'offline' } });
  });
});

describe('progress.query and rating.submit', () => {
  it('pending from the outbox before the drain, the platform’s answer after; a rating delivered and counted once', async () => {
    // Filed under the terminal the sync agent signs as.
    kiosk = await openCitizenFixture({ catalog, platform: platform.online, terminalId: platform.process.credentials.terminalId });
    const sessionId = await identified('foreign2023');
    expect((await kiosk.invoke('identity.compareFace', { sessionId, consent: true, image: await faceImage() })).ok).toBe(true);
    await kiosk.invoke('form.prefill', { sessionId, itemCode: UNEMPLOYMENT });
    const submit = await kiosk.invoke('transaction.submit', {
      sessionId,
      itemCode: UNEMPLOYMENT,
      form: { separationReason: 'contractExpired', bankAccount: '6217000010000000005' },
      fromIdCard: { applicantName: 'idCard.name', idNumber: 'idCard.idNumber' },
      fromSession: ['contributionMonths', 'unemploymentRegistered'],
    });
    if (!submit.ok) throw new Error(submit.error.message);
    const receipt = submit.transactionId;

    // Nothing delivered yet: the kiosk answers from its outbox, without asking the platform.
    expect(await kiosk.invoke('progress.query', { reference: receipt })).toMatchObject({ ok: true, caseNumber: receipt, status: 'pending', itemName: '失业保险金申领', rated: false });
    const rating = await kiosk.invoke('rating.submit', { reference: receipt, level: 1, reasons: ['tooSlow'] });
    expect(rating.ok && kiosk.outbox.get(rating.transactionId)).toMatchObject({ kind: 'rating', state: 'accepted' });

    agent = await drain();
    await expect.poll(() => kiosk.outbox.get(rating.ok ? rating.transactionId : '')?.state, { timeout: 20_000 }).toBe('purged');
    const answered = await kiosk.invoke('progress.query', { reference: receipt });
    if (!answered.ok) throw new Error(answered.error.message);
    expect(answered).toMatchObject({ status: expect.stringMatching(/approved|rejected|inReview/), rated: true, itemName: '失业保险金申领' });
    expect(answered.caseNumber).toMatch(/^370202-\d{8}-\d{6}$/);
    expect(answered.steps[0]).toMatchObject({ name: 'submitted', done: true });
    // By case number too; and a second rating of the same case is delivered but the first stands.
    expect(await kiosk.invoke('progress.query', { reference: answered.caseNumber })).toMatchObject({ ok: true, rated: true });
    const second = await kiosk.invoke('rating.submit', { reference: answered.caseNumber, level: 5 });
    expect(second.ok).toBe(true);
    await expect.poll(() => kiosk.outbox.get(second.ok ? second.transactionId : '')?.state, { timeout: 20_000 }).toBe('purged');
    const ratings = await platform.process.ops('GET', `/v1/ops/terminals/${platform.process.credentials.terminalId}/transactions?limit=10`);
    const listed = (await ratings.json()) as { items: { kind: string }[] };
    expect(listed.items.filter((t) => t.kind === 'rating')).toHaveLength(2);
  }, 90_000);

  it('offline: unknown references answer offline, a case number too; pending still works', async () => {
    kiosk = await openCitizenFixture({ catalog });
    expect(await kiosk.invoke('progress.query', { reference: '370202-20261101-000042' })).toMatchObject({ ok: false, error: { code: 'offline' } });
    const rating = await kiosk.invoke('rating.submit', { reference: '370202-20261101-000042', level: 4 });
    expect(rating.ok).toBe(true);
    expect(await kiosk.invoke('progress.query', { reference: 'not-a-case' })).toMatchObject({ ok: false, error: { code: 'notFound' } });
  });
});
