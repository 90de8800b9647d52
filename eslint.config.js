// Lint, including the import boundaries of design.md ("Boundaries"): who may import whom is enforced here, not
// remembered. test/lint/import-boundaries.test.ts proves each rule fires on a forbidden import.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * One boundary: files under `files` may not import the named packages (exact names, with their subpaths) or anything
 * matched by the folder patterns (gitignore-style globs). `node: true` forbids Node's built-ins.
 */
function boundary(files, { packages = [], folders = [], node = false }, message, ignores = []) {
  const names = [...packages, ...(node ? nodeBuiltins : [])];
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: names.map((name) => ({ name, message })),
          patterns: [
            ...(folders.length ? [{ group: folders, message }] : []),
            // Subpaths of forbidden packages (`react-dom/client`, `fs/promises`) and, with `node`, every `node:` import.
            ...(names.length ? [{ regex: `^(${names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})/`, message }] : []),
            ...(node ? [{ regex: '^node:', message }] : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Command-line entry points talk to a person on the terminal.
    files: ['scripts/**', 'main/start.ts', 'drivers/cli/main.ts', 'platform/cli/**', 'test/bench/**', 'test/soak/run-soak.ts'],
    rules: { 'no-console': 'off' },
  },
  boundary(
    ['contracts/**'],
    { node: true, packages: ['electron', 'react', 'react-dom', 'ws', 'pino'], folders: ['**/main/**', '**/renderer/**', '**/drivers/**', '**/platform/**', '**/kiosk-config/**'] },
    'contracts/ is environment-neutral: it may import only zod and other contracts.',
  ),
  boundary(
    ['renderer/**'],
    { node: true, packages: ['electron', 'ws', 'pino', 'pino-roll'], folders: ['**/main/**', '**/drivers/**', '**/platform/**', '**/kiosk-config/**'] },
    'renderer/ runs in a sandboxed page: it reaches the Node side only through KioskApi (contracts/kiosk-api).',
  ),
  boundary(
    ['drivers/**'],
    { packages: ['electron', 'react', 'react-dom'], folders: ['**/main/**', '**/renderer/**', '**/platform/**'] },
    'drivers/ know nothing of citizens or shells: they expose only the device model (contracts/).',
  ),
  boundary(
    ['platform/**'],
    { packages: ['electron', 'react', 'react-dom'], folders: ['**/main/**', '**/renderer/**', '**/drivers/**', '**/kiosk-config/**'] },
    'platform/ is another system: it shares only contracts/ with the kiosk.',
  ),
  boundary(
    ['kiosk-config/**'],
    { packages: ['electron', 'react', 'react-dom'], folders: ['**/main/**', '**/renderer/**', '**/drivers/**', '**/platform/**'] },
    'kiosk-config/ describes the kiosk; it does not depend on the code it configures.',
  ),
  boundary(
    ['main/**'],
    { packages: ['electron', 'electron-updater', 'react', 'react-dom'], folders: ['**/renderer/**', '**/platform/**'] },
    'Only main/electron/ may import electron (and electron-updater, which needs it); main/ never imports renderer/ or platform/ code.',
    ['main/electron/**', 'main/composition/**'],
  ),
  boundary(
    ['main/electron/**'],
    { packages: ['react', 'react-dom'], folders: ['**/renderer/**', '**/platform/**'] },
    'The Electron shell loads the renderer build by URL; it never imports renderer/ or platform/ code.',
  ),
  boundary(
    ['main/composition/**'],
    { packages: ['electron', 'react', 'react-dom'], folders: ['**/renderer/**'] },
    'The composition root is shell-neutral: no electron, no renderer code.',
  ),
);
