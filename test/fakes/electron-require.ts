// Packages that `require('electron')` themselves (electron-updater) are loaded by Node, not by vitest, so the unit
// project's `electron` alias does not reach them — and the real `electron` package would try to download its binary.
// This puts the fake into Node's require cache under the real package's path, so their `require('electron')` gets it.
import { createRequire } from 'node:module';
import * as fake from './electron';

const require = createRequire(import.meta.url);

/** Call before the package is first loaded (import it dynamically after this). */
export function routeRequireOfElectronToFake(): void {
  const resolved = require.resolve('electron');
  // A minimal cache entry: Node reads only `exports` (and `loaded`) of a cached module.
  require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: fake } as unknown as NodeJS.Module;
}
