// The local audit log of staff actions: `<dir>/audit.jsonl`, one StaffAction per line, each appended and fsynced
// before the action's answer (so an action is never done without its record), and `<dir>/audit-reported.json`, the
// seq up to which heartbeats have delivered them to the platform. The sync agent's heartbeat lane reads `unreported`
// and calls `reported` after the platform answered; a lost answer only means the same entries go again.
import { type FileHandle, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StaffAction, type StaffActionKind } from '../../contracts/staff-audit';
import { fsyncDirectory } from '../outbox/durable-files';
import { readStateFile, writeStateFile } from './state-file';

const Cursor = z.strictObject({ reportedSeq: z.number().int().nonnegative() });

export interface StaffAuditSource {
  unreported(max: number): StaffAction[];
  reported(upToSeq: number): void;
}

export class StaffAuditLog implements StaffAuditSource {
  readonly #file: string;
  readonly #cursorFile: string;
  readonly #entries: StaffAction[];
  readonly #onError: (error: unknown) => void;
  #reportedSeq: number;
  /** The file ends in a torn line (a power loss mid-append): the next entry starts on a line of its own. */
  #tornTail: boolean;
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, entries: StaffAction[], reportedSeq: number, tornTail: boolean, onError: (error: unknown) => void) {
    this.#file = path.join(dir, 'audit.jsonl');
    this.#cursorFile = path.join(dir, 'audit-reported.json');
    this.#entries = entries;
    this.#reportedSeq = reportedSeq;
    this.#tornTail = tornTail;
    this.#onError = onError;
  }

  /** `onError`: a cursor that could not be stored (the entries are then reported again, harmlessly). */
  static async open(dir: string, onError: (error: unknown) => void): Promise<StaffAuditLog> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    let text = '';
    try {
      text = await readFile(path.join(dir, 'audit.jsonl'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // A line cut by a power loss mid-append is the only damage an append-only file can take: skip it.
    const entries = text
      .split('\n')
      .map((line) => (line ? StaffAction.safeParse(safeJson(line)) : undefined))
      .flatMap((parsed) => (parsed?.success ? [parsed.data] : []));
    const cursor = await readStateFile(path.join(dir, 'audit-reported.json'), Cursor, { reportedSeq: 0 });
    return new StaffAuditLog(dir, entries, cursor.state.reportedSeq, text.length > 0 && !text.endsWith('\n'), onError);
  }

  /** Appends durably; resolves with the stored entry. */
  record(entry: { at: number; staffId: string | null; action: StaffActionKind; detail?: string }): Promise<StaffAction> {
    const write = this.#writes.then(async () => {
      const stored = StaffAction.parse({
        seq: (this.#entries.at(-1)?.seq ?? 0) + 1,
        at: new Date(entry.at).toISOString(),
        staffId: entry.staffId,
        action: entry.action,
        ...(entry.detail === undefined ? {} : { detail: entry.detail.slice(0, 200) }),
      });
      let handle: FileHandle | undefined;
      try {
        handle = await open(this.#file, 'a', 0o600);
        await handle.appendFile(`${this.#tornTail ? '\n' : ''}${JSON.stringify(stored)}\n`);
        await handle.sync();
        this.#tornTail = false;
      } finally {
        await handle?.close();
      }
      // The first append created the file: its directory entry must be durable too.
      if (this.#entries.length === 0) await fsyncDirectory(path.dirname(this.#file));
      this.#entries.push(stored);
      return stored;
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }

  recent(max: number): StaffAction[] {
    return this.#entries.slice(-max);
  }

  unreported(max: number): StaffAction[] {
    return this.#entries.filter((e) => e.seq > this.#reportedSeq).slice(0, max);
  }

  reported(upToSeq: number): void {
    if (upToSeq <= this.#reportedSeq) return;
    this.#reportedSeq = upToSeq;
    this.#writes = this.#writes.then(() => writeStateFile(this.#cursorFile, { reportedSeq: upToSeq })).catch(this.#onError);
  }

  /** Waits for writes under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#writes;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
