// Reads configuration files (JSON) into layers and builds the effective configuration from them.
// The caller names the files; nothing here looks at the environment, the working directory or argv.
import { readFile } from 'node:fs/promises';
import { buildConfig, type ConfigLayer } from './build-config';
import { ConfigError } from './config-error';
import { findJsonSyntaxProblem } from './json-syntax';
import type { KioskConfig } from './schema';

export { ConfigError, formatConfigError } from './config-error';
export type { ConfigLayer } from './build-config';

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read: ${error instanceof Error ? error.message : String(error)}`;
}

/** Reads and parses one JSON file; throws ConfigError naming the file (and line and column for a syntax error). */
export async function readConfigLayer(path: string): Promise<ConfigLayer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(path, [{ path: '', reason: readFailure(error) }]);
  }
  // Editors on Windows like to start UTF-8 files with a byte order mark, which JSON.parse refuses.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ConfigError(path, [{ path: '', reason: 'file is empty (write {} for no settings)' }]);
  try {
    return { source: path, data: JSON.parse(text) as unknown };
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    const reason = problem
      ? `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`
      : `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw new ConfigError(path, [{ path: '', reason }]);
  }
}

/**
 * Builds the configuration from files, lowest precedence first (for the CLI: the --config file, then --site, then
 * --terminal), over the built-in defaults. Returns the layers too: a ConfigStore starts from them.
 * Throws ConfigError naming the first file that is unreadable, not JSON, or makes the configuration invalid.
 */
export async function loadKioskConfig(paths: readonly string[]): Promise<{ config: KioskConfig; layers: ConfigLayer[] }> {
  const layers: ConfigLayer[] = [];
  let config = buildConfig(layers);
  for (const path of paths) {
    layers.push(await readConfigLayer(path));
    // Validate before reading on, so the error is always about the first bad file.
    config = buildConfig(layers);
  }
  return { config, layers };
}
