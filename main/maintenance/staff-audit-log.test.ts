import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaffAuditLog } from './staff-audit-log';

const at = Date.parse('2026-03-02T08:00:00Z');
const noError = (error: unknown) => expect.fail(String(error));

describe('the staff audit log', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'audit-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('numbers entries and keeps them on disk before answering', async () => {
    const log = await StaffAuditLog.open(dir, noError);
    const first = await log.record({ at, staffId: null, action: 'enterFailed' });
    const second = await log.record({ at: at + 1000, staffId: 'S-07', action: 'restock', detail: 'receipt paper' });
    expect(first).toEqual({ seq: 1, at: '2026-03-02T08:00:00.000Z', staffId: null, action: 'enterFailed' });
    expect(second.seq).toBe(2);
    const lines = (await readFile(path.join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([first, second]);
  });

  it('hands out what is unreported, and remembers what was reported across a restart', async () => {
    const log = await StaffAuditLog.open(dir, noError);
    for (const action of ['enter', 'testDevice', 'forceSync', 'leave'] as const) await log.record({ at, staffId: 'S-07', action });
    expect(log.unreported(3).map((e) => e.seq)).toEqual([1, 2, 3]);
    log.reported(3);
    expect(log.unreported(100).map((e) => e.seq)).toEqual([4]);
    await log.settled();

    const reopened = await StaffAuditLog.open(dir, noError);
    expect(reopened.unreported(100).map((e) => e.action)).toEqual(['leave']);
    expect((await reopened.record({ at, staffId: 'S-07', action: 'enter' })).seq).toBe(5);
  });

  it('skips a line cut short by a power loss and numbers on', async () => {
    const log = await StaffAuditLog.open(dir, noError);
    await log.record({ at, staffId: 'S-07', action: 'enter' });
    await appendFile(path.join(dir, 'audit.jsonl'), '{"seq":2,"at":"2026-03-02T08:0');
    const reopened = await StaffAuditLog.open(dir, noError);
    expect(reopened.unreported(100).map((e) => e.seq)).toEqual([1]);
    // The torn line ends without a newline; the next entry must start on its own line.
    expect((await reopened.record({ at, staffId: 'S-07', action: 'leave' })).seq).toBe(2);
    expect((await StaffAuditLog.open(dir, noError)).unreported(100).map((e) => e.action)).toEqual(['enter', 'leave']);
  });
});
