// The simulated ID card reader's actions on the shared control surface (drivers/simulation/simulator-control.ts), for
// tests, the demo and the staff screen.
import { z } from 'zod';
import { type SimulatorControl, simulatorAction } from '../../simulation/simulator-control';
import { type Ga467Simulator, corruptionTargets, replyCorruptions } from './ga467-simulator';
import { testCardIds, testCards } from './test-cards';

const noInput = z.object({}).prefault({});

export function idCardSimulatorControl(deviceId: string, simulator: Ga467Simulator): SimulatorControl {
  return {
    deviceClass: 'idCardReader',
    deviceId,
    actions: {
      present: simulatorAction({
        description: `放入身份证 / present an ID card (${testCardIds.map((id) => `${id}: ${testCards[id].description}`).join('; ')})`,
        input: z.object({ card: z.enum(testCardIds).default('resident') }).prefault({}),
        run: ({ card }) => simulator.present(card),
      }),
      remove: simulatorAction({
        description: '取走身份证 / take the card away',
        input: noInput,
        run: () => simulator.remove(),
      }),
      corruptNextReply: simulatorAction({
        description: '下一帧损坏 / damage the next reply, or the next card read (bad checksum, garbage bytes before it, or cut short)',
        input: z
          .object({ kind: z.enum(replyCorruptions).default('badChecksum'), reply: z.enum(corruptionTargets).default('any') })
          .prefault({}),
        run: ({ kind, reply }) => simulator.corruptNextReply(kind, reply),
      }),
      samFault: simulatorAction({
        description: '安全模块故障 / the SAM fails its self-test (status 0x60) until resume',
        input: noInput,
        run: () => simulator.samFault(),
      }),
      silent: simulatorAction({
        description: '读卡器无响应 / the reader stops answering, as if switched off, until resume',
        input: noInput,
        run: () => simulator.silent(),
      }),
      resume: simulatorAction({
        description: '恢复 / end a SAM fault or silence',
        input: noInput,
        run: () => simulator.resume(),
      }),
    },
  };
}
