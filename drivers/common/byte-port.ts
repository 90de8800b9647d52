// A byte stream to a device: a serial port (serialport), a TCP socket (printers on port 9100) or a device node
// (/dev/usb/lp0 of the Linux usblp driver). Drivers speak their protocol over this and never care which it is.
import { open as openFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { SerialPort } from 'serialport';

export type PortSpec =
  | { kind: 'serial'; path: string; baudRate: number }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'deviceNode'; path: string };

export interface BytePort {
  /** Human-readable, for logs and the diagnostics CLI: `serial /dev/ttyUSB0 @115200`. */
  readonly description: string;
  /** Resolves once the bytes are handed to the OS (for serial: drained). */
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the port goes away (unplugged, peer closed, I/O error) or is closed. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
}

/**
 * Parses the CLI and configuration form of a port: `tcp://host:port`, a serial path (`/dev/ttyUSB0`, `COM3`, with an
 * optional `@baud`), or a device node under /dev/usb/ (USB printer class).
 */
export function parsePortSpec(text: string, defaults: { baudRate: number }): PortSpec {
  if (text.startsWith('tcp://')) {
    const url = new URL(text);
    const port = Number(url.port || 9100);
    if (!url.hostname || !Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad TCP address: ${text}`);
    return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  const [path = '', baud] = text.split('@');
  if (path.startsWith('/dev/usb/')) return { kind: 'deviceNode', path };
  // Any absolute path: serial nodes live under /dev, but udev symlinks and test ptys may live elsewhere.
  if (!/^(\/\S+|COM\d+)$/i.test(path)) throw new Error(`not a serial port, device node or tcp:// address: ${text}`);
  const baudRate = baud === undefined ? defaults.baudRate : Number(baud);
  if (!Number.isInteger(baudRate) || baudRate <= 0) throw new Error(`bad baud rate in ${text}`);
  return { kind: 'serial', path, baudRate };
}

export function describePort(spec: PortSpec): string {
  switch (spec.kind) {
    case 'serial':
      return `serial ${spec.path} @${spec.baudRate}`;
    case 'tcp':
      return `tcp ${spec.host}:${spec.port}`;
    case 'deviceNode':
      return `device ${spec.path}`;
  }
}

export function openBytePort(spec: PortSpec, options: { connectTimeoutMs?: number } = {}): Promise<BytePort> {
  switch (spec.kind) {
    case 'serial':
      return openSerial(spec);
    case 'tcp':
      return openTcp(spec, options.connectTimeoutMs ?? 5_000);
    case 'deviceNode':
      return openDeviceNode(spec);
  }
}

/** Listener bookkeeping shared by the three kinds; `closed` fires once whatever the cause. */
class PortEvents {
  readonly data = new Set<(chunk: Buffer) => void>();
  readonly close = new Set<(error?: Error) => void>();
  #closed = false;

  emitData(chunk: Buffer): void {
    for (const listener of this.data) listener(chunk);
  }

  emitClose(error?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.close) listener(error);
  }

  get closed(): boolean {
    return this.#closed;
  }

  port(description: string, write: BytePort['write'], close: () => Promise<void>): BytePort {
    return {
      description,
      write: (data) => (this.#closed ? Promise.reject(new Error(`${description} is closed`)) : write(data)),
      onData: (listener) => {
        this.data.add(listener);
        return () => this.data.delete(listener);
      },
      onClose: (listener) => {
        this.close.add(listener);
        return () => this.close.delete(listener);
      },
      close,
    };
  }
}

function openSerial(spec: Extract<PortSpec, { kind: 'serial' }>): Promise<BytePort> {
  const description = describePort(spec);
  return new Promise((resolve, reject) => {
    const serial = new SerialPort({ path: spec.path, baudRate: spec.baudRate, autoOpen: false });
    serial.open((error) => {
      if (error) return reject(new Error(`${description}: ${error.message}`));
      const events = new PortEvents();
      serial.on('data', (chunk: Buffer) => events.emitData(chunk));
      serial.on('error', (err: Error) => events.emitClose(err));
      serial.on('close', (err?: Error | null) => events.emitClose(err ?? undefined));
      // An unplugged USB adapter (or a vanished pty) takes its device node with it, but the open descriptor does not
      // always report it; watching the node catches both, and a new inode means it was replugged in between.
      const opened = stat(spec.path).then((info) => info.ino, () => undefined);
      const watch = setInterval(() => {
        void Promise.all([opened, stat(spec.path).then((info) => info.ino, () => undefined)]).then(([before, now]) => {
          if (now !== undefined && now === before) return;
          events.emitClose(new Error(`${spec.path} ${now === undefined ? 'disappeared' : 'was replaced'}`));
          if (serial.isOpen) serial.close(() => {});
        });
      }, 500);
      watch.unref();
      events.close.add(() => clearInterval(watch));
      resolve(
        events.port(
          description,
          (data) =>
            new Promise((done, fail) => {
              serial.write(Buffer.from(data), (err) => {
                if (err) return fail(err);
                serial.drain((drainError) => (drainError ? fail(drainError) : done()));
              });
            }),
          () =>
            new Promise((done) => {
              if (!serial.isOpen) return done();
              serial.close(() => done());
            }),
        ),
      );
    });
  });
}

function openTcp(spec: Extract<PortSpec, { kind: 'tcp' }>, connectTimeoutMs: number): Promise<BytePort> {
  const description = describePort(spec);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => socket.destroy(new Error('connect timed out')), connectTimeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${description}: ${error.message}`));
    });
    socket.connect(spec.port, spec.host, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      // A printer that is switched off never sends a FIN; keepalive notices the dead peer.
      socket.setKeepAlive(true, 10_000);
      const events = new PortEvents();
      socket.on('data', (chunk: Buffer) => events.emitData(chunk));
      socket.on('error', (error) => events.emitClose(error));
      socket.on('close', () => events.emitClose());
      resolve(
        events.port(
          description,
          (data) => new Promise((done, fail) => socket.write(data, (err) => (err ? fail(err) : done()))),
          () =>
            new Promise((done) => {
              if (socket.destroyed) return done();
              socket.once('close', () => done());
              socket.end();
              setTimeout(() => socket.destroy(), 1_000).unref();
            }),
        ),
      );
    });
  });
}

async function openDeviceNode(spec: Extract<PortSpec, { kind: 'deviceNode' }>): Promise<BytePort> {
  const description = describePort(spec);
  const handle = await openFile(spec.path, 'r+').catch((error: Error) => {
    throw new Error(`${description}: ${error.message}`);
  });
  const events = new PortEvents();
  // usblp answers status requests on read(); each read waits in a libuv worker until the printer has something.
  void (async () => {
    const buffer = Buffer.alloc(64);
    try {
      while (!events.closed) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead > 0) events.emitData(Buffer.from(buffer.subarray(0, bytesRead)));
        else await new Promise((r) => setTimeout(r, 20));
      }
    } catch (error) {
      events.emitClose(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return events.port(
    description,
    async (data) => {
      await handle.write(data);
    },
    async () => {
      events.emitClose();
      await handle.close().catch(() => {});
    },
  );
}
