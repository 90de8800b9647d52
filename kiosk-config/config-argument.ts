// The `--config` argument: a named example ("demo", "branch") or a path to a config file.
import path from 'node:path';

export const namedConfigs = ['demo', 'branch'] as const;
export type NamedConfig = (typeof namedConfigs)[number];

export function isNamedConfig(argument: string): argument is NamedConfig {
  return (namedConfigs as readonly string[]).includes(argument);
}

/**
 * The file `--config` refers to. A name is looked up in kiosk-config/examples/ under `projectRoot` (the caller knows
 * where that is, from source and when bundled in dist/main/); anything else is a path, relative to `cwd`. A file
 * actually called "demo" in the working directory is reached as "./demo".
 */
export function resolveConfigArgument(argument: string, options: { projectRoot: string; cwd: string }): string {
  if (isNamedConfig(argument)) return path.join(options.projectRoot, 'kiosk-config', 'examples', `${argument}.json`);
  return path.resolve(options.cwd, argument);
}
