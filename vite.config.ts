import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer build: served by app:// in Electron and by the browser host. Relative asset paths work under both.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
  },
});
