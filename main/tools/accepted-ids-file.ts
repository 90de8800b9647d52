// The file `npm run simulate` writes accepted transaction ids to: one a line, appended, each line fsync'd before the
// session goes on, so a crash test that kills the kiosk (or this tool) can trust every id in it was told "submitted".
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { SerialQueue } from '../services/serial-queue';

export class AcceptedIdsFile {
  readonly #handle: FileHandle;
  readonly #queue = new SerialQueue();

  private constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  /** Opens (or creates) the file for appending; the folder is fsync'd so a new file's name is durable too. */
  static async open(file: string): Promise<AcceptedIdsFile> {
    const handle = await open(file, 'a', 0o644);
    const folder = await open(path.dirname(path.resolve(file)), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return new AcceptedIdsFile(handle);
  }

  /** Resolves once the line is on disk. Appends are serialised, so lines never interleave. */
  append(id: string): Promise<void> {
    return this.#queue.run(async () => {
      await this.#handle.write(`${id}\n`);
      await this.#handle.sync();
    });
  }

  close(): Promise<void> {
    return this.#queue.run(() => this.#handle.close());
  }
}
