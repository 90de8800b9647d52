// Builds the ID card reader the configuration asks for, for the composition root.
//
// `serial`: the driver on a reconnecting serial port. `simulated`: the same driver against the GA 467 simulator, so a
// demo or a test exercises the real protocol code. The simulator sits on the far end of a socat pty pair when socat
// is installed (the real serial stack: termios, serialport's bindings, unplug detection), and otherwise on an
// in-process byte pipe, so a kiosk without socat still starts; `simulatorTransport` forces one or the other.
import type { z } from 'zod';
import type { IdCardReaderConfig } from '../../kiosk-config/schema';
import type { SimulationHub } from '../simulation/simulator-control';
import { ReconnectingPort } from '../common/reconnecting-port';
import { type PtyPair, createPtyPair } from '../common/pty-pair';
import { IdCardReader, type IdCardReaderOptions } from './id-card-reader';
import type { PhotoDecoder } from './photo-decoder';
import { Ga467Simulator, type SimulatorPort } from './simulator/ga467-simulator';
import { createMemoryPortPair } from './simulator/memory-port-pair';
import { idCardSimulatorControl } from './simulator/simulator-control';

export type IdCardReaderSettings = z.output<typeof IdCardReaderConfig>;

export interface CreateIdCardReaderOptions {
  /** The device id in events and in the simulation hub, e.g. `idcard-1`. */
  id: string;
  /** Where a simulated reader registers its controls. */
  hub?: SimulationHub;
  pollIntervalMs?: number;
  /** Read fingerprints (30 10). Not in the configuration schema yet; default false. */
  fingerprint?: boolean;
  /** Read the appended address (30 03). Not in the configuration schema yet; default true. */
  appendedAddress?: boolean;
  photoDecoder?: PhotoDecoder;
  /** For `simulated` only. Default `auto`: a pty pair when socat is there, the in-process pipe otherwise. */
  simulatorTransport?: 'auto' | 'pty' | 'memory';
}

export interface RunningIdCardReader {
  device: IdCardReader;
  /** Present for `simulated`. */
  simulation?: { simulator: Ga467Simulator; transport: 'pty' | 'memory' };
  /** Stops the driver, and the simulator with its pty or pipe. */
  close(): Promise<void>;
}

/** The baud rate the simulated line is opened at (the GA 467 default). */
const SIMULATED_BAUD = 115_200;

export async function createIdCardReader(config: IdCardReaderSettings, options: CreateIdCardReaderOptions): Promise<RunningIdCardReader> {
  const driverOptions = (port: IdCardReaderOptions['port']): IdCardReaderOptions => ({
    id: options.id,
    port,
    pollIntervalMs: options.pollIntervalMs,
    fingerprint: options.fingerprint,
    appendedAddress: options.appendedAddress,
    photoDecoder: options.photoDecoder,
  });

  if (config.kind === 'serial') {
    const device = new IdCardReader(driverOptions(new ReconnectingPort({ kind: 'serial', path: config.port, baudRate: config.baudRate })));
    await device.start();
    return { device, close: () => device.close() };
  }

  const line = await openSimulatedLine(options.id, options.simulatorTransport ?? 'auto');
  const simulator = new Ga467Simulator(line.devicePort);
  const device = new IdCardReader(driverOptions(line.driverPort));
  const unregister = options.hub?.register(idCardSimulatorControl(options.id, simulator));
  await device.start();
  return {
    device,
    simulation: { simulator, transport: line.transport },
    async close() {
      unregister?.();
      await device.close();
      simulator.close();
      await line.close();
    },
  };
}

interface SimulatedLine {
  transport: 'pty' | 'memory';
  driverPort: ReconnectingPort;
  devicePort: SimulatorPort;
  close(): Promise<void>;
}

async function openSimulatedLine(id: string, transport: 'auto' | 'pty' | 'memory'): Promise<SimulatedLine> {
  if (transport !== 'memory') {
    let pty: PtyPair | undefined;
    try {
      pty = await createPtyPair();
    } catch (error) {
      if (transport === 'pty') throw error;
    }
    if (pty) {
      const ptyPair = pty;
      const devicePort = new ReconnectingPort({ kind: 'serial', path: ptyPair.devicePath, baudRate: SIMULATED_BAUD });
      await devicePort.start();
      return {
        transport: 'pty',
        driverPort: new ReconnectingPort({ kind: 'serial', path: ptyPair.driverPath, baudRate: SIMULATED_BAUD }),
        devicePort,
        async close() {
          await devicePort.close();
          await ptyPair.close();
        },
      };
    }
  }
  const pair = createMemoryPortPair(`simulated ${id}`);
  // The spec only names the line in messages; `open` hands over the in-process end instead of opening a device.
  const driverPort = new ReconnectingPort({ kind: 'serial', path: `memory:${id}`, baudRate: SIMULATED_BAUD }, { open: async () => pair.driverEnd });
  return { transport: 'memory', driverPort, devicePort: pair.deviceEnd, close: () => pair.driverEnd.close() };
}
