import { describe, expect, it } from 'vitest';
import { SimulationHub } from '../../../drivers/simulation/simulator-control';
import { type CitizenFixture, openCitizenFixture } from '../../services/test-support/citizen-fixture';
import { simulationList } from './simulation-list';

describe('simulation.list', () => {
  it('lists every simulated device of the kiosk with its actions', async () => {
    const kiosk: CitizenFixture = await openCitizenFixture();
    try {
      const { devices } = await kiosk.invoke('simulation.list', {});
      const idCard = devices.find((d) => d.deviceClass === 'idCardReader');
      expect(idCard?.deviceId).toBe('idcard-1');
      expect(idCard?.actions.map((a) => a.name)).toEqual(expect.arrayContaining(['present', 'remove']));
      expect(devices.find((d) => d.deviceClass === 'scanner')?.actions.map((a) => a.name)).toContain('jamAfter');
    } finally {
      await kiosk.close();
    }
  });

  it('is empty when no device is simulated', () => {
    expect(simulationList(new SimulationHub())({})).toEqual({ devices: [] });
  });
});
