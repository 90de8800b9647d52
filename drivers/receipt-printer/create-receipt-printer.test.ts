import { describe, expect, it } from 'vitest';
import { ReceiptPrinterConfig } from '../../kiosk-config/schema';
import { SimulationHub } from '../simulation/simulator-control';
import { createReceiptPrinter } from './create-receipt-printer';
import { PrinterSimulator } from './simulator/printer-simulator';

const fast = { pollIntervalMs: 40, replyTimeoutMs: 300 };

describe('createReceiptPrinter', () => {
  it('starts a simulated printer, registers its controls, and runs the real driver against it', async () => {
    const hub = new SimulationHub();
    const running = await createReceiptPrinter(ReceiptPrinterConfig.parse({ kind: 'simulated' }), { id: 'receipt-1', hub, options: fast });
    try {
      expect(running.device.status().common.device).toBe('online');
      expect(hub.list()[0]?.actions.map((a) => a.name)).toEqual(['setPaper', 'paperRunsOutAfter', 'openCover', 'closeCover', 'cutterFault', 'powerOff', 'powerOn']);
      expect(await hub.run('receipt-1', 'setPaper', { paper: 'out' })).toEqual({ ok: true });
      await expect.poll(() => running.device.status().receiptPrinter.paper).toEqual({ roll: 'out' });
      expect(await hub.run('receipt-1', 'setPaper', { paper: 'sideways' })).toMatchObject({ ok: false });
    } finally {
      await running.close();
    }
    expect(hub.list()).toEqual([]);
  });

  it('connects to a network printer named by a tcp entry', async () => {
    const simulator = new PrinterSimulator();
    const { port } = await simulator.serveTcp();
    const running = await createReceiptPrinter(ReceiptPrinterConfig.parse({ kind: 'tcp', host: '127.0.0.1', port }), { id: 'receipt-2', options: fast });
    try {
      expect(running.device.description).toBe(`tcp 127.0.0.1:${port}`);
      expect(running.device.status().common.device).toBe('online');
    } finally {
      await running.close();
      await simulator.close();
    }
  });

  it('reports powerOff for a device node that is not there, without throwing', async () => {
    const running = await createReceiptPrinter(ReceiptPrinterConfig.parse({ kind: 'usb', devicePath: '/dev/usb/lp-missing' }), { id: 'receipt-3', options: { ...fast, reconnect: { retryMs: 10_000 } } });
    try {
      expect(running.device.status()).toEqual({ common: { device: 'powerOff' }, receiptPrinter: {} });
      expect(await running.device.refreshStatus()).toMatchObject({ code: 'deviceNotReady', message: expect.stringContaining('/dev/usb/lp-missing') });
    } finally {
      await running.close();
    }
  });
});
