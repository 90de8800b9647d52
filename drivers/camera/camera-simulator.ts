// A simulated camera: always plugged in unless told otherwise, and it shows one still test picture (a head-and-
// shoulders silhouette inside a face guide, colour bars, "模拟摄像头"). The picture reaches the renderer the way a real
// camera's would: Chromium plays `simulator-still.mjpeg` as its fake capture device (`chromiumArgs`), so the
// renderer's getUserMedia path runs unchanged; Node-side code that needs a still without a renderer calls `capture`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type Completion, failure, success } from '../../contracts/device-model';
import { type SimulatorControl, simulatorAction } from '../simulation/simulator-control';
import type { CameraPresence, CameraStatus } from './camera-status';

/**
 * The still beside this file. A single-frame MJPEG file is a plain JPEG; Chromium's file capture wants the .mjpeg
 * name. Resolved on first use: in a bundle without `import.meta.url` (the Electron main is CommonJS) the composition
 * root passes `stillImagePath` instead, and nothing fails at import time.
 */
export function bundledStillImagePath(): string {
  return fileURLToPath(new URL('./simulator-still.mjpeg', import.meta.url));
}

export const STILL_IMAGE = { width: 640, height: 480 } as const;
export const SIMULATED_CAMERA_NAME = 'Simulated Camera';

export interface StillFrame {
  jpeg: Buffer;
  width: number;
  height: number;
}

export class CameraSimulator {
  readonly #stillImagePath: string | undefined;
  #connected = true;

  constructor(options: { stillImagePath?: string } = {}) {
    this.#stillImagePath = options.stillImagePath;
  }

  get stillImagePath(): string {
    return this.#stillImagePath ?? bundledStillImagePath();
  }

  /** The presence probe for CameraStatus. */
  readonly probe = async (): Promise<CameraPresence> =>
    this.#connected ? { present: true, name: SIMULATED_CAMERA_NAME } : { present: false, reason: 'simulated camera disconnected' };

  get connected(): boolean {
    return this.#connected;
  }

  /** Chromium switches that make its fake capture device show the still (browser host, Electron appendSwitch). */
  chromiumArgs(): string[] {
    return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${this.stillImagePath}`];
  }

  /** The still as a JPEG, refused like a real camera would be when unplugged. */
  async capture(): Promise<Completion<StillFrame>> {
    if (!this.#connected) return failure('deviceNotReady', 'simulated camera disconnected');
    try {
      return success({ jpeg: await readFile(this.stillImagePath), width: STILL_IMAGE.width, height: STILL_IMAGE.height });
    } catch (error) {
      return failure('hardwareError', `simulated camera has no picture: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The control surface; actions act on `status` at once rather than at its next poll. */
  control(status: CameraStatus): SimulatorControl {
    const none = z.strictObject({});
    const setConnected = async (connected: boolean): Promise<void> => {
      this.#connected = connected;
      await status.refresh();
    };
    return {
      deviceClass: 'camera',
      deviceId: status.id,
      actions: {
        disconnect: simulatorAction({ description: '拔下摄像头 / unplug the camera', input: none, run: () => setConnected(false) }),
        connect: simulatorAction({ description: '接回摄像头 / plug the camera back in', input: none, run: () => setConnected(true) }),
        // What the renderer would report after the browser refused getUserMedia (or the user said no).
        denyPermission: simulatorAction({
          description: '拒绝摄像头权限 / camera permission denied',
          input: none,
          run: () => void status.updateFromRenderer({ permission: 'denied', stream: 'idle' }),
        }),
        grantPermission: simulatorAction({
          description: '允许摄像头权限 / camera permission granted',
          input: none,
          run: () => void status.updateFromRenderer({ permission: 'granted' }),
        }),
      },
    };
  }
}
