import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileExclusively, ensureDirectory, isTempName, removeFiles, writeFileAtomically } from './durable-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'durable-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('durable files', () => {
  it('writes a file atomically with mode 0600 and leaves no temporary file', async () => {
    await writeFileAtomically(dir, 'a.bin', Buffer.from('hello'));
    expect(readFileSync(path.join(dir, 'a.bin'), 'utf8')).toBe('hello');
    expect(statSync(path.join(dir, 'a.bin')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.bin']);
  });

  it('leaves nothing behind when the write fails', async () => {
    await expect(writeFileAtomically(path.join(dir, 'missing'), 'a.bin', Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    writeFileSync(path.join(dir, 'blocker'), '');
    // The final name is a directory: the rename fails after the temporary file was written.
    await ensureDirectory(path.join(dir, 'taken'));
    writeFileSync(path.join(dir, 'taken', 'inside'), '');
    await expect(writeFileAtomically(dir, 'taken', Buffer.from('x'))).rejects.toBeInstanceOf(Error);
    expect(readdirSync(dir).filter(isTempName)).toEqual([]);
  });

  it('creates a file exclusively: the second writer finds it taken and does not overwrite it', async () => {
    const file = path.join(dir, 'key');
    expect(await createFileExclusively(file, Buffer.from('first'))).toBe('created');
    expect(await createFileExclusively(file, Buffer.from('second'))).toBe('exists');
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(dir)).toEqual(['key']);
  });

  it('removes files, ignoring missing ones', async () => {
    writeFileSync(path.join(dir, 'a'), '');
    expect(await removeFiles(dir, ['a', 'b'])).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates directories with mode 0700', async () => {
    await ensureDirectory(path.join(dir, 'x', 'y'));
    expect(statSync(path.join(dir, 'x', 'y')).mode & 0o777).toBe(0o700);
  });
});
