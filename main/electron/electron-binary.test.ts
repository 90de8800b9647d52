import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

describe('findElectronBinary', () => {
  let root: string;
  let electronDir: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'electron-binary-'));
    await writeFile(path.join(root, 'package.json'), '{"name":"probe"}');
    electronDir = path.join(root, 'node_modules', 'electron');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function installPackage(): Promise<void> {
    await mkdir(electronDir, { recursive: true });
    await writeFile(path.join(electronDir, 'package.json'), '{"name":"electron","main":"index.js"}');
    // If this ran, the probe would have started a download; it must never be required.
    await writeFile(path.join(electronDir, 'index.js'), 'throw new Error("electron/index.js must not be loaded")');
  }

  it('reports a missing package', () => {
    expect(findElectronBinary(root)).toEqual({ missing: 'the electron package is not installed' });
  });

  it('reports a binary that was never downloaded', async () => {
    await installPackage();
    const result = findElectronBinary(root);
    expect(result).toEqual({ missing: expect.stringContaining('never downloaded') });
  });

  it('reports a path.txt that points at nothing', async () => {
    await installPackage();
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toEqual({ missing: expect.stringContaining(path.join('dist', 'electron')) });
  });

  it('finds the binary', async () => {
    await installPackage();
    await writeFile(path.join(electronDir, 'path.txt'), 'electron');
    await mkdir(path.join(electronDir, 'dist'));
    await writeFile(path.join(electronDir, 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toEqual({ path: path.join(electronDir, 'dist', 'electron') });
  });

  it('answers for this repository without downloading anything', () => {
    const result = findElectronBinary(path.resolve(import.meta.dirname, '..', '..'));
    expect('path' in result || 'missing' in result).toBe(true);
  });
});
