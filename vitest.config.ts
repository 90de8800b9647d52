import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fakeElectron = fileURLToPath(new URL('./test/fakes/electron.ts', import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration tests sit next to their code (and in test/integration); they run under plain Node.
        // `electron` resolves to a fake so the shell's wiring is testable without the Electron binary.
        resolve: { alias: { electron: fakeElectron } },
        test: {
          name: 'unit',
          environment: 'node',
          // Many of these tests drive real processes (socat, cupsd, scanimage, PostgreSQL, PGlite). On 2 cores, with
          // files running side by side, one step can take seconds: a generous limit keeps a slow machine from failing a
          // correct test. The limit is a hang guard, not a speed check (speed is measured by `npm run bench`).
          testTimeout: 30_000,
          hookTimeout: 60_000,
          include: ['{contracts,main,renderer,drivers,kiosk-config,platform,scripts,test}/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
        },
      },
      {
        // End-to-end: the built kiosk as a real process, driven through Debian's Chromium. Needs `npm run build`.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
