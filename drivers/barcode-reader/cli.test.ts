// `barcode listen` and `barcode simulate` through the CLI dispatcher, over a socat pty pair: simulate writes to one
// end, listen reads the other.
import { afterEach, describe, expect, it } from 'vitest';
import { runDeviceCli } from '../cli/device-cli';
import { type PtyPair, createPtyPair } from '../common/pty-pair';
import { barcodeCli } from './cli';

const registry = { barcode: barcodeCli };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  return { out, err, controller, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), signal: controller.signal } };
}

let pty: PtyPair | undefined;
afterEach(async () => {
  await pty?.close();
  pty = undefined;
});

describe('barcode CLI', () => {
  it('listen prints each scan as a JSON line until aborted; simulate sends one', async () => {
    pty = await createPtyPair();
    const listener = io();
    const listening = runDeviceCli(['barcode', 'listen', '--port', pty.driverPath, '--baud', '9600'], registry, listener.io);
    await expect.poll(() => listener.err.at(-1)).toMatch(/^listening on serial .*driver @9600/);

    const sender = io();
    const args = ['barcode', 'simulate', '--port', pty.devicePath, '--text', '网证', '--symbology', ']Q1', '--encoding', 'gb18030'];
    expect(await runDeviceCli(args, registry, sender.io)).toBe(0);
    expect(JSON.parse(sender.out[0] as string)).toMatchObject({ sent: 8, hex: '5d5131cdf8d6a40d' });
    await expect.poll(() => listener.out).toEqual([JSON.stringify({ text: '网证', encoding: 'gb18030', symbology: { aimId: ']Q1', name: 'qrCode' } })]);

    listener.controller.abort();
    expect(await listening).toBe(0);
  });

  it('fails with a one-line reason when the port does not exist, or the options are wrong', async () => {
    const missing = io();
    expect(await runDeviceCli(['barcode', 'listen', '--port', '/dev/ttyACM-none'], registry, missing.io)).toBe(1);
    expect(missing.err.at(-1)).toMatch(/^barcode listen: serial \/dev\/ttyACM-none @9600: .*ttyACM-none/);
    const neither = io();
    expect(await runDeviceCli(['barcode', 'listen'], registry, neither.io)).toBe(2);
    expect(neither.err).toEqual(['barcode listen: give either --port P or --hid VID:PID']);
    const badHid = io();
    expect(await runDeviceCli(['barcode', 'listen', '--hid', 'zebra'], registry, badHid.io)).toBe(2);
    const badEncoding = io();
    expect(await runDeviceCli(['barcode', 'simulate', '--port', '/dev/ttyS0', '--text', 'x', '--encoding', 'latin1'], registry, badEncoding.io)).toBe(2);
    expect(badEncoding.err[0]).toMatch(/^barcode simulate: --encoding: /);
  });

  it('listen --hid reports an absent HID reader', async () => {
    const h = io();
    expect(await runDeviceCli(['barcode', 'listen', '--hid', 'fff0:0003'], registry, h.io)).toBe(1);
    expect(h.err.at(-1)).toBe('barcode listen: hid fff0:0003: no HID device fff0:0003 is connected');
  });
});
