import { describe, expect, it } from 'vitest';
import { UsageError, parseKioskArgs } from './kiosk-args';

describe('kiosk command line', () => {
  it('defaults to the demo configuration, any shell, browser opened', () => {
    expect(parseKioskArgs([])).toEqual({ shell: undefined, config: 'demo', terminal: undefined, port: undefined, browser: true, headless: false, help: false });
  });

  it('reads every option', () => {
    expect(
      parseKioskArgs(['--shell', 'browser', '--config', 'branch', '--terminal', '/etc/t.json', '--port', '8080', '--no-browser']),
    ).toEqual({ shell: 'browser', config: 'branch', terminal: '/etc/t.json', port: 8080, browser: false, headless: false, help: false });
  });

  it('runs headless on the browser host without a browser, and refuses headless Electron', () => {
    expect(parseKioskArgs(['--headless'])).toMatchObject({ shell: 'browser', browser: false, headless: true });
    expect(() => parseKioskArgs(['--headless', '--shell', 'electron'])).toThrow(/headless/);
  });

  it('refuses a bad shell, a bad port and, when strict, unknown options', () => {
    expect(() => parseKioskArgs(['--shell', 'firefox'])).toThrow(UsageError);
    expect(() => parseKioskArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseKioskArgs(['--colour'])).toThrow(UsageError);
  });

  it('ignores switches Electron adds when not strict', () => {
    expect(parseKioskArgs(['/app/main.cjs', '--no-sandbox', '--config', 'branch'], { strict: false }).config).toBe('branch');
  });
});
