// identity.readQr through the KioskApi server, with the real barcode reader simulator and the reference platform as a
// real process (its DEMO identity adapter knows CTID-DEMO-… and APP-DEMO-… codes).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claim } from '../../outbox/test-support/outbox-fixture';
import { type CitizenFixture, openCitizenFixture } from '../../services/test-support/citizen-fixture';
import { BARCODE, type IdentityPlatform, scanWhileWaiting, startIdentityPlatform } from '../../services/test-support/identity-platform';
import { identityKey } from '../../services/transaction-service';

/** 异地就医备案 (demo catalog): the applicant's name and number come from the identity. */
const ITEM = '370200-000112024000';
const form = { phone: '13800000000', insuranceType: 'employee', residenceCategory: 'longTerm' };

let platform: IdentityPlatform;
let kiosk: CitizenFixture;

beforeAll(async () => {
  platform = await startIdentityPlatform();
}, 60_000);
afterAll(async () => {
  await platform?.close();
});
beforeEach(async () => {
  kiosk = await openCitizenFixture({ platform: platform.online });
});
afterEach(async () => {
  await kiosk.close();
});

async function readQr(sessionId: string, text: string) {
  return scanWhileWaiting(kiosk, kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 20 }), text);
}

describe('identity.readQr', () => {
  it('verifies a demo network ID code at the platform, shows it masked, and submit fills the verified person', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    const read = await readQr(sessionId, 'CTID-DEMO-0002');
    expect(read).toEqual({ ok: true, identity: { method: 'networkIdQr', name: '蓝𠮷䶮', maskedIdNumber: '330***********0845', demo: true } });
    expect(JSON.stringify(read)).not.toContain('330106195603150845');
    expect(kiosk.personalValues.values).toEqual(expect.arrayContaining(['蓝𠮷䶮', '330106195603150845']));

    const submit = await kiosk.invoke('transaction.submit', {
      sessionId,
      itemCode: ITEM,
      form,
      fromIdCard: { applicantName: 'idCard.name', idNumber: 'idCard.idNumber', birthDate: 'idCard.birthDate' },
    });
    expect(submit.ok).toBe(true);
    expect(claim(kiosk.outbox, { limit: 1 })[0]?.personal).toMatchObject({
      applicantName: '蓝𠮷䶮',
      idNumber: '330106195603150845',
      birthDate: '1956-03-15',
      [identityKey]: { method: 'networkIdQr', name: '蓝𠮷䶮', idNumber: '330106195603150845', verifiedByPlatform: true, demo: true },
    });
    // A QR identity has no address: the field is named, nothing is stored.
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form, fromIdCard: { address: 'idCard.address' } })).toEqual({
      ok: false,
      error: { code: 'cardFieldMissing', message: 'address: this QR identity has no address' },
    });
  });

  it('takes an app code too, and refuses an unknown code at the platform', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await readQr(sessionId, 'APP-DEMO-0001')).toMatchObject({ ok: true, identity: { method: 'appQr', name: '张三', maskedIdNumber: '110***********002X' } });
    expect(await readQr(sessionId, 'CTID-DEMO-9999')).toMatchObject({ ok: false, error: { code: 'rejected' } });
  });

  it('refuses a receipt’s QR code and a payment code on the kiosk, sending them nowhere', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await readQr(sessionId, 'https://gov.example.cn/p/370202-20261101-000042')).toMatchObject({ ok: false, error: { code: 'notIdentityCode' } });
    expect(await readQr(sessionId, '134567890123456789')).toMatchObject({ ok: false, error: { code: 'notIdentityCode' } });
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
    expect(JSON.stringify(kiosk.logs)).not.toContain('370202-20261101-000042');
  });

  it('waits with a timeout, one read per session, and ends with the session', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 1 })).toMatchObject({ ok: false, error: { code: 'timeout' } });
    const waiting = kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 20 });
    expect(await kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 20 })).toMatchObject({ ok: false, error: { code: 'busy' } });
    await kiosk.invoke('session.end', { sessionId });
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'canceled' } });
    expect(await kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 1 })).toMatchObject({ ok: false, error: { code: 'noSession' } });
  });

  it('answers deviceNotReady with the reader unplugged', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    await kiosk.simulate(BARCODE, 'powerOff');
    await expect.poll(() => kiosk.devices.devices.barcodeReader.status().common.device).not.toBe('online');
    expect(await kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 1 })).toMatchObject({ ok: false, error: { code: 'deviceNotReady' } });
  });

  it('wipes the QR identity with the session: the next session has none, the logger forgets it', async () => {
    const first = await kiosk.invoke('session.start', {});
    expect((await readQr(first.sessionId, 'CTID-DEMO-0001')).ok).toBe(true);
    await kiosk.invoke('session.end', { sessionId: first.sessionId });
    expect(kiosk.personalValues.values).not.toContain('11010519491231002X');
    expect(await kiosk.invoke('transaction.submit', { sessionId: first.sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noSession' } });
    const second = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('transaction.submit', { sessionId: second.sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
    const logged = JSON.stringify(kiosk.logs);
    expect(logged).toContain('identity code verified');
    for (const secret of ['张三', '11010519491231002X', 'CTID-DEMO-0001']) expect(logged).not.toContain(secret);
  });
});

describe('identity.readQr offline', () => {
  it('answers offline when the platform has stopped', async () => {
    const own = await startIdentityPlatform();
    const stopped = await openCitizenFixture({ platform: own.online });
    try {
      await own.process.stop();
      const { sessionId } = await stopped.invoke('session.start', {});
      const read = scanWhileWaiting(stopped, stopped.invoke('identity.readQr', { sessionId, timeoutSeconds: 20 }), 'CTID-DEMO-0001');
      expect(await read).toMatchObject({ ok: false, error: { code: 'offline' } });
    } finally {
      await stopped.close();
      await own.close();
    }
  }, 60_000);
});
