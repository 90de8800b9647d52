// Whether the Electron binary is installed, found without loading the `electron` package: its index.js tries to
// download the binary when it is missing, which hangs or fails on a machine without internet.
//
// Node-only, no `electron` import: `npm start` uses it to choose a shell, the e2e test to decide whether to run.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { path: string } | { missing: string };

export function findElectronBinary(projectRoot: string): ElectronBinary {
  let packageDir: string;
  try {
    // Resolving package.json finds the package wherever npm put it, without executing it.
    packageDir = path.dirname(createRequire(path.join(projectRoot, 'package.json')).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: `it was never downloaded: ${path.relative(projectRoot, pathFile)} is absent` };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return { missing: `${path.relative(projectRoot, pathFile)} is empty` };
  const binary = path.join(packageDir, 'dist', relative);
  if (!existsSync(binary)) return { missing: `${path.relative(projectRoot, binary)} is absent` };
  return { path: binary };
}
