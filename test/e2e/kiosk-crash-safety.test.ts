// Crash safety through real processes (issue: "durable before visible"): the headless kiosk is killed with SIGKILL
// at random moments while citizens keep submitting; nothing it reported as accepted may be lost or duplicated.
// `npm run soak` runs the same loop with 200 kills.
import { expect, it } from 'vitest';
import { runKioskCrashLoop } from '../soak/kiosk-crash-loop';

it('loses and duplicates nothing accepted across 10 SIGKILLs of the kiosk under load', async () => {
  const report = await runKioskCrashLoop({ kills: 10, seed: 20261122 });
  expect(report.reportedAccepted).toBeGreaterThan(0);
  // The load survived the kills: most restarted kiosks took new transactions before they were killed in turn.
  expect(report.killsFollowedByAccepts).toBeGreaterThanOrEqual(Math.ceil(report.kills / 4));
  expect(report.missing).toEqual([]);
  expect(report.duplicated).toEqual([]);
  expect(report.incompleteAttachments).toEqual([]);
}, 300_000);
