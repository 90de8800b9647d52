import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveConfigArgument } from './config-argument';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('resolveConfigArgument', () => {
  it('finds the named examples under the project root', () => {
    for (const name of ['demo', 'branch']) {
      const file = resolveConfigArgument(name, { projectRoot, cwd: '/somewhere/else' });
      expect(file).toBe(path.join(projectRoot, 'kiosk-config', 'examples', `${name}.json`));
      expect(existsSync(file)).toBe(true);
    }
  });

  it('resolves anything else as a path against the working directory', () => {
    expect(resolveConfigArgument('site/a.json', { projectRoot, cwd: '/etc/kiosk' })).toBe('/etc/kiosk/site/a.json');
    expect(resolveConfigArgument('/opt/k.json', { projectRoot, cwd: '/etc/kiosk' })).toBe('/opt/k.json');
    expect(resolveConfigArgument('./demo', { projectRoot, cwd: '/etc/kiosk' })).toBe('/etc/kiosk/demo');
  });
});
