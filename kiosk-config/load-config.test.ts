import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfigArgument } from './config-argument';
import { ConfigError, formatConfigError, loadKioskConfig, readConfigLayer } from './load-config';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: unknown): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

async function loadError(paths: string[]): Promise<ConfigError> {
  const error: unknown = await loadKioskConfig(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('loadKioskConfig', () => {
  it('lays the files over the defaults in the order given', async () => {
    const base = await file('base.json', { terminal: { name: 'base' }, logging: { level: 'debug', maxFiles: 5 } });
    const site = await file('site.json', { terminal: { name: 'site', site: 'Branch 1' }, logging: { level: 'warn' } });
    const terminal = await file('terminal.json', { terminal: { id: 'T-7' }, logging: { maxFiles: 3 } });
    const { config, layers } = await loadKioskConfig([base, site, terminal]);
    expect(config.terminal).toEqual({ id: 'T-7', name: 'site', site: 'Branch 1' });
    expect(config.logging).toEqual({ level: 'warn', maxFileSizeMb: 10, maxFiles: 3 });
    expect(layers.map((layer) => layer.source)).toEqual([base, site, terminal]);
  });

  it("names the file that broke the configuration and the field's path", async () => {
    const site = await file('site.json', { devices: { receiptPrinter: { kind: 'serial', port: '/dev/ttyS1' } } });
    const terminal = await file('terminal.json', { devices: { receiptPrinter: { kind: 'serial', port: '' } } });
    const error = await loadError([site, terminal]);
    expect(error.source).toBe(terminal);
    expect(error.issues[0]?.path).toBe('devices.receiptPrinter.port');
    const line = formatConfigError(error);
    expect(line).not.toContain('\n');
    expect(line).toMatch(new RegExp(`^invalid configuration: ${terminal.replace(/[.\\]/g, '\\$&')}: devices\\.receiptPrinter\\.port: .*serial device`));

    const badSite = await file('bad-site.json', { ui: { idle: { countdownSeconds: 5 } } });
    const siteError = await loadError([badSite, terminal]);
    expect(siteError.source).toBe(badSite);
    expect(siteError.issues[0]?.path).toBe('ui.idle.countdownSeconds');
  });

  it('reports invalid JSON with line and column', async () => {
    const bad = await file('bad.json', '{\n  "terminal": { "name": "x" },\n  "dataDir": \'/tmp\'\n}\n');
    const error = await loadError([bad]);
    expect(error.message).toBe(`${bad}: invalid JSON at line 3, column 14: unexpected '''`);
  });

  it('reports an unknown key with its path', async () => {
    const error = await loadError([await file('typo.json', { browserHost: { prot: 8080 } })]);
    expect(error.message).toContain('browserHost.prot: unknown setting');
  });

  it('reports a missing file, a directory and an empty file', async () => {
    const missing = path.join(dir, 'missing.json');
    expect((await loadError([missing])).message).toBe(`${missing}: file not found`);
    expect((await loadError([dir])).message).toBe(`${dir}: is a directory, not a file`);
    const empty = await file('empty.json', '  \n');
    expect((await loadError([empty])).message).toContain('file is empty');
  });

  it('reads a file that starts with a byte order mark', async () => {
    const layer = await readConfigLayer(await file('bom.json', '\uFEFF{ "dataDir": "/x" }'));
    expect(layer.data).toEqual({ dataDir: '/x' });
  });
});

describe('the example configurations', () => {
  it('demo: everything simulated, embedded platform', async () => {
    const { config } = await loadKioskConfig([resolveConfigArgument('demo', { projectRoot, cwd: dir })]);
    expect(config.platform).toEqual({ mode: 'embedded' });
    expect(Object.values(config.devices).every((device) => device.kind === 'simulated')).toBe(true);
  });

  it('branch: real devices on named ports, remote platform', async () => {
    const { config } = await loadKioskConfig([resolveConfigArgument('branch', { projectRoot, cwd: dir })]);
    expect(config.dataDir).toBe('/var/lib/gov-kiosk');
    expect(config.platform).toMatchObject({ mode: 'remote', url: expect.stringMatching(/^https:\/\//) as unknown });
    expect(config.devices).toEqual({
      idCardReader: { kind: 'serial', port: '/dev/ttyUSB0', baudRate: 115_200 },
      receiptPrinter: { kind: 'serial', port: '/dev/ttyS1', baudRate: 9600 },
      documentPrinter: { kind: 'cups', queue: 'A4' },
      scanner: { kind: 'sane', device: 'fujitsu:fi-7160:123' },
      barcodeReader: { kind: 'serial', port: '/dev/ttyACM0', baudRate: 9600 },
      camera: { kind: 'webcam' },
    });
  });

  it('branch with a site file that switches to a USB receipt printer', async () => {
    const site = await file('site.json', { devices: { receiptPrinter: { kind: 'usb', devicePath: '/dev/usb/lp0' } } });
    const { config } = await loadKioskConfig([resolveConfigArgument('branch', { projectRoot, cwd: dir }), site]);
    expect(config.devices.receiptPrinter).toEqual({ kind: 'usb', devicePath: '/dev/usb/lp0' });
  });
});
