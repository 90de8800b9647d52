import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionId } from '../../../contracts/kiosk-api';
import { type CitizenFixture, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
});
afterEach(async () => {
  await kiosk.close();
});

describe('session.start', () => {
  it('answers a fresh session id each time', async () => {
    const a = await kiosk.invoke('session.start', {});
    const b = await kiosk.invoke('session.start', {});
    expect(SessionId.safeParse(a.sessionId).success).toBe(true);
    expect(a.sessionId).not.toBe(b.sessionId);
  });

  it('ends the least recently used session beyond the limit', async () => {
    await kiosk.close();
    kiosk = await openCitizenFixture({ maxSessions: 2 });
    const first = await kiosk.invoke('session.start', {});
    await kiosk.invoke('session.start', {});
    await kiosk.invoke('session.start', {});
    await expect.poll(() => kiosk.invoke('session.end', first)).toEqual({ ended: false });
  });
});
