// Two bundles in one build. dist/cli/main.js (over tsc's): cli/main.ts with the warm credential_process, which every
// AWS SDK starts, in one file. dist/cli/bundle/program.cjs: the rest of the CLI (program, commands, core/ and the
// libraries they use, the AWS SDK included), one chunk per command, loaded when main.js does not answer on its own:
// a few chunks load much faster than the hundreds of modules they are made of (assume, atlas-sso ui), and CommonJS
// chunks faster than ES ones, which Node links asynchronously. What is large and needed only by a sign-in, a
// connection test or the keychain stays outside: playwright-core, the MongoDB driver, the native keychain binding.
// tsc's separate modules stay for the desktop app (dist/cli/program.js, run with --cli).
import { builtinModules, createRequire } from 'node:module';
import type { InlineConfig, Plugin } from 'vite';
import { build, defineConfig } from 'vite';

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
/** Large, native or needed only by a sign-in or a connection test: loaded from node_modules when used. */
const outside = ['@napi-rs/keyring', 'playwright-core', 'mongodb'] as const;
const requiredBuiltin = '\0required-builtin:';
/**
 * Built-in modules through `process.getBuiltinModule`, never an ES import, whose facade reads every export, getters
 * included (node:fs's `promises` loads fs/promises and readline). Each export is read on its own, in a call marked
 * pure, so that a bundle keeps, and reads, only the names it uses. node:http's getters are left out: its WebSocket,
 * CloseEvent and MessageEvent load undici (about 29 ms on Node 24), and the AWS SDK's `import('node:http')` takes the
 * whole namespace.
 */
function builtinsWithoutFacades(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'atlas-sso-builtins-without-facades',
    enforce: 'pre',
    // A `require` (CommonJS inside the libraries) keeps the module itself: graceful-fs patches node:fs in place.
    resolveId(source, _importer, { kind }) {
      return builtins.has(source) && kind !== 'require-call' ? `${requiredBuiltin}${source.replace(/^node:/, '')}` : null;
    },
    load(id) {
      if (!id.startsWith(requiredBuiltin)) return null;
      const name = id.slice(requiredBuiltin.length);
      const exported = Object.entries(Object.getOwnPropertyDescriptors(require(`node:${name}`) as object))
        .filter(([, descriptor]) => descriptor.enumerable === true && (name !== 'http' || 'value' in descriptor))
        .map(([key]) => key)
        .filter((key) => /^[A-Za-z_][\w$]*$/.test(key) && key !== 'default');
      return {
        code: [
          // $-names: no built-in exports one, so none is declared twice.
          `const $builtin = process.getBuiltinModule('node:${name}');`,
          'const $read = (key) => $builtin[key];',
          'export default $builtin;',
          ...exported.map((key) => `export const ${key} = /* @__PURE__ */ $read('${key}');`),
        ].join('\n'),
        moduleSideEffects: false,
      };
    },
  };
}

/** What both bundles share: plain Node modules, readable, no maps. */
const forNode = { sourcemap: false, minify: false, target: 'node22', reportCompressedSize: false, ssr: true } as const;

/**
 * `input` and what it imports, libraries included, as CommonJS chunks for Node in `outDir` (the entry named as
 * `input`, .cjs), each dynamic import its own chunk. Also how bench/ builds its reference for `assume`.
 */
export function nodeBundleConfig(input: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    plugins: [builtinsWithoutFacades()],
    ssr: { noExternal: true, external: [...outside] },
    build: {
      ...forNode,
      outDir,
      emptyOutDir: true,
      rollupOptions: { input, output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' } },
    },
  };
}

/**
 * The rest of the CLI (program.ts, its commands, core/, the libraries), all directly in dist/cli/bundle/: one level
 * below dist/cli as tsc's modules are, so setup-profile's `new URL('../main.js', import.meta.url)` still names
 * dist/cli/main.js.
 */
const programConfig = nodeBundleConfig('cli/program.ts', 'dist/cli/bundle');

/** Points main.js at the bundled rest of the CLI and builds it once main.js is written: one `vite build` makes both. */
function buildProgram(): Plugin {
  return {
    name: 'atlas-sso-build-program',
    enforce: 'pre',
    apply: 'build',
    // main.ts's `import('./program.js')` (tsc's module beside it when run unbundled) is the bundled one here.
    resolveId(source, importer) {
      return source === './program.js' && importer?.endsWith('/cli/main.ts') === true ? { id: './bundle/program.cjs', external: true } : null;
    },
    async closeBundle() {
      await build(programConfig);
    },
  };
}

export const config = defineConfig({
  publicDir: false,
  logLevel: 'warn',
  plugins: [buildProgram(), builtinsWithoutFacades()],
  build: {
    ...forNode,
    outDir: 'dist/cli',
    emptyOutDir: false,
    rollupOptions: {
      input: 'cli/main.ts',
      output: { format: 'es', entryFileNames: 'main.js', codeSplitting: false },
      external: [...outside],
    },
  },
});

export default config;
