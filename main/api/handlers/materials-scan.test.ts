import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CitizenFixture, SCANNER, openCitizenFixture } from '../../services/test-support/citizen-fixture';

let kiosk: CitizenFixture;
let sessionId: string;
beforeEach(async () => {
  kiosk = await openCitizenFixture();
  ({ sessionId } = await kiosk.invoke('session.start', {}));
});
afterEach(async () => {
  await kiosk.close();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

describe('materials.scan', () => {
  it('scans pages into the session\'s own folder and numbers them across scans', async () => {
    const flatbed = await kiosk.invoke('materials.scan', { sessionId, materialCode: 'bank-card', resolutionDpi: 75, mode: 'gray' });
    expect(flatbed).toEqual({ ok: true, pages: [{ pageId: 'p1', bytes: expect.any(Number) }] });
    const feeder = await kiosk.invoke('materials.scan', { sessionId, source: 'feeder', maxPages: 2, resolutionDpi: 75 });
    expect(feeder).toMatchObject({ ok: true, pages: [{ pageId: 'p2' }, { pageId: 'p3' }] });
    const folder = path.join(kiosk.sessionsDir, sessionId);
    const files = readdirSync(folder);
    expect(files).toHaveLength(3);
    for (const file of files) expect(readFileSync(path.join(folder, file)).subarray(0, 4)).toEqual(PNG_SIGNATURE);
  });

  it('keeps the pages scanned before a jam and says what went wrong', async () => {
    await kiosk.simulate(SCANNER, 'jamAfter', { pages: 1 });
    const result = await kiosk.invoke('materials.scan', { sessionId, source: 'feeder', resolutionDpi: 75 });
    expect(result).toMatchObject({ ok: false, error: { code: 'hardwareError' }, pages: [{ pageId: 'p1' }] });
  });

  it('answers userError with the cover open, and noSession for an unknown session', async () => {
    await kiosk.simulate(SCANNER, 'openCover');
    expect(await kiosk.invoke('materials.scan', { sessionId })).toEqual({
      ok: false,
      error: { code: 'userError', message: expect.stringContaining('cover') },
      pages: [],
    });
    expect(await kiosk.invoke('materials.scan', { sessionId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'noSession' } });
  });

  it('queues the scans of two sessions on the one scanner instead of refusing one as busy', async () => {
    const other = await kiosk.invoke('session.start', {});
    const [a, b] = await Promise.all([
      kiosk.invoke('materials.scan', { sessionId, resolutionDpi: 75 }),
      kiosk.invoke('materials.scan', { sessionId: other.sessionId, resolutionDpi: 75 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
  });
});
