// Restart safety: the agent's process is SIGKILLed at random moments while it drains through a proxy that loses a
// quarter of the platform's answers (committed, never heard). Rows left `sending` come back at the next start
// (outbox recovery), their repeats are answered idempotently, and after a final drain every transaction is at the
// platform exactly once with its attachments intact. (The whole-kiosk crash test, 200 kills under load, is the
// composition's; this one isolates the agent.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FaultProxy, randomFaults, startFaultProxy } from '../../test/support/fault-proxy';
import { bundleScript } from '../outbox/test-support/bundle-script';
import { runKillLoop } from '../outbox/test-support/kill-loop';
import { openTestOutbox, tempDataDir } from '../outbox/test-support/outbox-fixture';
import { type PlatformProcess, startPlatformProcess, storedAttachments } from './test-support/platform-process';
import { accept, demoTransaction, sha256 } from './test-support/sync-fixture';

const KILLS = 8;
const COUNT = 80;
const script = fileURLToPath(new URL('./test-support/agent-runner.ts', import.meta.url));
const sizes = (seq: number) => (seq % 4 === 0 ? [] : seq % 10 === 3 ? [200_000 + seq * 1_000] : [3_000 + seq * 50]);

let platform: PlatformProcess;
let proxy: FaultProxy;
const temp = tempDataDir('sync-restart-');
const bundleDir = mkdtempSync(path.join(tmpdir(), 'agent-runner-'));

beforeAll(async () => {
  platform = await startPlatformProcess();
  proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: platform.port }, plan: randomFaults({ seed: 99, weights: { pass: 3, dropResponse: 1 } }) });
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await platform?.remove();
  temp.remove();
  rmSync(bundleDir, { recursive: true, force: true });
});

it(`delivers everything exactly once across ${KILLS} SIGKILLs of the agent's process`, async () => {
  const outbox = await openTestOutbox(temp.dataDir);
  const ids: string[] = [];
  for (let seq = 0; seq < COUNT; seq++) ids.push(await accept(outbox, demoTransaction(seq, sizes(seq))));
  await outbox.close();

  const bundle = await bundleScript(script, bundleDir);
  const config = (drain: boolean) => JSON.stringify({ dataDir: temp.dataDir, platformUrl: proxy.url, credentials: platform.credentials, drain });
  const recovered: number[] = [];
  const result = await runKillLoop({
    runs: KILLS,
    command: () => ({ file: process.execPath, args: [bundle, config(false)] }),
    readyLine: /^ready$/,
    killAt: (_run, random) => ({ from: 'ready', delayMs: 50 + random() * 400 }),
    onLine: (line) => {
      const [word, count] = line.split(' ');
      if (word === 'recovered') recovered.push(Number(count));
    },
  });
  expect(result.runs.filter((r) => r.end !== 'killed'), `seed ${result.seed}`).toEqual([]);
  const deliveredBeforeDrain = (await platform.transactions()).length;

  const final = await runKillLoop({
    runs: 1,
    command: () => ({ file: process.execPath, args: [bundle, config(true)] }),
    readyLine: /^never$/,
    killAt: () => ({ from: 'spawn', delayMs: 120_000 }),
    onLine: (line) => {
      const [word, count] = line.split(' ');
      if (word === 'recovered') recovered.push(Number(count));
    },
  });
  expect(final.runs[0]?.end, final.runs[0]?.stderr).toEqual({ code: 0, signal: null });

  // Kills landed mid-delivery (rows came back from `sending`), and work was spread over the runs.
  expect(recovered.some((n) => n > 0), JSON.stringify(recovered)).toBe(true);
  expect(deliveredBeforeDrain).toBeGreaterThan(0);

  const check = await openTestOutbox(temp.dataDir);
  expect(check.stats().byState).toMatchObject({ accepted: 0, sending: 0, needsAttention: 0, purged: COUNT });
  await check.close();
  const atPlatform = await platform.transactions();
  expect(atPlatform).toHaveLength(COUNT);
  expect(new Set(atPlatform.map((t) => t.transactionId))).toEqual(new Set(ids));
  expect(atPlatform.every((t) => t.status === 'committed')).toBe(true);
  await platform.stop();
  const stored = await storedAttachments(platform.dataDir);
  for (const [seq, id] of ids.entries()) {
    for (const [index, attachment] of (demoTransaction(seq, sizes(seq)).attachments ?? []).entries()) {
      const data = (attachment as { data: Uint8Array }).data;
      expect(stored.get(`${id}/a${index}`)).toEqual({ size: data.length, sha256: sha256(data), complete: true });
    }
  }
}, 240_000);
