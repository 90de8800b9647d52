// `npm run soak [-- crash|network]`: the long runs that prove durability, kept out of `npm test` (CI stays short).
//   crash    the headless kiosk killed with SIGKILL 200 times under load (test/soak/kiosk-crash-loop.ts)
//   network  1,000 transactions with attachments through the fault-injecting proxy (main/sync/network-faults.test.ts,
//            which runs 200 of them in `npm test`)
// Exit 0 only when nothing accepted was lost or duplicated. Needs `npm run build` first (the kiosk runs from dist/).
import { spawnSync } from 'node:child_process';
import { runKioskCrashLoop } from './kiosk-crash-loop';

async function crash(): Promise<boolean> {
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 2 ** 31);
  console.log(`crash soak: 200 SIGKILLs, seed ${seed} (repeat with SOAK_SEED=${seed})`);
  const report = await runKioskCrashLoop({ kills: 200, seed, log: (line) => console.log(`  ${line}`) });
  const ok =
    report.reportedAccepted > 0 &&
    report.missing.length === 0 &&
    report.duplicated.length === 0 &&
    report.incompleteAttachments.length === 0;
  console.log(
    `crash soak: ${report.kills} kills in ${(report.durationMs / 1000).toFixed(0)} s; ${report.reportedAccepted} reported accepted, ` +
      `${report.atPlatform} at the platform; ${report.killsFollowedByAccepts} of ${report.kills} lives ended with new accepts; missing ${report.missing.length}, duplicated ${report.duplicated.length}, ` +
      `attachments incomplete ${report.incompleteAttachments.length} — ${ok ? 'PASS' : 'FAIL'}`,
  );
  if (!ok) console.log(JSON.stringify({ missing: report.missing, duplicated: report.duplicated, incomplete: report.incompleteAttachments }));
  return ok;
}

async function network(): Promise<boolean> {
  console.log('network soak: 1,000 transactions through resets, lost answers, blackholes, 503s and a slow link');
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'main/sync/network-faults.test.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SYNC_FAULT_TRANSACTIONS: '1000' },
  });
  const ok = run.status === 0;
  console.log(`network soak: ${ok ? 'PASS' : 'FAIL'}`);
  return ok;
}

const soaks: Record<string, () => Promise<boolean>> = { crash, network };

async function main(): Promise<number> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(soaks);
  let ok = true;
  for (const name of names) {
    const run = soaks[name];
    if (!run) {
      console.error(`unknown soak "${name}"; known: ${Object.keys(soaks).join(', ')}`);
      return 2;
    }
    ok = (await run()) && ok;
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
