import { describe, expect, it } from 'vitest';
import { KioskConfig } from './schema';

const hash = 'scrypt$15$8$1$lMB5GngzZnivJkfbKlWbsg$1Ixjqc9vQiwfEYAQc9cx1i4-e8HVmUUeQc80VwDbBvs';

describe('maintenance configuration', () => {
  it('takes staff with PIN hashes, never clear PINs', () => {
    expect(KioskConfig.parse({ maintenance: { staff: [{ id: 'S-07', name: '王工', pinHash: hash }] } }).maintenance.staff).toEqual([{ id: 'S-07', name: '王工', pinHash: hash, canLeaveKioskMode: false }]);
    expect(KioskConfig.safeParse({ maintenance: { staff: [{ id: 'S-07', pinHash: '135790' }] } }).success).toBe(false);
    expect(KioskConfig.safeParse({ maintenance: { staff: [{ id: 'S-07', pin: '135790' }] } }).success).toBe(false);
  });

  it('takes staff cards as hashes too, and needs a PIN or a card for each staff member', () => {
    const staff = { id: 'S-09', cardHash: hash, canLeaveKioskMode: true };
    expect(KioskConfig.parse({ maintenance: { staff: [staff] } }).maintenance.staff).toEqual([staff]);
    expect(KioskConfig.safeParse({ maintenance: { staff: [{ id: 'S-09', cardHash: '330106195603150845' }] } }).success).toBe(false);
    expect(KioskConfig.safeParse({ maintenance: { staff: [{ id: 'S-09' }] } }).success).toBe(false);
  });

  it('looks for USB drives under absolute mount roots', () => {
    expect(KioskConfig.parse({}).maintenance.usbMountRoots).toEqual(['/media', '/run/media']);
    expect(KioskConfig.safeParse({ maintenance: { usbMountRoots: ['media'] } }).success).toBe(false);
  });

  it('runs the reboot hook only by an absolute path', () => {
    expect(KioskConfig.safeParse({ maintenance: { rebootCommand: ['/usr/bin/sudo', '-n', '/usr/local/sbin/gov-kiosk-reboot'] } }).success).toBe(true);
    expect(KioskConfig.safeParse({ maintenance: { rebootCommand: ['reboot'] } }).success).toBe(false);
  });

  it('bounds the gesture so it stays a deliberate act', () => {
    expect(KioskConfig.safeParse({ maintenance: { gesture: { taps: 2 } } }).success).toBe(false);
    expect(KioskConfig.parse({ maintenance: { gesture: { corner: 'bottomLeft' } } }).maintenance.gesture).toEqual({ corner: 'bottomLeft', taps: 5, withinSeconds: 3, sizePx: 64 });
  });
});
