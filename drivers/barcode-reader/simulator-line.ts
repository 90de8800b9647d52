// The wire between the simulated reader and the driver. Normally a socat pty pair, so the driver runs its real serial
// stack (serialport, termios) against the simulator; where socat is missing (a developer laptop, Windows) an
// in-process pair stands in, with the same unplug behaviour but no serial stack in between.
import { type BytePort, describePort, openBytePort, type PortSpec } from '../common/byte-port';
import { type PtyPair, createPtyPair } from '../common/pty-pair';

export interface SimulatorLine {
  /** The spec the driver opens (the driver's end of the line). */
  readonly driverSpec: PortSpec;
  /** Set for the in-process line: the driver's ReconnectingPort must open through it. */
  readonly open?: (spec: PortSpec) => Promise<BytePort>;
  /** Sends bytes as the reader would; false when the line is unplugged. */
  write(bytes: Uint8Array): Promise<boolean>;
  /** The reader is unplugged: the driver's port disappears. */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

/** The reader's factory setting; a pty ignores the rate, but the driver opens it like a real port. */
const BAUD_RATE = 9600;

export async function createPtyLine(): Promise<SimulatorLine> {
  const pty: PtyPair = await createPtyPair();
  let device: BytePort | undefined;
  const openDevice = async (): Promise<void> => {
    device = await openBytePort({ kind: 'serial', path: pty.devicePath, baudRate: BAUD_RATE });
  };
  try {
    await openDevice();
  } catch (error) {
    await pty.close();
    throw error;
  }
  const closeDevice = async (): Promise<void> => {
    const port = device;
    device = undefined;
    await port?.close();
  };
  return {
    driverSpec: { kind: 'serial', path: pty.driverPath, baudRate: BAUD_RATE },
    async write(bytes) {
      if (!device) return false;
      await device.write(bytes);
      return true;
    },
    async unplug() {
      await closeDevice();
      await pty.unplug();
    },
    async replug() {
      if (device) return;
      await pty.replug();
      await openDevice();
    },
    async close() {
      await closeDevice();
      await pty.close();
    },
  };
}

/** Both ends in this process: the driver's end is a BytePort handed to its ReconnectingPort through `open`. */
export function createInProcessLine(): SimulatorLine {
  const driverSpec: PortSpec = { kind: 'serial', path: '/dev/simulated-barcode-reader', baudRate: BAUD_RATE };
  let plugged = true;
  let driverEnd: { data: Set<(chunk: Buffer) => void>; close: Set<(error?: Error) => void>; closed: boolean } | undefined;

  const closeDriverEnd = (error?: Error): void => {
    const end = driverEnd;
    driverEnd = undefined;
    if (!end || end.closed) return;
    end.closed = true;
    for (const listener of end.close) listener(error);
  };

  return {
    driverSpec,
    async open(spec) {
      if (!plugged) throw new Error(`${describePort(spec)}: no such device (simulated reader unplugged)`);
      closeDriverEnd();
      const end = { data: new Set<(chunk: Buffer) => void>(), close: new Set<(error?: Error) => void>(), closed: false };
      driverEnd = end;
      return {
        description: describePort(spec),
        write: async () => {
          // A barcode reader takes no commands here; what the driver writes goes nowhere, as on a real line.
          if (end.closed) throw new Error(`${describePort(spec)} is closed`);
        },
        onData: (listener) => {
          end.data.add(listener);
          return () => end.data.delete(listener);
        },
        onClose: (listener) => {
          end.close.add(listener);
          return () => end.close.delete(listener);
        },
        close: async () => {
          if (driverEnd === end) closeDriverEnd();
        },
      };
    },
    async write(bytes) {
      if (!plugged) return false;
      // Delivered on a later tick, as bytes from a real port would be.
      const end = driverEnd;
      await new Promise((resolve) => setImmediate(resolve));
      if (end && !end.closed) for (const listener of end.data) listener(Buffer.from(bytes));
      return true;
    },
    async unplug() {
      plugged = false;
      closeDriverEnd(new Error('simulated reader unplugged'));
    },
    async replug() {
      plugged = true;
    },
    async close() {
      plugged = false;
      closeDriverEnd();
    },
  };
}
