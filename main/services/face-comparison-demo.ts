// The DEMO face comparison as a simulated device: `simulation.run` (the tests, `npm run device`, the staff screen)
// scripts the platform's demo identity adapter through its terminal-authenticated control endpoint, so a demo can
// show a match, a mismatch or the comparison service being down. Class `camera`: it stands for what the camera's
// picture is compared to. Registered only on kiosks with simulated devices; against a platform with a real
// identity adapter its actions fail (404).
import { z } from 'zod';
import type { DemoFaceAnswer } from '../../contracts/sync-api';
import { type SimulatorControl, simulatorAction } from '../../drivers/simulation/simulator-control';
import type { PlatformOnline } from './citizen-services';
import { describeFailure } from './platform-failure';

export const FACE_COMPARISON_DEMO_ID = 'face-comparison-demo';

const descriptions: Record<DemoFaceAnswer, string> = {
  match: '演示人脸比对：下一次比对通过 / demo face comparison: the next comparison matches',
  noMatch: '演示人脸比对：下一次比对不通过 / demo face comparison: the next comparison does not match',
  serviceDown: '演示人脸比对：比对服务不可用 / demo face comparison: the comparison service is down for the next comparison',
};

/** `times`: how many comparisons answer this way (queued after what was scripted before). */
const ScriptInput = z.strictObject({ times: z.number().int().min(1).max(20).optional() });

export function faceComparisonDemoControl(platform: PlatformOnline): SimulatorControl {
  const action = (answer: DemoFaceAnswer) =>
    simulatorAction({
      description: descriptions[answer],
      input: ScriptInput,
      run: async ({ times = 1 }) => {
        const result = await platform.request('demoFaceScript', { body: { answers: Array<DemoFaceAnswer>(times).fill(answer) } });
        if (!result.ok) throw new Error(`the platform did not take the script: ${JSON.stringify(describeFailure(result.failure))}`);
      },
    });
  return {
    deviceClass: 'camera',
    deviceId: FACE_COMPARISON_DEMO_ID,
    actions: { match: action('match'), noMatch: action('noMatch'), serviceDown: action('serviceDown') },
  };
}
