import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SimulationHub, simulatorAction } from '../../../drivers/simulation/simulator-control';
import { type CitizenFixture, IDCARD, openCitizenFixture } from '../../services/test-support/citizen-fixture';
import { simulationRun } from './simulation-run';

describe('simulation.run', () => {
  it('runs an action on a simulated device, and refuses unknown devices, actions and bad input with a reason', async () => {
    const kiosk: CitizenFixture = await openCitizenFixture();
    try {
      expect(await kiosk.invoke('simulation.run', { deviceId: IDCARD, action: 'present', input: { card: 'foreign2023' } })).toEqual({ ok: true });
      expect(kiosk.devices.devices.idCardReader.status().idCardReader.media).not.toBe('notPresent');
      expect(await kiosk.invoke('simulation.run', { deviceId: 'printer-9', action: 'jam' })).toEqual({ ok: false, reason: 'no simulated device printer-9' });
      expect(await kiosk.invoke('simulation.run', { deviceId: IDCARD, action: 'explode' })).toMatchObject({ ok: false });
      expect(await kiosk.invoke('simulation.run', { deviceId: IDCARD, action: 'present', input: { card: 'passport' } })).toMatchObject({ ok: false });
    } finally {
      await kiosk.close();
    }
  });

  it('answers an action that throws as a refusal', async () => {
    const hub = new SimulationHub();
    hub.register({
      deviceClass: 'scanner',
      deviceId: 'scanner-1',
      actions: {
        broken: simulatorAction({
          description: 'throws',
          input: z.object({}),
          run: () => {
            throw new Error('simulator gone');
          },
        }),
      },
    });
    expect(await simulationRun(hub)({ deviceId: 'scanner-1', action: 'broken' })).toEqual({ ok: false, reason: 'scanner-1.broken failed: simulator gone' });
  });
});
