import { describe, expect, it } from 'vitest';
import type { DeviceEvent } from '../../contracts/device-model';
import { type CameraPresence, CameraStatus } from './camera-status';

function scripted(initial: CameraPresence) {
  let presence: CameraPresence = initial;
  return { probe: async () => presence, set: (next: CameraPresence) => void (presence = next) };
}

describe('camera status on the Node side', () => {
  it('is noDevice until a camera is seen, offline once it goes, online when it comes back', async () => {
    const probe = scripted({ present: false, reason: 'no camera: no capture node' });
    const camera = new CameraStatus('camera-1', probe.probe, { pollMs: 10 });
    const events: DeviceEvent[] = [];
    camera.onEvent((e) => events.push(e));
    await camera.start();
    expect(camera.status()).toEqual({ common: { device: 'noDevice' }, camera: {} });
    expect(camera.reason).toBe('no camera: no capture node');
    probe.set({ present: true, name: 'USB Camera' });
    await expect.poll(() => camera.status().common.device).toBe('online');
    probe.set({ present: false, reason: 'gone' });
    await expect.poll(() => camera.status().common.device).toBe('offline');
    probe.set({ present: true });
    await expect.poll(() => camera.status().common.device).toBe('online');
    expect(events.map((e) => e.type === 'statusChanged' && e.changes)).toEqual([
      { common: { device: 'online' } },
      { common: { device: 'offline' } },
      { common: { device: 'online' } },
    ]);
    await camera.close();
    expect(camera.status()).toEqual({ common: { device: 'offline' }, camera: {} });
  });

  it('keeps what the renderer reports, merging fields, and refuses a malformed report', async () => {
    const camera = new CameraStatus('camera-1', async () => ({ present: true }));
    await camera.start();
    const events: DeviceEvent[] = [];
    camera.onEvent((e) => events.push(e));
    expect(camera.updateFromRenderer({ permission: 'granted', stream: 'active' })).toEqual({ ok: true });
    expect(camera.updateFromRenderer({ stream: 'idle' })).toEqual({ ok: true });
    expect(camera.status()).toEqual({ common: { device: 'online' }, camera: { permission: 'granted', stream: 'idle' } });
    expect(camera.updateFromRenderer({ permission: 'maybe' })).toMatchObject({ ok: false });
    expect(camera.updateFromRenderer({ stream: 'idle', colour: 'blue' })).toMatchObject({ ok: false });
    expect(events).toEqual([
      { type: 'statusChanged', deviceId: 'camera-1', deviceClass: 'camera', changes: { camera: { permission: 'granted', stream: 'active' } } },
      { type: 'statusChanged', deviceId: 'camera-1', deviceClass: 'camera', changes: { camera: { stream: 'idle' } } },
    ]);
    await camera.close();
  });

  it('trusts the renderer where presence cannot be probed, and survives a probe that throws', async () => {
    const unknown = new CameraStatus('camera-1', async () => ({ present: 'unknown' }));
    await unknown.start();
    expect(unknown.status().common.device).toBe('online');
    await unknown.close();
    const failing = new CameraStatus('camera-2', () => Promise.reject(new Error('EIO')));
    await failing.start();
    expect(failing.status().common.device).toBe('noDevice');
    expect(failing.reason).toBe('probe failed: EIO');
    await failing.close();
  });
});
