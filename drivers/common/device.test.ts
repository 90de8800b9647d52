import { describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { DeviceStatusHolder } from './device';

describe('DeviceStatusHolder', () => {
  it('emits only the changed fields, and nothing when nothing changed', () => {
    const holder = new DeviceStatusHolder('receiptPrinter', 'receipt-1', {
      common: { device: 'online' },
      receiptPrinter: { paper: { roll: 'full' }, media: 'notPresent' },
    });
    const events: DeviceEvent[] = [];
    holder.onEvent((e) => events.push(e));
    holder.set({ common: { device: 'online' }, receiptPrinter: { paper: { roll: 'low' }, media: 'notPresent' } });
    holder.set({ common: { device: 'online' }, receiptPrinter: { paper: { roll: 'low' }, media: 'notPresent' } });
    expect(events).toEqual([
      { type: 'statusChanged', deviceId: 'receipt-1', deviceClass: 'receiptPrinter', changes: { receiptPrinter: { paper: { roll: 'low' } } } },
    ]);
  });

  it('raises paper threshold events on crossings only, separately from status', () => {
    const holder = new DeviceStatusHolder('receiptPrinter', 'receipt-1', { common: { device: 'online' }, receiptPrinter: {} });
    const events: DeviceEvent[] = [];
    holder.onEvent((e) => events.push(e));
    for (const state of ['full', 'low', 'low', 'jammed', 'out', 'full'] as const) holder.consumable({ paper: 'roll' }, state);
    holder.consumable('toner', 'low');
    expect(events.map((e) => (e.type === 'statusChanged' ? e.type : `${e.type}:${e.threshold}`))).toEqual([
      'paperThreshold:low',
      'paperThreshold:out',
      'paperThreshold:full',
      'tonerThreshold:low',
    ]);
  });

  it('keeps going when a listener throws', () => {
    const holder = new DeviceStatusHolder('idCardReader', 'idcard-1', { common: { device: 'online' }, idCardReader: { media: 'notPresent' } });
    const seen: string[] = [];
    holder.onEvent(() => {
      throw new Error('bad listener');
    });
    holder.onEvent((e) => seen.push(e.type));
    holder.set({ common: { device: 'offline' }, idCardReader: { media: 'unknown' } });
    expect(seen).toEqual(['statusChanged']);
    expect(holder.current.common.device).toBe('offline');
  });
});
