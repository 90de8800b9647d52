import { describe, expect, it } from 'vitest';
import { sampleSettings } from '../../../test/contract/kiosk-api-contract-suite';
import { systemGetInfo } from './system-get-info';
import { systemPing } from './system-ping';
import { uiGetSettings } from './ui-get-settings';

describe('KioskApi handlers', () => {
  it('system.ping echoes the nonce with the time it was received', () => {
    const ping = systemPing(() => new Date('2026-01-02T03:04:05.000Z'));
    expect(ping({ nonce: 'abc' })).toEqual({ nonce: 'abc', receivedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('system.getInfo answers the info it was built with', () => {
    const info = {
      product: 'gov-kiosk',
      version: '1.2.3',
      terminalId: 'T1',
      terminalName: 'n',
      shell: 'browser' as const,
      startedAt: new Date(0).toISOString(),
    };
    expect(systemGetInfo(info)({})).toBe(info);
  });

  it('ui.getSettings reads the settings at call time', () => {
    let settings = sampleSettings;
    const handler = uiGetSettings(() => settings);
    expect(handler({})).toBe(sampleSettings);
    settings = { ...sampleSettings, defaultLocale: 'en' };
    expect(handler({})).toEqual(expect.objectContaining({ defaultLocale: 'en' }));
  });
});
