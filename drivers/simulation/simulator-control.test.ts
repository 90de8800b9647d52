import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SimulationHub, simulatorAction } from './simulator-control';

describe('SimulationHub', () => {
  it('runs a registered action with validated input, and refuses the rest', async () => {
    const hub = new SimulationHub();
    const presented: string[] = [];
    hub.register({
      deviceClass: 'idCardReader',
      deviceId: 'idcard-sim',
      actions: {
        present: simulatorAction({ description: 'present a card', input: z.object({ card: z.string() }), run: ({ card }) => void presented.push(card) }),
      },
    });
    expect(await hub.run('idcard-sim', 'present', { card: 'resident' })).toEqual({ ok: true });
    expect(presented).toEqual(['resident']);
    expect(await hub.run('idcard-sim', 'present', { card: 1 })).toMatchObject({ ok: false });
    expect(await hub.run('idcard-sim', 'toString', {})).toMatchObject({ ok: false, reason: 'idcard-sim has no action toString' });
    expect(await hub.run('printer', 'jam', {})).toMatchObject({ ok: false });
    expect(hub.list()).toEqual([{ deviceId: 'idcard-sim', deviceClass: 'idCardReader', actions: [{ name: 'present', description: 'present a card' }] }]);
  });
});
