import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, IDCARD, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
});
afterEach(async () => {
  await kiosk.close();
});

describe('identity.readCard', () => {
  it('reads the presented card through the real driver and answers a masked summary only', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    await kiosk.simulate(IDCARD, 'present', { card: 'resident' });
    const result = await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
    expect(result).toEqual({
      ok: true,
      card: { cardType: 'resident', name: '张三', maskedIdNumber: '110***********002X', gender: 'male', nation: '汉' },
    });
    const text = JSON.stringify(result);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('19491231');
    expect(text).not.toContain('1949-12-31');
    // The logger now knows the card's values, to keep them out of every line while the session lasts.
    expect(kiosk.personalValues.values).toEqual(expect.arrayContaining(['11010519491231002X', '张三', '北京市朝阳区示例路1号']));
    expect(JSON.stringify(kiosk.logs)).not.toContain('11010519491231002X');
  });

  it('summarises the other card types: the card number masked, the Chinese or else the English name', async () => {
    for (const card of ['hkMacaoTaiwan', 'foreign2017', 'foreign2023'] as const) {
      const { sessionId } = await kiosk.invoke('session.start', {});
      await kiosk.simulate(IDCARD, 'present', { card });
      const result = await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
      expect(result.ok, card).toBe(true);
      if (!result.ok) continue;
      expect(result.card.maskedIdNumber).toMatch(/^\w{3}\*+\w{3,4}$/);
      expect(result.card.nation).toBeUndefined();
      await kiosk.simulate(IDCARD, 'remove');
      await kiosk.invoke('session.end', { sessionId });
    }
  });

  it('answers timeout when no card comes, and cardAlreadyRead when the card lying there was read before', async () => {
    const first = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('identity.readCard', { sessionId: first.sessionId, timeoutSeconds: 1 })).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    });
    await kiosk.simulate(IDCARD, 'present');
    expect((await kiosk.invoke('identity.readCard', { sessionId: first.sessionId, timeoutSeconds: 10 })).ok).toBe(true);
    await kiosk.invoke('session.end', { sessionId: first.sessionId });
    // The next citizen finds the previous card still on the reader: it is not read again.
    const second = await kiosk.invoke('session.start', {});
    expect(await kiosk.invoke('identity.readCard', { sessionId: second.sessionId, timeoutSeconds: 1 })).toMatchObject({
      ok: false,
      error: { code: 'cardAlreadyRead' },
    });
  });

  it('refuses a second wait in the same session, and a session that does not exist', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    const waiting = kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 });
    expect(await kiosk.invoke('identity.readCard', { sessionId, timeoutSeconds: 10 })).toMatchObject({ ok: false, error: { code: 'busy' } });
    await kiosk.simulate(IDCARD, 'present');
    expect((await waiting).ok).toBe(true);
    expect(await kiosk.invoke('identity.readCard', { sessionId: crypto.randomUUID(), timeoutSeconds: 1 })).toMatchObject({
      ok: false,
      error: { code: 'noSession' },
    });
  });

  it('refuses a timeout over 120 seconds at the contract', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    expect(await kiosk.server.invoke('identity.readCard', { sessionId, timeoutSeconds: 121 })).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
  });
});
