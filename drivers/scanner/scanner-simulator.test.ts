import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulationHub } from '../simulation/simulator-control';
import { createScanner } from './create-scanner';
import { decodePng } from './png';
import type { ScanCompletion } from './scanner';
import { SimulatedScanner } from './scanner-simulator';

const pagesOf = (c: ScanCompletion) => (c.code === 'success' ? c.value : c.pagesScanned);
/** Small pages keep the test fast: 40 × 30 mm at 75 dpi. */
const small = { resolutionDpi: 75, area: { widthMm: 40, heightMm: 30 } };

describe('simulated scanner', () => {
  let dataDir: string;
  let hub: SimulationHub;
  let scanner: SimulatedScanner;
  const run = (action: string, input: unknown = {}) => hub.run('scanner-1', action, input);

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'kiosk-scansim-'));
    hub = new SimulationHub();
    scanner = new SimulatedScanner({ id: 'scanner-1', scanDirectory: path.join(dataDir, 'scans'), hub, pageMs: 10, feederSheets: 3 });
  });
  afterEach(async () => {
    await scanner.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is what the factory builds for { kind: simulated }, scanning into dataDir/scans', async () => {
    const otherHub = new SimulationHub();
    const built = await createScanner({ kind: 'simulated' }, { id: 'scanner-2', hub: otherHub, dataDir });
    expect(built).toBeInstanceOf(SimulatedScanner);
    expect(otherHub.list().map((c) => c.deviceId)).toEqual(['scanner-2']);
    await built.close();
    expect(otherHub.list()).toEqual([]);
  });

  it('writes real PNG pages of the requested size and mode, A4 by default', async () => {
    for (const [mode, colorType, bitDepth] of [['color', 2, 8], ['gray', 0, 8], ['lineart', 0, 1]] as const) {
      const result = await scanner.scan({ ...small, mode });
      const page = pagesOf(result)[0];
      const decoded = decodePng(await readFile(page?.path as string));
      expect(decoded).toMatchObject({ ok: true, image: { width: 118, height: 88, colorType, bitDepth } });
    }
    const a4 = await scanner.scan({ resolutionDpi: 75, mode: 'gray' });
    expect(decodePng(await readFile(pagesOf(a4)[0]?.path as string))).toMatchObject({ ok: true, image: { width: 620, height: 876 } }); // ⌊210/25.4·75⌋ × ⌊297/25.4·75⌋
  });

  it('empties the feeder after the sheets in it, then refuses until it is loaded again', async () => {
    const batch = await scanner.scan({ ...small, source: 'feeder' });
    expect(pagesOf(batch).map((p) => p.page)).toEqual([1, 2, 3]);
    expect(scanner.status().scanner.feeder).toBe('empty');
    expect(await scanner.scan({ ...small, source: 'feeder' })).toMatchObject({ code: 'userError', message: 'no documents in the feeder' });
    await run('loadFeeder', { sheets: 5 });
    expect(pagesOf(await scanner.scan({ ...small, source: 'feeder', maxPages: 2 }))).toHaveLength(2);
    expect(scanner.status().scanner.feeder).toBe('loaded');
  });

  it('jams after N pages: the batch fails with hardwareError and keeps the pages before the jam', async () => {
    await run('loadFeeder', { sheets: 5 });
    await run('jamAfter', { pages: 2 });
    const result = await scanner.scan({ ...small, source: 'feeder' });
    expect(result).toMatchObject({ code: 'hardwareError', message: 'document feeder jammed' });
    expect(pagesOf(result).map((p) => p.page)).toEqual([1, 2]);
    for (const page of pagesOf(result)) expect(decodePng(await readFile(page.path)).ok).toBe(true);
    expect(scanner.status()).toEqual({ common: { device: 'hardwareError' }, scanner: { feeder: 'jammed', cover: 'closed' } });
    await run('clearJam');
    expect(pagesOf(await scanner.scan({ ...small, source: 'feeder' }))).toHaveLength(3);
  });

  it('refuses with the cover open or unplugged, and keeps pages when cancelled', async () => {
    await run('openCover');
    expect(await scanner.scan(small)).toMatchObject({ code: 'userError', message: 'scanner cover open' });
    expect(scanner.status().common.device).toBe('userError');
    await run('closeCover');
    await run('unplug');
    expect(scanner.status().common.device).toBe('noDevice');
    expect((await scanner.scan(small)).code).toBe('deviceNotReady');
    await run('plugIn');

    const slow = new SimulatedScanner({ id: 'scanner-slow', scanDirectory: path.join(dataDir, 'slow'), pageMs: 60, feederSheets: 20 });
    const controller = new AbortController();
    const scanning = slow.scan({ ...small, source: 'feeder', signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await scanning;
    expect(result.code).toBe('canceled');
    expect(pagesOf(result).length).toBeGreaterThan(0);
    expect(pagesOf(result).length).toBeLessThan(20);
    expect((await readdir(path.join(dataDir, 'slow'))).filter((n) => n.endsWith('.part'))).toEqual([]);
    await slow.close();
  });
});
