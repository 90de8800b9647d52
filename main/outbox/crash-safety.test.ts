// Crash safety of accept, proven by killing: a child process accepts transactions in a loop and is SIGKILLed at
// random moments (during start-up and recovery too), 30 times. Afterwards every id a child reported as accepted
// (it reports only after accept resolved) is present and intact, no row is damaged, and no stray file is left.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxPaths } from './open-outbox';
import type { Outbox } from './outbox';
import { claim, crashTransaction, openTestOutbox, seqOf, tempDataDir } from './test-support/outbox-fixture';
import { bundleScript } from './test-support/bundle-script';
import { runKillLoop } from './test-support/kill-loop';

const KILLS = 30;
const script = fileURLToPath(new URL('./test-support/accept-loop.ts', import.meta.url));

describe(`crash safety: accept under ${KILLS} SIGKILLs at random moments`, () => {
  const temp = tempDataDir('outbox-crash-');
  const reported = new Map<string, number>();
  const failures: string[] = [];
  const recoveries: { tempFilesRemoved: number; orphanFilesRemoved: number; flagged: number }[] = [];
  let seed = 0;
  let outbox: Outbox;

  const bundleDir = mkdtempSync(path.join(tmpdir(), 'accept-loop-'));

  beforeAll(async () => {
    const bundle = await bundleScript(script, bundleDir);
    const result = await runKillLoop({
      runs: KILLS,
      command: (run) => ({ file: process.execPath, args: [bundle, temp.dataDir, String(run)] }),
      readyLine: /^ready /,
      // One run in five dies during start-up (opening, recovery); the rest while accepting, 0-250 ms after ready.
      killAt: (run, random) => (run % 5 === 4 ? { from: 'spawn', delayMs: random() * 150 } : { from: 'ready', delayMs: random() * 250 }),
      onLine: (line) => {
        const [word, id, seq] = line.split(' ');
        if (word === 'accepted' && id && seq) reported.set(id, Number(seq));
        else if (word === 'ready') recoveries.push(JSON.parse(line.slice('ready '.length)));
        else failures.push(line);
      },
    });
    seed = result.seed;
    for (const run of result.runs) if (run.end !== 'killed') failures.push(`run ${run.run} ended by itself (${JSON.stringify(run.end)}): ${run.stderr}`);
    outbox = await openTestOutbox(temp.dataDir);
  }, 180_000);

  afterAll(async () => {
    await outbox?.close();
    temp.remove();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('every child ran until killed, and the kills hit accepts', () => {
    expect(failures, `seed ${seed}`).toEqual([]);
    expect(reported.size, `seed ${seed}`).toBeGreaterThan(KILLS);
    expect(recoveries.every((r) => r.flagged === 0), `seed ${seed}: ${JSON.stringify(recoveries)}`).toBe(true);
  });

  it('every reported id is present and intact; so is every other row', async () => {
    expect(outbox.recovery.flagged, `seed ${seed}`).toEqual([]);
    const rows = claim(outbox, { limit: 1_000_000 });
    const ids = new Set(rows.map((r) => r.id));
    const missing = [...reported.keys()].filter((id) => !ids.has(id));
    expect(missing, `seed ${seed}`).toEqual([]);
    // In id order, which is the order the children accepted them.
    expect(rows.map((r) => seqOf(r.createdAt))).toEqual(rows.map((r) => seqOf(r.createdAt)).sort((a, b) => a - b));
    for (const row of rows) {
      const seq = seqOf(row.createdAt);
      if (reported.has(row.id)) expect(reported.get(row.id)).toBe(seq);
      const input = crashTransaction(seq);
      expect(row.personal).toEqual(input.personal);
      expect(row.attachments).toHaveLength(input.attachments?.length ?? 0);
      for (const [index, attachment] of (input.attachments ?? []).entries()) {
        const read = await outbox.readAttachment(row.id, index);
        expect(read.ok && 'data' in attachment && read.data.equals(attachment.data), `seed ${seed}: ${row.id} #${index}`).toBe(true);
      }
    }
  });

  it('leaves no temporary or orphan file', () => {
    const names = readdirSync(outboxPaths(temp.dataDir).attachments).sort();
    const referenced = outbox
      .list({ limit: 1_000_000 })
      .flatMap((r) => Array.from({ length: r.attachmentCount }, (_, i) => `${r.id}.${i}.sealed`))
      .sort();
    expect(names).toEqual(referenced);
  });
});
