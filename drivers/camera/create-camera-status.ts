// Builds the camera status the configuration asks for (kiosk-config/schema.ts, `devices.camera`) and starts it. For
// `simulated` it also creates the simulator and registers its control in the hub.
import type { z } from 'zod';
import type { CameraConfig } from '../../kiosk-config/schema';
import type { SimulationHub } from '../simulation/simulator-control';
import { CameraSimulator } from './camera-simulator';
import { type CameraProbe, CameraStatus } from './camera-status';
import { type VideoRoots, videoDeviceProbe } from './video-devices';

export type CameraConfigEntry = z.output<typeof CameraConfig>;

export interface RunningCameraStatus {
  device: CameraStatus;
  /** Only for `simulated`: its `chromiumArgs()` go to the browser the renderer runs in. */
  simulator?: CameraSimulator;
  close(): Promise<void>;
}

export interface CreateCameraStatusContext extends VideoRoots {
  id: string;
  hub?: SimulationHub;
  /** Where the simulator's still lives when the code runs from a bundle (see camera-simulator.ts). */
  stillImagePath?: string;
  pollMs?: number;
  /** Defaults to `process.platform`; presence is read from V4L2 sysfs only on Linux. */
  platform?: NodeJS.Platform;
}

export async function createCameraStatus(config: CameraConfigEntry, context: CreateCameraStatusContext): Promise<RunningCameraStatus> {
  if (config.kind === 'simulated') {
    const simulator = new CameraSimulator({ stillImagePath: context.stillImagePath });
    const device = new CameraStatus(context.id, simulator.probe, { pollMs: context.pollMs });
    await device.start();
    const unregister = context.hub?.register(simulator.control(device));
    return {
      device,
      simulator,
      async close() {
        unregister?.();
        await device.close();
      },
    };
  }
  // Elsewhere than Linux there is no file-system view of cameras: the status stays online and the renderer's
  // getUserMedia result (NotFoundError, NotReadableError) is what tells.
  const probe: CameraProbe =
    (context.platform ?? process.platform) === 'linux'
      ? videoDeviceProbe({ devRoot: context.devRoot, sysRoot: context.sysRoot, deviceLabel: config.deviceLabel })
      : async () => ({ present: 'unknown' });
  const device = new CameraStatus(context.id, probe, { pollMs: context.pollMs });
  await device.start();
  return { device, close: () => device.close() };
}
