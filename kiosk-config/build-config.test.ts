import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConfig } from './build-config';
import { ConfigError } from './config-error';

describe('buildConfig', () => {
  it('is the defaults with no layers', () => {
    expect(buildConfig([]).terminal.id).toBe('DEMO-0001');
  });

  it('lets each layer override the ones below it', () => {
    const config = buildConfig([
      { source: 'site', data: { terminal: { name: 'site name', site: 'branch' }, ui: { idle: { warnAfterSeconds: 60 } } } },
      { source: 'terminal', data: { terminal: { name: 'terminal name' }, ui: { idle: { countdownSeconds: 40 } } } },
      { source: 'overrides', data: { ui: { idle: { warnAfterSeconds: 120 } } } },
    ]);
    expect(config.terminal).toEqual({ id: 'DEMO-0001', name: 'terminal name', site: 'branch' });
    expect(config.ui.idle).toEqual({ warnAfterSeconds: 120, countdownSeconds: 40 });
  });

  it('replaces a device entry whole, so a partial entry is an error of the layer that wrote it', () => {
    const site = { source: 'site', data: { devices: { receiptPrinter: { kind: 'serial', port: '/dev/ttyS1' } } } };
    expect(buildConfig([site, { source: 'terminal', data: { devices: { receiptPrinter: { kind: 'usb', devicePath: '/dev/usb/lp0' } } } }]).devices.receiptPrinter).toEqual({
      kind: 'usb',
      devicePath: '/dev/usb/lp0',
    });
    expect(() => buildConfig([site, { source: 'terminal', data: { devices: { receiptPrinter: { port: '/dev/ttyS2' } } } }])).toThrow(
      /^terminal: devices\.receiptPrinter\.kind: /,
    );
  });

  it('names the layer and the field path of an error', () => {
    const error = catchError(() =>
      buildConfig([
        { source: 'site.json', data: { ui: { idle: { countdownSeconds: 30 } } } },
        { source: 'terminal.json', data: { devices: { receiptPrinter: { kind: 'serial', port: 42 } }, ui: { speech: { volume: 2 } } } },
      ]),
    );
    expect(error.source).toBe('terminal.json');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['devices.receiptPrinter.port', 'ui.speech.volume']);
    expect(error.message).toMatch(/^terminal\.json: /);
    expect(error.message).toContain('devices.receiptPrinter.port: Invalid input: expected string, received number');
  });

  it('says "required" for a field the layer left out', () => {
    const error = catchError(() => buildConfig([{ source: 'site.json', data: { devices: { documentPrinter: { kind: 'cups' } } } }]));
    expect(error.message).toBe('site.json: devices.documentPrinter.queue: required (string)');
  });

  it('names a misspelt key by its own path', () => {
    const error = catchError(() => buildConfig([{ source: 'site.json', data: { ui: { idle: { countDownSeconds: 30 } } } }]));
    expect(error.issues).toEqual([{ path: 'ui.idle.countDownSeconds', reason: 'unknown setting' }]);
  });

  it('refuses a layer that is not an object', () => {
    for (const data of [null, [], 'x', 3]) {
      expect(catchError(() => buildConfig([{ source: 'f.json', data }])).message).toBe('f.json: must be a JSON object ({ ... })');
    }
  });

  it('throws nothing but ConfigError for any JSON value as a layer', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (first, second) => {
        for (const layers of [[{ source: 'a', data: first }], [{ source: 'a', data: { ui: first, devices: { camera: second } } }], [{ source: 'a', data: {} }, { source: 'b', data: second }]]) {
          try {
            buildConfig(layers);
          } catch (error) {
            if (!(error instanceof ConfigError)) throw error;
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

function catchError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
