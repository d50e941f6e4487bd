// Two bundles in one build. dist/cli/main.js (over tsc's): cli/main.ts with the warm credential_process, which every
// AWS SDK starts, in one file. dist/cli/bundle/program.js: the rest of the CLI (program, commands, core/ and the
// libraries they use, the AWS SDK included), one chunk per command, loaded when main.js does not answer on its own:
// a few chunks load much faster than the hundreds of modules they are made of (assume, atlas-sso ui). What is large
// and needed only by a sign-in, a connection test or the keychain stays outside: playwright-core, the MongoDB driver,
// the native keychain binding. tsc's separate modules stay for the desktop app (dist/cli/program.js, run with --cli).
import { builtinModules, createRequire } from 'node:module';
import type { InlineConfig, Plugin } from 'vite';
import { build, defineConfig } from 'vite';

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
/** Large, native or needed only by a sign-in or a connection test: loaded from node_modules when used. */
const outside = ['@napi-rs/keyring', 'playwright-core', 'mongodb'] as const;
const requiredBuiltin = '\0required-builtin:';
/** The built-in modules whose ES facade is slow: node:http's takes about 29 ms on Node 24 (the next, node:process, 5). */
const slowFacades = new Set(['http']);

/**
 * node:http through `require`, not `import`: an ES import builds the module's facade, which reads every export, and
 * node:http's WebSocket, CloseEvent and MessageEvent are lazy getters that load undici. The named exports are the
 * module's plain values, listed at build time; importing a getter's name fails the build rather than reading it early.
 */
function requireSlowBuiltins(slow: (name: string) => boolean = (name) => slowFacades.has(name)): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'atlas-sso-require-slow-builtins',
    enforce: 'pre',
    resolveId(source) {
      const name = source.replace(/^node:/, '');
      return builtins.has(source) && slow(name) ? `${requiredBuiltin}${name}` : null;
    },
    load(id) {
      if (!id.startsWith(requiredBuiltin)) return null;
      const name = id.slice(requiredBuiltin.length);
      const plain = Object.entries(Object.getOwnPropertyDescriptors(require(`node:${name}`) as object))
        .filter(([key, descriptor]) => descriptor.enumerable === true && 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default')
        .map(([key]) => key);
      // One statement per name, free of side effects, so that the bundle keeps only the names it uses.
      return {
        code: [`const builtin = process.getBuiltinModule('node:${name}');`, 'export default builtin;', ...plain.map((key) => `export const ${key} = builtin.${key};`)].join('\n'),
        moduleSideEffects: false,
      };
    },
  };
}

/** What both bundles share: plain Node ES modules, readable, no maps. */
const forNode = { sourcemap: false, minify: false, target: 'node22', reportCompressedSize: false, ssr: true } as const;

/**
 * The rest of the CLI (program.ts, its commands, core/, the libraries), one chunk per command, all directly in
 * dist/cli/bundle/: one level below dist/cli as tsc's modules are, so setup-profile's `new URL('../main.js',
 * import.meta.url)` still names dist/cli/main.js.
 */
const programConfig: InlineConfig = {
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  plugins: [requireSlowBuiltins()],
  ssr: { noExternal: true, external: [...outside] },
  build: {
    ...forNode,
    outDir: 'dist/cli/bundle',
    emptyOutDir: true,
    rollupOptions: {
      input: 'cli/program.ts',
      output: { format: 'es', entryFileNames: 'program.js', chunkFileNames: '[name]-[hash].js' },
    },
  },
};

/** Points main.js at the bundled rest of the CLI and builds it once main.js is written: one `vite build` makes both. */
function buildProgram(): Plugin {
  return {
    name: 'atlas-sso-build-program',
    enforce: 'pre',
    apply: 'build',
    // main.ts's `import('./program.js')` (tsc's module beside it when run unbundled) is the bundled one here.
    resolveId(source, importer) {
      return source === './program.js' && importer?.endsWith('/cli/main.ts') === true ? { id: './bundle/program.js', external: true } : null;
    },
    async closeBundle() {
      await build(programConfig);
    },
  };
}

export const config = defineConfig({
  publicDir: false,
  logLevel: 'warn',
  plugins: [buildProgram(), requireSlowBuiltins(() => true)],
  build: {
    ...forNode,
    outDir: 'dist/cli',
    emptyOutDir: false,
    rollupOptions: {
      input: 'cli/main.ts',
      // Reading a built-in module's plain value has no side effect: the unused ones are left out.
      treeshake: { propertyReadSideEffects: false },
      // Without comments: every AWS SDK start parses this file, and the sources say it all.
      output: { format: 'es', entryFileNames: 'main.js', codeSplitting: false, comments: false },
      external: [...outside],
    },
  },
});

export default config;
