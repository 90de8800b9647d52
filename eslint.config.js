// Lint, including the import boundaries of design.md ("Boundaries"): who may import whom is enforced here, not
// remembered. test/lint/import-boundaries.test.ts proves each rule fires on a forbidden import.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', ...builtinModules];

/** One boundary: files under `files` may not import anything matched by `forbidden` (gitignore-style patterns). */
function boundary(files, forbidden, message, ignores = []) {
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'test/lint/fixtures/**'] },
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
    files: ['scripts/**', 'main/start.ts', 'main/cli/**', 'drivers/**/cli/**', 'platform/cli/**'],
    rules: { 'no-console': 'off' },
  },
  boundary(
    ['contracts/**'],
    [...nodeBuiltins, 'electron', 'react', 'react-dom', 'ws', 'pino', '**/main/**', '**/renderer/**', '**/drivers/**', '**/platform/**', '**/kiosk-config/**'],
    'contracts/ is environment-neutral: it may import only zod and other contracts.',
  ),
  boundary(
    ['renderer/**'],
    [...nodeBuiltins, 'electron', 'ws', 'pino', 'pino-*', '**/main/**', '**/drivers/**', '**/platform/**', '**/kiosk-config/**'],
    'renderer/ runs in a sandboxed page: it reaches the Node side only through KioskApi (contracts/kiosk-api).',
  ),
  boundary(
    ['drivers/**'],
    ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/platform/**'],
    'drivers/ know nothing of citizens or shells: they expose only the device model (contracts/).',
  ),
  boundary(
    ['platform/**'],
    ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/drivers/**', '**/kiosk-config/**'],
    'platform/ is another system: it shares only contracts/ with the kiosk.',
  ),
  boundary(
    ['kiosk-config/**'],
    ['electron', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/drivers/**', '**/platform/**'],
    'kiosk-config/ describes the kiosk; it does not depend on the code it configures.',
  ),
  boundary(
    ['main/**'],
    ['electron', 'react', 'react-dom', '**/renderer/**', '**/platform/**'],
    'Only main/electron/ may import electron; main/ never imports renderer/ or platform/ code.',
    ['main/electron/**', 'main/composition/**'],
  ),
  boundary(
    ['main/electron/**'],
    ['react', 'react-dom', '**/renderer/**', '**/platform/**'],
    'The Electron shell loads the renderer build by URL; it never imports renderer/ or platform/ code.',
  ),
  boundary(
    ['main/composition/**'],
    ['electron', 'react', 'react-dom', '**/renderer/**'],
    'The composition root is shell-neutral: no electron, no renderer code.',
  ),
);
