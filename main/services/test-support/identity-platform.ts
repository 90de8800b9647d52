// For the identity tests: the reference platform as a real process (demo identity adapter) and the online client the
// kiosk's citizen services use to reach it, signed as the platform's demo terminal; plus a still frame and a helper
// that presents a code to the simulated QR reader once a read is waiting for it.
import { readFile } from 'node:fs/promises';
import { bundledStillImagePath } from '../../../drivers/camera/camera-simulator';
import { systemClock } from '../../sync/clock';
import { SyncClient } from '../../sync/sync-client';
import { type PlatformProcess, startPlatformProcess } from '../../sync/test-support/platform-process';
import type { CitizenFixture } from './citizen-fixture';

export const BARCODE = 'barcode-1';

export interface IdentityPlatform {
  process: PlatformProcess;
  online: SyncClient;
  close(): Promise<void>;
}

export async function startIdentityPlatform(): Promise<IdentityPlatform> {
  const process = await startPlatformProcess({ demoCatalog: 'full' });
  const online = new SyncClient({ platformUrl: process.url, credentials: process.credentials, clock: systemClock, requestTimeoutMs: 3_000 });
  return {
    process,
    online,
    async close() {
      online.close();
      await process.remove();
    },
  };
}

/** The simulated camera's still picture: a real JPEG, as the screen would send it. */
export async function faceImage(): Promise<{ mimeType: 'image/jpeg'; base64: string }> {
  return { mimeType: 'image/jpeg', base64: (await readFile(bundledStillImagePath())).toString('base64') };
}

/**
 * Presents `text` on the simulated QR reader until `waiting` settles: a reader sends a scan to whoever listens at that
 * moment, and the test cannot see when the service has started listening.
 */
export async function scanWhileWaiting<T>(kiosk: CitizenFixture, waiting: Promise<T>, text: string): Promise<T> {
  let settled = false;
  const settle = (): void => {
    settled = true;
  };
  waiting.then(settle, settle);
  for (let i = 0; i < 50 && !settled; i++) {
    await kiosk.simulate(BARCODE, 'scan', { text });
    await Promise.race([waiting, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  return waiting;
}
