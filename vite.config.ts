// Builds renderer/ into dist/renderer for a strict CSP: no inline script or style, no data: URIs, no eval.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const config = defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Assets stay files, never data: URIs that a CSP would have to allow.
    assetsInlineLimit: 0,
    // Chromium and Electron support modulepreload: the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
    reportCompressedSize: false,
  },
});

export default config;
