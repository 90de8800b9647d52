// What the updater must remember across the restart an install causes: the update being installed (written before
// `quitAndInstall`, judged after the restart), the version the platform pinned the terminal to after a failed
// health check, and the versions that failed here. One small JSON file, replaced atomically and durably.
import path from 'node:path';
import { z } from 'zod';
import { readStateFile, writeStateFile } from '../maintenance/state-file';
import type { PendingUpdate } from './update-health';

const Version = z.string().min(1).max(64);

const UpdateStateSchema = z.strictObject({
  pending: z.strictObject({ channel: z.string().min(1), fromVersion: Version, toVersion: Version, startedAt: z.number().int().nonnegative() }).nullable(),
  pinnedVersion: Version.nullable(),
  failedVersions: z.array(Version).max(100),
});
export type UpdateState = z.output<typeof UpdateStateSchema>;

const empty: UpdateState = { pending: null, pinnedVersion: null, failedVersions: [] };

export class UpdateStateFile {
  readonly #file: string;
  #state: UpdateState;

  private constructor(file: string, state: UpdateState) {
    this.#file = file;
    this.#state = state;
  }

  /** `<dir>/update-state.json`; a damaged file reads as empty (`damaged` says so, for the log). */
  static async open(dir: string): Promise<{ store: UpdateStateFile; damaged: boolean }> {
    const file = path.join(dir, 'update-state.json');
    const read = await readStateFile(file, UpdateStateSchema, empty);
    return { store: new UpdateStateFile(file, read.state), damaged: read.problem === 'damaged' };
  }

  get current(): UpdateState {
    return this.#state;
  }

  /** Durable before it resolves: an install may start right after. */
  async update(change: Partial<UpdateState>): Promise<void> {
    const next = { ...this.#state, ...change };
    await writeStateFile(this.#file, next);
    this.#state = next;
  }

  recordPending(pending: PendingUpdate): Promise<void> {
    return this.update({ pending });
  }

  /** A version that failed its health check here is never taken again (the list keeps the newest 100). */
  recordFailed(version: string, pinnedVersion: string | null): Promise<void> {
    const failedVersions = [...this.#state.failedVersions.filter((v) => v !== version), version].slice(-100);
    return this.update({ pending: null, pinnedVersion, failedVersions });
  }
}
