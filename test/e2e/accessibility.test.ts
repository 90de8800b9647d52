// Issue 5, "Done when": axe-core finds no serious or critical violation (WCAG 2.0/2.1 A and AA) on any screen, in
// zh-CN, zh-CN elder mode and English. The screens are reached by the same walk as `npm run screenshots`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFindings, seriousViolations } from './support/axe';
import { type WalkEnvironment, startWalkEnvironment, walkModes, walkScreens } from './support/screen-walker';

describe('accessibility (axe-core)', () => {
  let env: WalkEnvironment;

  beforeAll(async () => {
    env = await startWalkEnvironment({ bypassCsp: true });
  });

  afterAll(async () => {
    await env?.close();
  });

  it.each(walkModes)('%s: no serious or critical violation on any screen', async (mode) => {
    const problems: string[] = [];
    const screens: string[] = [];
    await walkScreens(env, mode, async (page, screen) => {
      screens.push(screen);
      problems.push(...describeFindings(screen, await seriousViolations(page)));
    });
    // The walk reached every screen it knows (a shortened walk would pass for the wrong reason).
    expect(screens.length).toBeGreaterThanOrEqual(40);
    expect(problems, `axe-core, ${mode}:\n${problems.join('\n')}`).toEqual([]);
  }, 240_000);
});
