// The diagnostics commands end to end: the real CLI dispatcher, the real driver, the simulator on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { runDeviceCli } from '../cli/device-cli';
import { receiptCli } from './cli';
import { PrinterSimulator } from './simulator/printer-simulator';

const registry = { receipt: receiptCli };

function harness(signal = new AbortController().signal) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), signal } };
}

let simulator: PrinterSimulator | undefined;
afterEach(async () => simulator?.close());

describe('receipt CLI', () => {
  it('prints the status as JSON', async () => {
    simulator = new PrinterSimulator();
    const { port } = await simulator.serveTcp();
    const h = harness();
    expect(await runDeviceCli(['receipt', 'status', '--port', `tcp://127.0.0.1:${port}`], registry, h.io)).toBe(0);
    expect(JSON.parse(h.out.join('\n'))).toMatchObject({ status: { common: { device: 'online' }, receiptPrinter: { paper: { roll: 'full' } } } });
  });

  it('prints the test receipt: Chinese text, the rare-character line as an image, QR, cut', async () => {
    simulator = new PrinterSimulator();
    const { port } = await simulator.serveTcp();
    const h = harness();
    expect(await runDeviceCli(['receipt', 'test-print', '--port', `tcp://127.0.0.1:${port}`], registry, h.io)).toBe(0);
    expect(JSON.parse(h.out.join('\n'))).toMatchObject({ rasterLines: 1, missingGlyphs: [] });
    const types = simulator.printer.transcript.map((item) => item.type);
    expect(types).toContain('image');
    expect(types).toContain('qr');
    expect(types.at(-1)).toBe('cut');
  });

  it('fails with a one-line reason when there is no printer', async () => {
    const h = harness();
    expect(await runDeviceCli(['receipt', 'status', '--port', 'tcp://127.0.0.1:1'], registry, h.io)).toBe(1);
    expect(h.err).toHaveLength(1);
    expect(h.err[0]).toMatch(/^receipt status: tcp 127\.0\.0\.1:1 is not connected/);
  });

  it('runs the simulator until interrupted', async () => {
    const controller = new AbortController();
    const h = harness(controller.signal);
    const running = runDeviceCli(['receipt', 'simulate', '--tcp', '0'], registry, h.io);
    await expect.poll(() => h.err[0]).toMatch(/^simulated ESC\/POS printer on tcp:\/\/127\.0\.0\.1:\d+/);
    controller.abort();
    expect(await running).toBe(0);
  });
});
