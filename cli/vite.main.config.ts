// Bundles cli/main.ts with the warm credential_process into one file over tsc's dist/cli/main.js: every AWS SDK
// starts that path, and one file loads faster than the sixteen modules it is made of. The rest of the CLI
// (./program.js, loaded only when the warm path does not answer) stays tsc's separate modules, as does the keychain
// binding (a native addon, loaded only where there is a keychain).
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export const config = defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/cli',
    emptyOutDir: false,
    sourcemap: false,
    minify: false,
    target: 'node22',
    reportCompressedSize: false,
    ssr: true,
    rollupOptions: {
      input: 'cli/main.ts',
      output: { format: 'es', entryFileNames: 'main.js', codeSplitting: false },
      external: ['./program.js', '@napi-rs/keyring', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
    },
  },
});

export default config;
