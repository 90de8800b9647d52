import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
});
afterEach(async () => {
  await kiosk.close();
});

describe('materials.remove', () => {
  it('deletes the page\'s file; a page or session that is not there is answered removed: false', async () => {
    const { sessionId } = await kiosk.invoke('session.start', {});
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 });
    const folder = path.join(kiosk.sessionsDir, sessionId);
    expect(readdirSync(folder)).toHaveLength(2);
    expect(await kiosk.invoke('materials.remove', { sessionId, pageId: 'p1' })).toEqual({ removed: true });
    expect(readdirSync(folder)).toHaveLength(1);
    expect(await kiosk.invoke('materials.remove', { sessionId, pageId: 'p1' })).toEqual({ removed: false });
    expect(await kiosk.invoke('materials.remove', { sessionId: crypto.randomUUID(), pageId: 'p2' })).toEqual({ removed: false });
    // The page ids are not reused: the next scan is p3.
    expect(await kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 })).toMatchObject({ ok: true, pages: [{ pageId: 'p3' }] });
  });
});
