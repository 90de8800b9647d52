import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulationHub } from '../simulation/simulator-control';
import { STILL_IMAGE, bundledStillImagePath } from './camera-simulator';
import { type RunningCameraStatus, createCameraStatus } from './create-camera-status';

/** Width and height from a JPEG's SOF0/SOF2 marker, parsed here independently of whoever wrote the file. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | undefined {
  for (let at = 2; at + 9 < jpeg.length; ) {
    if (jpeg[at] !== 0xff) return undefined;
    const marker = jpeg[at + 1] as number;
    if (marker === 0xc0 || marker === 0xc2) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return undefined;
}

let running: RunningCameraStatus | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('simulated camera', () => {
  it('ships a JPEG of the size it claims', async () => {
    const jpeg = await readFile(bundledStillImagePath());
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect(jpegSize(jpeg)).toEqual({ width: STILL_IMAGE.width, height: STILL_IMAGE.height });
  });

  it('is present, serves the still, and is scripted through the hub', async () => {
    const hub = new SimulationHub();
    running = await createCameraStatus({ kind: 'simulated' }, { id: 'camera-1', hub, pollMs: 60_000 });
    const { device, simulator } = running;
    if (!simulator) throw new Error('simulated mode has a simulator');
    expect(device.status()).toEqual({ common: { device: 'online' }, camera: {} });
    expect(hub.list()[0]?.actions.map((a) => a.name)).toEqual(['disconnect', 'connect', 'denyPermission', 'grantPermission']);
    expect(simulator.chromiumArgs()).toEqual(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${bundledStillImagePath()}`]);

    const still = await simulator.capture();
    if (still.code !== 'success') throw new Error(still.message);
    expect(jpegSize(still.value.jpeg)).toEqual({ width: 640, height: 480 });

    // Actions take effect at once, not at the next poll (a minute away here).
    expect(await hub.run('camera-1', 'disconnect', {})).toEqual({ ok: true });
    expect(device.status().common.device).toBe('offline');
    expect(await simulator.capture()).toMatchObject({ code: 'deviceNotReady' });
    expect(await hub.run('camera-1', 'connect', {})).toEqual({ ok: true });
    expect(device.status().common.device).toBe('online');
    expect(await hub.run('camera-1', 'denyPermission', {})).toEqual({ ok: true });
    expect(device.status().camera).toEqual({ permission: 'denied', stream: 'idle' });
    expect(await hub.run('camera-1', 'grantPermission', {})).toEqual({ ok: true });
    expect(device.status().camera.permission).toBe('granted');
    await running.close();
    expect(hub.list()).toEqual([]);
  });

  it('answers hardwareError when its picture is missing', async () => {
    running = await createCameraStatus({ kind: 'simulated' }, { id: 'camera-1', stillImagePath: '/nonexistent/still.mjpeg' });
    expect(await running.simulator?.capture()).toMatchObject({ code: 'hardwareError' });
  });
});
