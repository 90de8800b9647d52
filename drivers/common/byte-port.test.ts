// byte-port and reconnecting-port through the real stacks: socat ptys for serial, a TCP server on 127.0.0.1.
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { openBytePort, parsePortSpec } from './byte-port';
import { ReconnectingPort } from './reconnecting-port';
import { type PtyPair, createPtyPair } from './pty-pair';

describe('port specs', () => {
  it('parses serial, tcp and device-node forms', () => {
    expect(parsePortSpec('/dev/ttyUSB0', { baudRate: 115200 })).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 115200 });
    expect(parsePortSpec('/dev/ttyS1@9600', { baudRate: 115200 })).toEqual({ kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 });
    expect(parsePortSpec('COM3', { baudRate: 9600 })).toEqual({ kind: 'serial', path: 'COM3', baudRate: 9600 });
    expect(parsePortSpec('tcp://192.0.2.7:9100', { baudRate: 1 })).toEqual({ kind: 'tcp', host: '192.0.2.7', port: 9100 });
    expect(parsePortSpec('tcp://printer.local', { baudRate: 1 })).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePortSpec('/dev/usb/lp0', { baudRate: 1 })).toEqual({ kind: 'deviceNode', path: '/dev/usb/lp0' });
  });

  it('refuses what is none of them', () => {
    expect(() => parsePortSpec('printer', { baudRate: 1 })).toThrow(/not a serial port/);
    expect(() => parsePortSpec('/dev/ttyS0@fast', { baudRate: 1 })).toThrow(/baud/);
    expect(() => parsePortSpec('tcp://:0', { baudRate: 1 })).toThrow();
  });
});

describe('serial over a pty pair', () => {
  let pty: PtyPair | undefined;
  afterEach(async () => pty?.close());

  it('carries bytes both ways', async () => {
    pty = await createPtyPair();
    const port = await openBytePort({ kind: 'serial', path: pty.driverPath, baudRate: 115200 });
    const device = new SerialPort({ path: pty.devicePath, baudRate: 115200 });
    const atDevice: Buffer[] = [];
    device.on('data', (chunk: Buffer) => atDevice.push(chunk));
    const atDriver: Buffer[] = [];
    port.onData((chunk) => atDriver.push(chunk));
    await new Promise((resolve) => device.once('open', resolve));
    await port.write(Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]));
    device.write(Buffer.from([1, 2, 3]));
    await expect.poll(() => Buffer.concat(atDevice).toString('hex')).toBe('aaaaaa9669');
    await expect.poll(() => Buffer.concat(atDriver).toString('hex')).toBe('010203');
    await port.close();
    await new Promise((resolve) => device.close(resolve));
  });

  it('reports an unplugged adapter and reconnects when it returns', async () => {
    pty = await createPtyPair();
    const port = new ReconnectingPort({ kind: 'serial', path: pty.driverPath, baudRate: 9600 }, { retryMs: 20, maxRetryMs: 50 });
    const states: string[] = [];
    port.onState((s) => states.push(s.state));
    expect((await port.start()).state).toBe('connected');
    await pty.unplug();
    await expect.poll(() => states, { timeout: 5_000 }).toEqual(['connected', 'disconnected']);
    await expect(port.write(Uint8Array.from([1]))).rejects.toThrow(/not connected/);
    await pty.replug();
    await expect.poll(() => states, { timeout: 5_000 }).toEqual(['connected', 'disconnected', 'connected']);
    await port.close();
  });
});

describe('tcp', () => {
  it('carries bytes, notices the peer closing, and reconnects', async () => {
    const sockets: Socket[] = [];
    const received: Buffer[] = [];
    const server: Server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk) => received.push(chunk));
      socket.write(Buffer.from([0x12]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const reconnecting = new ReconnectingPort({ kind: 'tcp', host: '127.0.0.1', port }, { retryMs: 20 });
    const states: string[] = [];
    reconnecting.onState((s) => states.push(s.state));
    const fromPrinter: number[] = [];
    reconnecting.onData((chunk) => fromPrinter.push(...chunk));
    await reconnecting.start();
    await reconnecting.write(Uint8Array.from([0x10, 0x04, 0x01]));
    await expect.poll(() => Buffer.concat(received).toString('hex')).toBe('100401');
    await expect.poll(() => fromPrinter).toEqual([0x12]);
    sockets[0]?.destroy();
    await expect.poll(() => states, { timeout: 5_000 }).toEqual(['connected', 'disconnected', 'connected']);
    expect(sockets).toHaveLength(2);
    await reconnecting.close();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails to open a port nobody listens on, with the address in the message', async () => {
    await expect(openBytePort({ kind: 'tcp', host: '127.0.0.1', port: 1 })).rejects.toThrow(/tcp 127\.0\.0\.1:1/);
  });
});
