// A small JSON state file of maintenance mode (lockout, consumables, the audit cursor): read at start, replaced
// atomically and durably (temp file, fsync, rename, fsync dir; mode 0600) on every change. A missing or damaged file
// reads as `fallback`: the caller says what that means.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ensureDirectory, fsyncDirectory, writeFileAtomically } from '../outbox/durable-files';

export type StateRead<T> = { state: T; problem?: 'damaged' };

export async function readStateFile<S extends z.ZodType>(file: string, schema: S, fallback: z.output<S>): Promise<StateRead<z.output<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: fallback };
    throw error;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? { state: parsed.data } : { state: fallback, problem: 'damaged' };
  } catch {
    return { state: fallback, problem: 'damaged' };
  }
}

export async function writeStateFile(file: string, state: unknown): Promise<void> {
  const dir = path.dirname(file);
  await ensureDirectory(dir);
  await writeFileAtomically(dir, path.basename(file), Buffer.from(`${JSON.stringify(state)}\n`));
  await fsyncDirectory(dir);
}
