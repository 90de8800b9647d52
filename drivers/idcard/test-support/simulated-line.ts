// A GA 467 simulator on one end of a socat pty pair, and the driver's reconnecting port on the other: the real serial
// stack for tests and the benchmark. Timings are short so failure paths finish quickly.
import type { DeviceStatus } from '../../../contracts/device-model';
import { ReconnectingPort } from '../../common/reconnecting-port';
import { type PtyPair, createPtyPair } from '../../common/pty-pair';
import type { Ga467LinkOptions } from '../ga467-link';
import type { IdCardReader } from '../id-card-reader';
import { Ga467Simulator, type Ga467SimulatorOptions } from '../simulator/ga467-simulator';

export interface SimulatedLine {
  pty: PtyPair;
  simulator: Ga467Simulator;
  /** For the driver: not started. */
  driverPort: ReconnectingPort;
  /** The simulator's end, to inject raw bytes. */
  devicePort: ReconnectingPort;
  /**
   * Pulls the "cable" and waits until both ends have noticed. (An end that gets no I/O error notices only by the port's
   * periodic path check; plugged back in before that, it would keep its dead descriptor.)
   */
  unplug(): Promise<void>;
  close(): Promise<void>;
}

function disconnected(port: ReconnectingPort): Promise<void> {
  if (port.state.state === 'disconnected') return Promise.resolve();
  return new Promise((resolve) => {
    const stop = port.onState((state) => {
      if (state.state !== 'disconnected') return;
      stop();
      resolve();
    });
  });
}

const quickReconnect = { retryMs: 25, maxRetryMs: 100 };

export async function createSimulatedLine(options: Ga467SimulatorOptions & { baudRate?: number } = {}): Promise<SimulatedLine> {
  const baudRate = options.baudRate ?? 115_200;
  const pty = await createPtyPair();
  const devicePort = new ReconnectingPort({ kind: 'serial', path: pty.devicePath, baudRate }, quickReconnect);
  await devicePort.start();
  const simulator = new Ga467Simulator(devicePort, options);
  const driverPort = new ReconnectingPort({ kind: 'serial', path: pty.driverPath, baudRate }, quickReconnect);
  return {
    pty,
    simulator,
    driverPort,
    devicePort,
    async unplug() {
      await pty.unplug();
      await Promise.all([disconnected(driverPort), disconnected(devicePort)]);
    },
    async close() {
      simulator.close();
      await driverPort.close();
      await devicePort.close();
      await pty.close();
    },
  };
}

/** Reply timeouts short enough that a silent reader is noticed in well under a second. */
export const quickLink: Ga467LinkOptions = {
  replyTimeoutsMs: { samStatus: 150, readSamId: 150, findCard: 150, selectCard: 150, readAppendedAddress: 300, readBaseInfo: 1_000, readWithFingerprint: 1_000 },
  quietMs: 30,
};

/** Resolves once the device's status satisfies `predicate`; rejects after `timeoutMs`, naming the last status. */
export function statusBecomes(
  device: IdCardReader,
  predicate: (status: DeviceStatus<'idCardReader'>) => boolean,
  timeoutMs = 4_000,
): Promise<void> {
  if (predicate(device.status())) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`status stayed ${JSON.stringify(device.status())}`));
    }, timeoutMs);
    const stop = device.onEvent(() => {
      if (!predicate(device.status())) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
