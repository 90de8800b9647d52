// Builds what the kiosk runs: the renderer (Vite → dist/renderer) and the Node side (esbuild → dist/main).
//   tsx scripts/build.ts             build everything
//   tsx scripts/build.ts --if-stale  skip when dist/ is newer than every source file (what `npm start` uses)
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist');
const sourceDirs = ['contracts', 'main', 'renderer', 'drivers', 'kiosk-config', 'platform'];
const sourceFiles = ['package.json', 'package-lock.json', 'vite.config.ts', 'scripts/build.ts'];
/** Written last, so its time says when the whole build finished. */
const stamp = path.join(outDir, 'main', 'start.js');

function newestSource(): number {
  let newest = 0;
  const visit = (p: string): void => {
    const info = statSync(p);
    if (info.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const entry of [...sourceDirs, ...sourceFiles]) {
    const p = path.join(root, entry);
    if (existsSync(p)) visit(p);
  }
  return newest;
}

async function buildNodeSide(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // Packages stay in node_modules: native modules must be loaded from there, and Electron packaging rebuilds them.
    packages: 'external',
  };
  await Promise.all([
    // The Electron main process loads CommonJS most reliably across Electron versions.
    esbuild({ ...common, format: 'cjs', entryPoints: { 'electron-main': 'main/electron/electron-main.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist/main', absWorkingDir: root }),
    // A sandboxed preload cannot require anything but `electron`: everything else is bundled into the one file.
    esbuild({ ...common, packages: undefined, external: ['electron'], format: 'cjs', entryPoints: { preload: 'main/electron/preload.ts' }, outExtension: { '.js': '.cjs' }, outdir: 'dist/main', absWorkingDir: root }),
  ]);
  // start.js last: its time stamps the build (see `stamp`).
  await esbuild({ ...common, format: 'esm', entryPoints: { start: 'main/start.ts' }, outdir: 'dist/main', absWorkingDir: root });
}

async function main(): Promise<void> {
  if (process.argv.includes('--if-stale') && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) {
    return;
  }
  const started = Date.now();
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  await buildNodeSide();
  console.log(`build: dist/renderer and dist/main ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
