import { describe, expect, it } from 'vitest';
import { UiSettings } from '../contracts/kiosk-api';
import { KioskConfig } from './schema';

describe('KioskConfig schema', () => {
  it('parses {} to the built-in defaults', () => {
    expect(KioskConfig.parse({})).toEqual({
      terminal: { id: 'DEMO-0001', name: '演示终端' },
      dataDir: './data',
      ui: {
        defaultLocale: 'zh-CN',
        elderModeDefault: false,
        speech: { enabled: true, volume: 0.8 },
        idle: { warnAfterSeconds: 90, countdownSeconds: 30 },
      },
      shell: { devTools: false, recovery: { maxReloads: 3, cooldownSeconds: 5, windowSeconds: 600 } },
      browserHost: { host: '127.0.0.1', port: 0, launchBrowser: true, kioskMode: true },
      platform: { mode: 'embedded' },
      logging: { level: 'info', maxFileSizeMb: 10, maxFiles: 14 },
      outbox: { retentionDays: 30, minFreeMb: 64 },
      devices: {
        idCardReader: { kind: 'simulated' },
        receiptPrinter: { kind: 'simulated' },
        documentPrinter: { kind: 'simulated' },
        scanner: { kind: 'simulated' },
        barcodeReader: { kind: 'simulated' },
        camera: { kind: 'simulated' },
      },
      // No staff and no demo PIN: maintenance mode cannot be entered until a site configures its staff.
      maintenance: {
        gesture: { corner: 'topRight', taps: 5, withinSeconds: 3, sizePx: 64 },
        staff: [],
        lockout: { maxFailures: 5, minutes: 15 },
        idleMinutes: 10,
        usbMountRoots: ['/media', '/run/media'],
      },
      // Updates from the `latest` channel, installed between 02:00 and 05:00 China Standard Time.
      updates: { enabled: true, channel: 'latest', quietHours: { start: '02:00', end: '05:00' }, checkEveryMinutes: 15, healthDeadlineSeconds: 300 },
    });
  });

  it('gives the screen a valid UiSettings', () => {
    expect(UiSettings.safeParse(KioskConfig.parse({}).ui).success).toBe(true);
  });

  it('fills defaults inside a partly given object', () => {
    const config = KioskConfig.parse({ ui: { idle: { countdownSeconds: 45 } }, devices: { idCardReader: { kind: 'serial', port: '/dev/ttyUSB0' } } });
    expect(config.ui.idle).toEqual({ warnAfterSeconds: 90, countdownSeconds: 45 });
    expect(config.ui.speech.enabled).toBe(true);
    expect(config.devices.idCardReader).toEqual({ kind: 'serial', port: '/dev/ttyUSB0', baudRate: 115_200 });
  });

  it.each([
    [{ termnial: {} }, 'termnial'],
    [{ ui: { idle: { countdown: 30 } } }, 'countdown'],
    [{ devices: { receiptPrinter: { kind: 'serial', port: '/dev/ttyS1', baud: 9600 } } }, 'baud'],
  ])('rejects the unknown key in %j', (input, key) => {
    const result = KioskConfig.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(key);
  });

  it.each([
    ['a countdown under 20 s (WCAG 2.2.1)', { ui: { idle: { countdownSeconds: 10 } } }],
    ['a volume above 1', { ui: { speech: { volume: 1.5 } } }],
    ['a browser host on another interface', { browserHost: { host: '0.0.0.0' } }],
    ['a remote platform without a URL', { platform: { mode: 'remote' } }],
    ['an ftp platform URL', { platform: { mode: 'remote', url: 'ftp://example.org' } }],
    ['a URL on the embedded platform', { platform: { mode: 'embedded', url: 'https://example.org' } }],
    ['an unknown device kind', { devices: { scanner: { kind: 'twain' } } }],
    ['a serial port that is not a device', { devices: { idCardReader: { kind: 'serial', port: 'ttyUSB0' } } }],
    ['one log file', { logging: { maxFiles: 1 } }],
    ['an unknown log level', { logging: { level: 'verbose' } }],
    ['a terminal id with a slash', { terminal: { id: 'a/b' } }],
  ])('rejects %s', (_name, input) => {
    expect(KioskConfig.safeParse(input).success).toBe(false);
  });

  it('reads USB ids as numbers or as the hex lsusb prints', () => {
    const config = KioskConfig.parse({ devices: { barcodeReader: { kind: 'hid', vendorId: '0c2e', productId: '0x0B61' } } });
    expect(config.devices.barcodeReader).toEqual({ kind: 'hid', vendorId: 0x0c2e, productId: 0x0b61 });
    expect(KioskConfig.parse({ devices: { barcodeReader: { kind: 'hid', vendorId: 3118, productId: 2913 } } }).devices.barcodeReader).toEqual({
      kind: 'hid',
      vendorId: 3118,
      productId: 2913,
    });
  });

  it('accepts every receipt printer transport', () => {
    for (const receiptPrinter of [
      { kind: 'serial', port: '/dev/ttyS1' },
      { kind: 'usb', devicePath: '/dev/usb/lp0' },
      { kind: 'tcp', host: '192.0.2.10' },
    ]) {
      expect(KioskConfig.safeParse({ devices: { receiptPrinter } }).success).toBe(true);
    }
    expect(KioskConfig.parse({ devices: { receiptPrinter: { kind: 'tcp', host: 'p1' } } }).devices.receiptPrinter).toEqual({ kind: 'tcp', host: 'p1', port: 9100 });
  });
});
