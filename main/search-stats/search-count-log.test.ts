import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SearchCountLog } from './search-count-log';

const code = '370200-000112013000';
const noon = Date.parse('2026-11-20T04:00:00Z');
let dir: string;
let clock: number;
const open = () => SearchCountLog.open(dir, () => clock, (error) => { throw error; });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'search-counts-'));
  clock = noon;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('search count log', () => {
  it('counts used searches per China day and normalised query, never personal data, and keeps them across a restart', async () => {
    const log = await open();
    expect(await log.record('公积金', code)).toBe('counted');
    expect(await log.record(' 公积金 ', code)).toBe('counted');
    expect(await log.record('ＧＪＪ', code)).toBe('counted');
    expect(await log.record('11010519491231002X', code)).toBe('notCounted');
    expect(await log.record('13812345678', code)).toBe('notCounted');
    clock = Date.parse('2026-11-20T16:30:00Z'); // 00:30 on the 21st in China
    expect(await log.record('gjj', code)).toBe('counted');
    await log.settled();
    const file = await readFile(path.join(dir, 'search-counts.json'), 'utf8');
    expect(file).not.toContain('11010519491231002X');
    expect(file).not.toContain('13812345678');
    expect((await open()).unreported(10)).toEqual([
      { day: '2026-11-20', query: '公积金', count: 2 },
      { day: '2026-11-20', query: 'gjj', count: 1 },
      { day: '2026-11-21', query: 'gjj', count: 1 },
    ]);
  });

  it('sends the day’s totals until the platform answered: a lost answer sends them again, a count made meanwhile goes next', async () => {
    const log = await open();
    await log.record('社保', code);
    const first = log.unreported(10);
    // The answer was lost: nothing is confirmed, the same total goes again.
    expect(log.unreported(10)).toEqual(first);
    await log.record('社保', code); // counted while the heartbeat was under way
    log.reported(first);
    expect(log.unreported(10)).toEqual([{ day: '2026-11-20', query: '社保', count: 2 }]);
    log.reported(log.unreported(10));
    expect(log.unreported(10)).toEqual([]);
    await log.settled();
    expect((await open()).unreported(10)).toEqual([]);
  });

  it('forgets reported days after a week, unreported ones after a month', async () => {
    const log = await open();
    await log.record('社保', code);
    log.reported(log.unreported(10));
    await log.record('医保', code);
    clock = noon + 8 * 86_400_000;
    await log.record('公积金', code);
    log.reported([]);
    expect(log.unreported(10).map((e) => e.query)).toEqual(['医保', '公积金']);
    clock = noon + 31 * 86_400_000;
    log.reported([]);
    expect(log.unreported(10).map((e) => e.query)).toEqual(['公积金']);
    await log.settled();
  });
});
