import { describe, expect, it } from 'vitest';
import { mergeLayer } from './merge-layers';

describe('mergeLayer', () => {
  it('merges plain objects key by key and leaves both inputs alone', () => {
    const lower = { ui: { idle: { warnAfterSeconds: 60 }, elderModeDefault: true } };
    const upper = { ui: { idle: { countdownSeconds: 40 } } };
    expect(mergeLayer(lower, upper)).toEqual({ ui: { idle: { warnAfterSeconds: 60, countdownSeconds: 40 }, elderModeDefault: true } });
    expect(lower).toEqual({ ui: { idle: { warnAfterSeconds: 60 }, elderModeDefault: true } });
    expect(upper).toEqual({ ui: { idle: { countdownSeconds: 40 } } });
  });

  it('replaces a device entry whole', () => {
    const lower = { devices: { receiptPrinter: { kind: 'serial', port: '/dev/ttyS1', baudRate: 19200 }, scanner: { kind: 'sane', device: 'x' } } };
    const upper = { devices: { receiptPrinter: { kind: 'usb', devicePath: '/dev/usb/lp0' } } };
    expect(mergeLayer(lower, upper)).toEqual({
      devices: { receiptPrinter: { kind: 'usb', devicePath: '/dev/usb/lp0' }, scanner: { kind: 'sane', device: 'x' } },
    });
  });

  it('replaces the platform whole', () => {
    expect(mergeLayer({ platform: { mode: 'remote', url: 'https://a.example' } }, { platform: { mode: 'embedded' } })).toEqual({
      platform: { mode: 'embedded' },
    });
  });

  it('replaces arrays and scalars', () => {
    expect(mergeLayer({ a: [1, 2, 3], b: { c: 1 } }, { a: [9], b: 5 })).toEqual({ a: [9], b: 5 });
  });

  it('keeps a "__proto__" key as data instead of changing the prototype', () => {
    const merged = mergeLayer({}, JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
