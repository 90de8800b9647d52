import { describe, expect, it } from 'vitest';
import { commandNames, eventNames, ipcChannels } from './kiosk-api';
import { kioskBridgeChannels, kioskBridgeCommandNames, kioskBridgeEventNames } from './kiosk-bridge';

describe('kiosk-bridge name lists', () => {
  it('match kiosk-api.ts exactly', () => {
    expect([...kioskBridgeCommandNames].sort()).toEqual([...commandNames].sort());
    expect([...kioskBridgeEventNames].sort()).toEqual([...eventNames].sort());
    expect(kioskBridgeChannels).toEqual(ipcChannels);
  });
});
