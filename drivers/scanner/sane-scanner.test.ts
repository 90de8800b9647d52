// The SANE driver against the real `test` backend through the real scanimage (test-support/sane-test-backend.ts).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { decodePng } from './png';
import { SaneScanner, listSaneDevices } from './sane-scanner';
import type { ScanCompletion } from './scanner';
import { SANE_DEBIAN_PACKAGES, type SaneTestConfig, createSaneTestConfig, scanimagePath } from './test-support/sane-test-backend';

const suite = scanimagePath
  ? 'SANE scanner against the sane-backends test backend'
  : `SANE scanner — SKIPPED: scanimage is not installed (Debian: ${SANE_DEBIAN_PACKAGES})`;

/** The test backend's default scan area is 80 × 100 mm; these tests use 40 × 30 mm at 100 dpi: ⌊40/25.4·100⌋ × ⌊30/25.4·100⌋. */
const AREA = { widthMm: 40, heightMm: 30 };
const SIZE = { width: 157, height: 118 };
/** The same area at 75 dpi. */
const SMALL = { width: 118, height: 88 };

async function pngOf(file: string) {
  const decoded = decodePng(await readFile(file));
  if (!decoded.ok) throw new Error(`${file}: ${decoded.error}`);
  return decoded.image;
}

const pagesOf = (c: ScanCompletion) => (c.code === 'success' ? c.value : c.pagesScanned);

describe.skipIf(!scanimagePath)(suite, () => {
  let sane: SaneTestConfig;
  let dir: string;
  let scanner: SaneScanner;
  let events: DeviceEvent[];

  beforeAll(async () => {
    sane = await createSaneTestConfig();
  });
  afterAll(async () => sane.remove());

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kiosk-scans-'));
    scanner = new SaneScanner({ id: 'scanner-1', device: 'test:0', env: sane.env, scanDirectory: dir, pollIntervalMs: 0 });
    events = [];
    scanner.onEvent((e) => events.push(e));
    await scanner.start();
  });
  afterEach(async () => {
    await scanner.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the devices SANE sees', async () => {
    const listed = await listSaneDevices({ env: sane.env });
    expect(listed).toEqual({
      code: 'success',
      value: [
        { name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
        { name: 'test:1', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
      ],
    });
  });

  it('finds the device and reads its capabilities from its options', () => {
    expect(scanner.status()).toEqual({ common: { device: 'online' }, scanner: { feeder: 'unknown' } });
    expect(scanner.capabilities).toEqual({
      flatbed: true,
      feeder: true,
      duplex: false,
      resolutionsDpi: [75, 100, 150, 200, 300, 400, 600, 1200],
      modes: ['color', 'gray'],
      formats: ['png', 'jpeg'],
    });
  });

  it('scans one flatbed page to a valid PNG of the expected size, with its size and SHA-256', async () => {
    const result = await scanner.scan({ resolutionDpi: 100, mode: 'gray', area: AREA });
    expect(result.code).toBe('success');
    const [page] = pagesOf(result);
    expect(page).toMatchObject({ page: 1, format: 'png' });
    const bytes = await readFile(page?.path as string);
    expect(page?.bytes).toBe(bytes.length);
    expect(page?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await pngOf(page?.path as string)).toMatchObject({ ...SIZE, colorType: 0, bitDepth: 8 });

    const colour = await scanner.scan({ resolutionDpi: 100, mode: 'color', area: AREA });
    expect(await pngOf(pagesOf(colour)[0]?.path as string)).toMatchObject({ ...SIZE, colorType: 2 });
  });

  it('scans to JPEG', async () => {
    const result = await scanner.scan({ resolutionDpi: 75, format: 'jpeg', area: AREA });
    const jpeg = await readFile(pagesOf(result)[0]?.path as string);
    expect(result.code).toBe('success');
    expect(pagesOf(result)[0]?.path).toMatch(/\.jpg$/);
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('scans a feeder batch of N pages, and a whole feeder until it is empty', async () => {
    const three = await scanner.scan({ source: 'feeder', maxPages: 3, resolutionDpi: 75, mode: 'gray', area: AREA });
    expect(pagesOf(three).map((p) => p.page)).toEqual([1, 2, 3]);
    for (const page of pagesOf(three)) expect(await pngOf(page.path)).toMatchObject(SMALL);

    // The test backend's feeder holds 10 sheets; asking for 12 ends with "out of documents" after 10: a full batch.
    const all = await scanner.scan({ source: 'feeder', maxPages: 12, resolutionDpi: 75, mode: 'gray', area: AREA });
    expect(all.code).toBe('success');
    expect(pagesOf(all)).toHaveLength(10);
    expect(scanner.status().scanner.feeder).toBe('empty');
    expect(await readdir(dir)).toHaveLength(13);
  });

  it('maps an injected feeder jam to hardwareError and a jammed feeder, keeping what was scanned before', async () => {
    const before = await scanner.scan({ source: 'feeder', maxPages: 2, resolutionDpi: 75, area: AREA });
    const kept = pagesOf(before);
    expect(kept).toHaveLength(2);

    const jammed = await scanner.scan({ source: 'feeder', resolutionDpi: 75, area: AREA, extraOptions: ['--read-return-value=SANE_STATUS_JAMMED'] });
    expect(jammed).toEqual({ code: 'hardwareError', message: expect.stringMatching(/^document feeder jammed \(.*Document feeder jammed\)$/), pagesScanned: [] });
    expect(scanner.status()).toEqual({ common: { device: 'hardwareError' }, scanner: { feeder: 'jammed' } });
    expect(events.at(-1)).toEqual({
      type: 'statusChanged',
      deviceId: 'scanner-1',
      deviceClass: 'scanner',
      changes: { common: { device: 'hardwareError' }, scanner: { feeder: 'jammed' } },
    });
    // The earlier pages are untouched, and the failed page left no partial file.
    for (const page of kept) expect(createHash('sha256').update(await readFile(page.path)).digest('hex')).toBe(page.sha256);
    expect((await readdir(dir)).sort()).toEqual(kept.map((p) => path.basename(p.path)).sort());

    expect((await scanner.scan({ source: 'feeder', maxPages: 1, resolutionDpi: 75, area: AREA })).code).toBe('success');
    expect(scanner.status()).toEqual({ common: { device: 'online' }, scanner: { feeder: 'unknown' } });
  });

  it('keeps the pages finished before a cancel, and stops scanimage', async () => {
    const controller = new AbortController();
    const slow = ['--read-delay=yes', '--read-delay-duration=200000'];
    const scanning = scanner.scan({ source: 'feeder', resolutionDpi: 75, mode: 'gray', area: AREA, extraOptions: slow, signal: controller.signal });
    for (let i = 0; i < 100 && (await readdir(dir)).filter((n) => n.endsWith('.png')).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const result = await scanning;
    expect(result.code).toBe('canceled');
    const pages = pagesOf(result);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThan(10);
    for (const page of pages) expect(await pngOf(page.path)).toMatchObject(SMALL);
    expect((await readdir(dir)).filter((n) => n.endsWith('.part'))).toEqual([]);
    // The scanner is free again: scanimage has gone.
    expect((await scanner.scan({ resolutionDpi: 75, area: AREA })).code).toBe('success');
  });

  it('times out a scan that takes too long', async () => {
    const result = await scanner.scan({ source: 'feeder', resolutionDpi: 75, area: AREA, timeoutMs: 300, extraOptions: ['--read-delay=yes', '--read-delay-duration=200000'] });
    expect(result.code).toBe('timeOut');
  });

  it.each([
    ['SANE_STATUS_COVER_OPEN', 'flatbed', 'userError', /cover open/, { common: { device: 'userError' }, scanner: { feeder: 'unknown', cover: 'open' } }],
    ['SANE_STATUS_NO_DOCS', 'feeder', 'userError', /no documents/, { common: { device: 'online' }, scanner: { feeder: 'empty' } }],
    ['SANE_STATUS_DEVICE_BUSY', 'flatbed', 'deviceNotReady', /busy/, { common: { device: 'online' }, scanner: { feeder: 'unknown' } }],
    ['SANE_STATUS_INVAL', 'flatbed', 'invalidData', /invalid/, { common: { device: 'online' }, scanner: { feeder: 'unknown' } }],
    ['SANE_STATUS_IO_ERROR', 'flatbed', 'hardwareError', /scanner error/, { common: { device: 'hardwareError' }, scanner: { feeder: 'unknown' } }],
    ['SANE_STATUS_ACCESS_DENIED', 'flatbed', 'deviceNotReady', /denied/, { common: { device: 'offline' }, scanner: { feeder: 'unknown' } }],
  ] as const)('maps %s (%s) to %s', async (status, source, code, message, expected) => {
    const result = await scanner.scan({ source, resolutionDpi: 75, area: AREA, extraOptions: [`--read-return-value=${status}`] });
    expect(result.code).toBe(code);
    expect(result.code !== 'success' && result.message).toMatch(message);
    expect(scanner.status()).toEqual(expected);
  });

  it('reports the cover closed again after a good scan, once it has been seen open', async () => {
    await scanner.scan({ resolutionDpi: 75, area: AREA, extraOptions: ['--read-return-value=SANE_STATUS_COVER_OPEN'] });
    await scanner.scan({ resolutionDpi: 75, area: AREA });
    expect(scanner.status()).toEqual({ common: { device: 'online' }, scanner: { feeder: 'unknown', cover: 'closed' } });
  });

  it('refuses what the scanner cannot do, and malformed pass-through options, without running anything', async () => {
    expect(await scanner.scan({ mode: 'lineart' })).toEqual({ code: 'unsupported', message: 'this scanner has no lineart mode', pagesScanned: [] });
    expect((await scanner.scan({ resolutionDpi: 0 })).code).toBe('invalidData');
    expect((await scanner.scan({ extraOptions: ['-o /etc/passwd'] })).code).toBe('invalidData');
    expect((await scanner.scan({ source: 'feeder', maxPages: 0 })).code).toBe('invalidData');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a device that is not there as noDevice, and a missing scanimage clearly', async () => {
    const absent = new SaneScanner({ id: 'scanner-2', device: 'test:7', env: sane.env, scanDirectory: dir, pollIntervalMs: 0 });
    await absent.start();
    expect(absent.status().common.device).toBe('noDevice');
    expect(await absent.scan({ resolutionDpi: 75 })).toMatchObject({ code: 'deviceNotReady', message: expect.stringMatching(/scanner not found/) });

    const uninstalled = new SaneScanner({ id: 'scanner-3', device: 'test:0', program: '/nonexistent/scanimage', env: sane.env, pollIntervalMs: 0 });
    await uninstalled.start();
    expect(uninstalled.status().common.device).toBe('noDevice');
    expect(await uninstalled.refresh()).toEqual({ code: 'deviceNotReady', message: 'scanimage not found (Debian: sane-utils)' });
  });
});
