// Bundles electron/preload.ts into one CommonJS file (sandboxed preloads cannot load ES modules or other files),
// and copies the tray icons beside main.js.
import { defineConfig } from 'vite';

export const config = defineConfig({
  publicDir: 'assets/tray',
  build: {
    outDir: 'dist/electron',
    emptyOutDir: false,
    sourcemap: false,
    minify: true,
    target: 'node20',
    reportCompressedSize: false,
    lib: { entry: 'electron/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});

export default config;
