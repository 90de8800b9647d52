import { describe, expect, it } from 'vitest';
import { SimulationHub } from '../simulation/simulator-control';
import { createIdCardReader } from './create-id-card-reader';
import { createSimulatedLine, statusBecomes } from './test-support/simulated-line';

describe('createIdCardReader', () => {
  it.each(['pty', 'memory'] as const)('simulated over %s: the real driver against the simulator, scripted through the hub', async (transport) => {
    const hub = new SimulationHub();
    const running = await createIdCardReader({ kind: 'simulated' }, { id: 'idcard-1', hub, pollIntervalMs: 20, simulatorTransport: transport });
    try {
      expect(running.simulation?.transport).toBe(transport);
      expect(running.device.status().common.device).toBe('online');
      expect(hub.list()).toMatchObject([{ deviceId: 'idcard-1', deviceClass: 'idCardReader' }]);
      expect(await hub.run('idcard-1', 'present', { card: 'residentRareName' })).toEqual({ ok: true });
      await statusBecomes(running.device, (s) => s.idCardReader.media === 'present');
      const card = await running.device.read({ timeoutMs: 3_000 });
      expect(card.code === 'success' && card.value.text).toMatchObject({ name: '蓝𠮷䶮' });
      expect(await hub.run('idcard-1', 'remove', undefined)).toEqual({ ok: true });
      await statusBecomes(running.device, (s) => s.idCardReader.media === 'notPresent');
    } finally {
      await running.close();
    }
    expect(hub.list()).toEqual([]);
    expect(running.device.status().common.device).toBe('offline');
  });

  it('simulated without socat falls back to the in-process line, so the kiosk still starts', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let running: Awaited<ReturnType<typeof createIdCardReader>> | undefined;
    try {
      running = await createIdCardReader({ kind: 'simulated' }, { id: 'idcard-1' });
    } finally {
      process.env.PATH = path;
    }
    expect(running.simulation?.transport).toBe('memory');
    expect(running.device.status().common.device).toBe('online');
    await running.close();
  });

  it('serial: the driver on the configured port', async () => {
    const line = await createSimulatedLine();
    const running = await createIdCardReader({ kind: 'serial', port: line.pty.driverPath, baudRate: 115_200 }, { id: 'idcard-1', fingerprint: true });
    try {
      expect(running.simulation).toBeUndefined();
      expect(running.device.status().common.device).toBe('online');
      expect(running.device.capabilities).toMatchObject({ fingerprint: true, appendedAddress: true, photoDecoding: false });
    } finally {
      await running.close();
      await line.close();
    }
  });
});
