// The commands this kiosk has run, with their results: written before a result is reported, so a command whose
// report was lost (or that restarted the app) is reported again and never run twice. Kept in `<dir>/journal.json`.
import path from 'node:path';
import { z } from 'zod';
import { CommandResultRequest } from '../../contracts/remote-operations';
import { readStateFile, writeStateFile } from '../maintenance/state-file';

/** Ids the platform hands out again only while they are pending; the newest few hundred are plenty to remember. */
const KEEP = 200;

const Entry = z.object({ id: z.string(), result: CommandResultRequest, reported: z.boolean() });
type Entry = z.infer<typeof Entry>;
const Journal = z.object({ entries: z.array(Entry) });

export class CommandJournal {
  readonly #file: string;
  #entries: Entry[];

  private constructor(file: string, entries: Entry[]) {
    this.#file = file;
    this.#entries = entries;
  }

  /** A damaged journal reads as empty: at worst a command still pending at the platform runs once more. */
  static async open(dir: string): Promise<CommandJournal> {
    const file = path.join(dir, 'journal.json');
    const read = await readStateFile(file, Journal, { entries: [] });
    return new CommandJournal(file, read.state.entries);
  }

  get(id: string): Entry | undefined {
    return this.#entries.find((e) => e.id === id);
  }

  unreported(): Entry[] {
    return this.#entries.filter((e) => !e.reported);
  }

  async record(id: string, result: z.input<typeof CommandResultRequest>): Promise<void> {
    this.#entries = [...this.#entries.filter((e) => e.id !== id), { id, result: CommandResultRequest.parse(result), reported: false }].slice(-KEEP);
    await writeStateFile(this.#file, { entries: this.#entries });
  }

  async markReported(id: string): Promise<void> {
    const entry = this.get(id);
    if (!entry || entry.reported) return;
    entry.reported = true;
    // Collected logs are needed only until the platform has them.
    delete entry.result.artifact;
    await writeStateFile(this.#file, { entries: this.#entries });
  }
}
