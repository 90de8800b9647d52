import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, IDCARD, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
let sessionId: string;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
  ({ sessionId } = await kiosk.invoke('session.start', {}));
});
afterEach(async () => {
  await kiosk.close();
});

describe('identity.cancel', () => {
  it('stops a card wait the citizen left: it answers canceled, and the next wait reads a card instead of saying busy', async () => {
    const abandoned = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 120 });
    expect(await kiosk.invoke('identity.cancel', { sessionId, wait: 'card' })).toEqual({ canceled: true });
    // Sent straight after the cancel, before the canceled wait has settled: it waits for it instead of refusing.
    const again = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
    expect(await abandoned).toMatchObject({ ok: false, error: { code: 'canceled' } });
    await kiosk.simulate(IDCARD, 'present');
    expect(await again).toMatchObject({ ok: true, card: { name: '张三' } });
  });

  it('stops a QR wait, and only the wait it names', async () => {
    const card = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
    const qr = kiosk.invoke('identity.readQr', { sessionId, timeoutSeconds: 120 });
    expect(await kiosk.invoke('identity.cancel', { sessionId, wait: 'qr' })).toEqual({ canceled: true });
    expect(await qr).toMatchObject({ ok: false, error: { code: 'canceled' } });
    await kiosk.simulate(IDCARD, 'present');
    expect((await card).ok).toBe(true);
  });

  it('answers canceled: false with nothing waiting, for a wait already canceled, and for an unknown session', async () => {
    expect(await kiosk.invoke('identity.cancel', { sessionId, wait: 'card' })).toEqual({ canceled: false });
    const waiting = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 120 });
    expect(await kiosk.invoke('identity.cancel', { sessionId, wait: 'card' })).toEqual({ canceled: true });
    expect(await kiosk.invoke('identity.cancel', { sessionId, wait: 'card' })).toEqual({ canceled: false });
    await waiting;
    expect(await kiosk.invoke('identity.cancel', { sessionId: crypto.randomUUID(), wait: 'qr' })).toEqual({ canceled: false });
  });
});
