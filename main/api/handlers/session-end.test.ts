import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, IDCARD, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
});
afterEach(async () => {
  await kiosk.close();
});

describe('session.end', () => {
  it('wipes the card, the scanned files and the logger\'s personal values; idempotent', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    await kiosk.simulate(IDCARD, 'present');
    expect((await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).ok).toBe(true);
    const scan = await kiosk.invoke('materials.scan', { sessionId });
    expect(scan).toMatchObject({ ok: true, pages: [{ pageId: 'p1' }] });
    expect(readdirSync(kiosk.sessionsDir)).toEqual([sessionId]);
    expect(kiosk.personalValues.values.length).toBeGreaterThan(0);

    expect(await kiosk.invoke('session.end', { sessionId })).toEqual({ ended: true });
    expect(readdirSync(kiosk.sessionsDir)).toEqual([]);
    expect(kiosk.personalValues.values).toEqual([]);
    expect(await kiosk.invoke('session.end', { sessionId })).toEqual({ ended: false });
    // Nothing of it can be used any more: a submit finds no session.
    expect(await kiosk.invoke('transaction.submit', { sessionId, itemCode: '370200-000112024000', form: {} })).toMatchObject({
      ok: false,
      error: { code: 'noSession' },
    });
  });

  it('stops a card wait in progress, so a card presented later is not read into the ended session', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    const waiting = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 60 });
    await kiosk.invoke('session.end', { sessionId });
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'canceled' } });
    await kiosk.simulate(IDCARD, 'present');
    // The card is still unread: the next session gets it.
    const next = await kiosk.invoke('session.start', {});
    expect((await kiosk.invoke('identity.readCard', { sessionId: next.sessionId, timeoutSeconds: 10 })).ok).toBe(true);
  });

  it('keeps the other sessions\' cards in the logger\'s personal values', async () => {
    const a = await kiosk.invoke('session.start', {});
    const b = await kiosk.invoke('session.start', {});
    await kiosk.simulate(IDCARD, 'present', { card: 'resident' });
    await kiosk.invoke('identity.readCard', { sessionId: a.sessionId, timeoutSeconds: 10 });
    await kiosk.simulate(IDCARD, 'remove');
    await kiosk.simulate(IDCARD, 'present', { card: 'hkMacaoTaiwan' });
    await kiosk.invoke('identity.readCard', { sessionId: b.sessionId, timeoutSeconds: 10 });
    await kiosk.invoke('session.end', { sessionId: a.sessionId });
    expect(kiosk.personalValues.values).toContain('陈大文');
    expect(kiosk.personalValues.values).not.toContain('张三');
  });
});
