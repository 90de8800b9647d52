import { mkdtemp, rm, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntryLockout } from './entry-lockout';

const policy = { maxFailures: 5, minutes: 15 };
const t0 = Date.parse('2026-03-02T08:00:00Z');

describe('the maintenance entry lockout', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lockout-'));
    file = path.join(dir, 'maintenance', 'lockout.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const open = (damaged: () => void = () => expect.fail('not damaged')) => EntryLockout.open(file, policy, t0, damaged);

  it('locks after five wrong PINs in a row, for 15 minutes', async () => {
    const lockout = await open();
    for (const left of [4, 3, 2, 1]) expect(await lockout.failed(t0)).toEqual({ locked: false, attemptsLeft: left });
    expect(await lockout.failed(t0 + 1000)).toEqual({ locked: true, until: t0 + 1000 + 15 * 60_000 });
    expect(lockout.check(t0 + 15 * 60_000)).toEqual({ locked: true, until: t0 + 1000 + 15 * 60_000 });
    expect(lockout.check(t0 + 1000 + 15 * 60_000)).toEqual({ locked: false, attemptsLeft: 5 });
    // After the lock, counting starts again.
    expect(await lockout.failed(t0 + 16 * 60_000)).toEqual({ locked: false, attemptsLeft: 4 });
  });

  it('a right PIN resets the count', async () => {
    const lockout = await open();
    await lockout.failed(t0);
    await lockout.failed(t0);
    await lockout.succeeded();
    expect(lockout.check(t0)).toEqual({ locked: false, attemptsLeft: 5 });
  });

  it('survives a restart: failures and the lock are in a 0600 file', async () => {
    const first = await open();
    for (let i = 0; i < 3; i++) await first.failed(t0);
    expect((await open()).check(t0)).toEqual({ locked: false, attemptsLeft: 2 });
    const second = await open();
    await second.failed(t0);
    await second.failed(t0);
    expect((await open()).check(t0 + 60_000)).toEqual({ locked: true, until: t0 + 15 * 60_000 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('a damaged file locks the entry instead of opening it', async () => {
    await open();
    await (await open()).failed(t0);
    await writeFile(file, '{"failures": "none"');
    let told = false;
    const lockout = await open(() => (told = true));
    expect(told).toBe(true);
    expect(lockout.check(t0)).toEqual({ locked: true, until: t0 + 15 * 60_000 });
  });
});
