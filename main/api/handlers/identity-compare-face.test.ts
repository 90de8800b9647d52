// identity.compareFace through the KioskApi server, with the real ID card simulator and the reference platform as a
// real process (its DEMO identity adapter scripted through the simulation action, as the demo and e2e tests do).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claim } from '../../outbox/test-support/outbox-fixture';
import { FACE_COMPARISON_DEMO_ID } from '../../services/face-comparison-demo';
import { type CitizenFixture, IDCARD, openCitizenFixture } from '../../services/test-support/citizen-fixture';
import { type IdentityPlatform, faceImage, startIdentityPlatform } from '../../services/test-support/identity-platform';
import { identityKey } from '../../services/transaction-service';

/** 异地就医备案 (demo catalog). */
const ITEM = '370200-000112024000';
const form = { phone: '13800000000', insuranceType: 'employee', residenceCategory: 'longTerm' };

let platform: IdentityPlatform;
let kiosk: CitizenFixture;
let image: { mimeType: 'image/jpeg'; base64: string };

beforeAll(async () => {
  platform = await startIdentityPlatform();
  image = await faceImage();
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

async function sessionWithCard(): Promise<string> {
  const { sessionId } = await kiosk.invoke('session.start', {});
  await kiosk.simulate(IDCARD, 'present', { card: 'resident' });
  expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  await kiosk.simulate(IDCARD, 'remove');
  return sessionId;
}

const compare = (sessionId: string) => kiosk.invoke('identity.compareFace', { sessionId, consent: true, image });

async function submittedIdentity(sessionId: string): Promise<unknown> {
  const submit = await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form });
  expect(submit.ok).toBe(true);
  return claim(kiosk.outbox, { limit: 1 })[0]?.personal[identityKey];
}

describe('identity.compareFace', () => {
  it('answers the demo adapter’s match, and submit records a face-verified card identity', async () => {
    const sessionId = await sessionWithCard();
    expect(await compare(sessionId)).toEqual({ ok: true, match: true, attemptsLeft: 2, demo: true });
    expect(await submittedIdentity(sessionId)).toMatchObject({ method: 'idCardFace', faceVerified: true, idNumber: '11010519491231002X' });
  });

  it('is scripted through the simulation action: no match, then the service down, then a match', async () => {
    const { devices } = await kiosk.invoke('simulation.list', {});
    expect(devices.find((d) => d.deviceId === FACE_COMPARISON_DEMO_ID)?.actions.map((a) => a.name)).toEqual(['match', 'noMatch', 'serviceDown']);

    const sessionId = await sessionWithCard();
    await kiosk.simulate(FACE_COMPARISON_DEMO_ID, 'noMatch');
    await kiosk.simulate(FACE_COMPARISON_DEMO_ID, 'serviceDown');
    expect(await compare(sessionId)).toEqual({ ok: true, match: false, attemptsLeft: 2, demo: true });
    // A failed comparison cannot be submitted, nor laundered into an unverified identity by the service going down.
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
    expect(await compare(sessionId)).toMatchObject({ ok: false, error: { code: 'serviceUnavailable' } });
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: false, error: { code: 'noIdentity' } });
    // The service being down cost no attempt.
    expect(await compare(sessionId)).toEqual({ ok: true, match: true, attemptsLeft: 1, demo: true });
    expect(await submittedIdentity(sessionId)).toMatchObject({ method: 'idCardFace', faceVerified: true });
  });

  it('allows three comparisons per session, then offers none', async () => {
    const sessionId = await sessionWithCard();
    await kiosk.simulate(FACE_COMPARISON_DEMO_ID, 'noMatch', { times: 3 });
    expect(await compare(sessionId)).toMatchObject({ ok: true, match: false, attemptsLeft: 2 });
    expect(await compare(sessionId)).toMatchObject({ ok: true, match: false, attemptsLeft: 1 });
    expect(await compare(sessionId)).toMatchObject({ ok: true, match: false, attemptsLeft: 0 });
    expect(await compare(sessionId)).toMatchObject({ ok: false, error: { code: 'noAttemptsLeft' } });
    // A new card in the same session does not buy more attempts.
    await kiosk.simulate(IDCARD, 'present', { card: 'residentRareName' });
    expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
    expect(await compare(sessionId)).toMatchObject({ ok: false, error: { code: 'noAttemptsLeft' } });
  });

  it('runs one comparison of a session at a time', async () => {
    const sessionId = await sessionWithCard();
    const [first, second] = await Promise.all([compare(sessionId), compare(sessionId)]);
    expect(first).toMatchObject({ ok: true, match: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'busy' } });
  });

  it('refuses without consent (the contract), without a card, a broken image and an unknown session', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await kiosk.server.invoke('identity.compareFace', { sessionId, image })).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(await kiosk.server.invoke('identity.compareFace', { sessionId, consent: false, image })).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(await compare(sessionId)).toMatchObject({ ok: false, error: { code: 'noCard' } });
    const withCard = await sessionWithCard();
    const cut = { mimeType: 'image/jpeg' as const, base64: image.base64.slice(0, 400) };
    expect(await kiosk.invoke('identity.compareFace', { sessionId: withCard, consent: true, image: cut })).toMatchObject({ ok: false, error: { code: 'badImage' } });
    expect(await compare(crypto.randomUUID())).toMatchObject({ ok: false, error: { code: 'noSession' } });
  });

  it('keeps the face image, the name and the number out of every log line', async () => {
    const sessionId = await sessionWithCard();
    await compare(sessionId);
    await kiosk.simulate(FACE_COMPARISON_DEMO_ID, 'serviceDown');
    await compare(sessionId);
    await kiosk.invoke('transaction.submit', { sessionId, itemCode: ITEM, form });
    const logged = JSON.stringify(kiosk.logs);
    expect(logged).toContain('face compared');
    expect(logged).toContain('face comparison failed');
    for (const secret of [image.base64.slice(100, 160), '张三', '11010519491231002X']) expect(logged).not.toContain(secret);
  });
});

describe('identity.compareFace offline', () => {
  it('answers offline without a platform, and submit then records an unverified card identity', async () => {
    const offline = await openCitizenFixture();
    try {
      const { sessionId } = await offline.invoke('session.start', {});
      await offline.simulate(IDCARD, 'present', { card: 'resident' });
      expect((await offline.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
      expect(await offline.invoke('identity.compareFace', { sessionId, consent: true, image })).toMatchObject({ ok: false, error: { code: 'offline' } });
      expect(await offline.invoke('transaction.submit', { sessionId, itemCode: ITEM, form })).toMatchObject({ ok: true });
      expect(claim(offline.outbox, { limit: 1 })[0]?.personal[identityKey]).toMatchObject({ method: 'idCard', faceVerified: false });
    } finally {
      await offline.close();
    }
  });

  it('answers offline when the platform has stopped', async () => {
    const own = await startIdentityPlatform();
    const stopped = await openCitizenFixture({ platform: own.online });
    try {
      const { sessionId } = await stopped.invoke('session.start', {});
      await stopped.simulate(IDCARD, 'present', { card: 'resident' });
      expect((await stopped.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
      expect(await stopped.invoke('identity.compareFace', { sessionId, consent: true, image })).toMatchObject({ ok: true, match: true });
      await own.process.stop();
      expect(await stopped.invoke('identity.compareFace', { sessionId, consent: true, image })).toMatchObject({ ok: false, error: { code: 'offline' } });
    } finally {
      await stopped.close();
      await own.close();
    }
  }, 60_000);
});
