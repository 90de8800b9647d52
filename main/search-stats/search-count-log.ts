// The kiosk's hot-search counts (contracts/search-counts.ts): per China Standard Time day and normalised query, the
// day's total and the total the platform has acknowledged. `<dir>/search-counts.json` is replaced atomically and
// durably on every change. The heartbeat lane sends the entries whose total moved past the acknowledged one (the day's
// running total, so a lost answer only means the same totals go again) and confirms them once the platform answered.
import path from 'node:path';
import { z } from 'zod';
import { SearchCount, SearchDay, countableSearch } from '../../contracts/search-counts';
import { readStateFile, writeStateFile } from '../maintenance/state-file';

const Entry = z.strictObject({ day: SearchDay, query: z.string().min(1).max(64), count: z.number().int().positive(), reported: z.number().int().nonnegative() });
type Entry = z.infer<typeof Entry>;
const State = z.strictObject({ entries: z.array(Entry) });

/** Days kept once fully reported (the console's shortest window is a week). */
const KEEP_DAYS = 8;
/** Days kept at most, reported or not (a kiosk offline for longer loses its oldest counts, never grows without end). */
const MAX_DAYS = 31;
/** Distinct queries counted per day; later new ones wait for the next day. */
const MAX_QUERIES_PER_DAY = 500;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

export const chinaDay = (at: number): string => new Date(at + CST_OFFSET_MS).toISOString().slice(0, 10);

export interface SearchCountSource {
  unreported(max: number): SearchCount[];
  /** The platform has these totals. */
  reported(sent: readonly SearchCount[]): void;
}

export class SearchCountLog implements SearchCountSource {
  readonly #file: string;
  readonly #now: () => number;
  readonly #onError: (error: unknown) => void;
  #entries: Entry[];
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(file: string, entries: Entry[], now: () => number, onError: (error: unknown) => void) {
    this.#file = file;
    this.#entries = entries;
    this.#now = now;
    this.#onError = onError;
  }

  /** A damaged file starts empty (counts are statistics, not records); `onError` hears of writes that failed. */
  static async open(dir: string, now: () => number, onError: (error: unknown) => void): Promise<SearchCountLog> {
    const file = path.join(dir, 'search-counts.json');
    const { state } = await readStateFile(file, State, { entries: [] });
    return new SearchCountLog(file, state.entries, now, onError);
  }

  /** A search the citizen used: `query` as typed, `itemCode` the item opened from its results. */
  record(query: string, itemCode: string): Promise<'counted' | 'notCounted'> {
    const counted = countableSearch(query, itemCode);
    if (counted === undefined) return Promise.resolve('notCounted');
    const day = chinaDay(this.#now());
    const entry = this.#entries.find((e) => e.day === day && e.query === counted);
    if (entry) entry.count++;
    else if (this.#entries.filter((e) => e.day === day).length >= MAX_QUERIES_PER_DAY) return Promise.resolve('notCounted');
    else this.#entries.push({ day, query: counted, count: 1, reported: 0 });
    return this.#save().then(() => 'counted' as const);
  }

  unreported(max: number): SearchCount[] {
    return (
      this.#entries
        .filter((e) => e.count > e.reported)
        .map(({ day, query, count }) => ({ day, query, count }))
        // An entry the contract refuses (a hand-edited file) would get every heartbeat refused: it stays behind.
        .filter((e) => SearchCount.safeParse(e).success)
        .sort((a, b) => a.day.localeCompare(b.day))
        .slice(0, max)
    );
  }

  reported(sent: readonly SearchCount[]): void {
    for (const s of sent) {
      const entry = this.#entries.find((e) => e.day === s.day && e.query === s.query);
      if (entry) entry.reported = Math.max(entry.reported, s.count);
    }
    const now = this.#now();
    const keepFrom = chinaDay(now - (KEEP_DAYS - 1) * DAY_MS);
    const dropBefore = chinaDay(now - (MAX_DAYS - 1) * DAY_MS);
    this.#entries = this.#entries.filter((e) => e.day >= dropBefore && (e.day >= keepFrom || e.count > e.reported));
    this.#save().catch(this.#onError);
  }

  /** Waits for writes under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.#writes.catch(() => undefined);
  }

  #save(): Promise<void> {
    const snapshot = { entries: this.#entries.map((e) => ({ ...e })) };
    const write = this.#writes.then(() => writeStateFile(this.#file, snapshot));
    this.#writes = write.catch(() => undefined);
    return write;
  }
}
