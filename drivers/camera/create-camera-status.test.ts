import { afterEach, describe, expect, it } from 'vitest';
import { type RunningCameraStatus, createCameraStatus } from './create-camera-status';

let running: RunningCameraStatus | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('webcam', () => {
  it('on Linux reads presence from the given roots; elsewhere it trusts the renderer', async () => {
    running = await createCameraStatus({ kind: 'webcam', deviceLabel: 'Face Camera' }, { id: 'camera-1', devRoot: '/nonexistent-dev', sysRoot: '/nonexistent-sys', platform: 'linux' });
    expect(running.device.status().common.device).toBe('noDevice');
    await running.close();
    running = await createCameraStatus({ kind: 'webcam' }, { id: 'camera-1', platform: 'win32' });
    expect(running.device.status().common.device).toBe('online');
  });
});
