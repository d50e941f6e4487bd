#!/usr/bin/env node
// Offline packaging check: packs the desktop app with electron-builder (`--linux dir`) around a stub Electron (the real
// binary cannot be downloaded here), then opens the app.asar it made and reads the fuses electron-builder flipped.
// Fails unless the archive holds the built main, preload, UI and CLI (dist/cli/program.js, which the app runs with
// --cli) and nothing else of ours: no tests, no sources, no source maps, no devDependencies. It also runs the deb/rpm
// `atlas-sso` launcher from resources against the stub and checks the app would take the arguments as given, and that
// the deb/rpm install scripts keep electron-builder's own verbatim and pass `bash -n`.
// It builds what is stale first (`--skip-build`: never); `--json` prints the findings as one JSON object.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const log = args.has('--json') ? () => undefined : (line) => console.log(line);

/** The fuse wire of Electron 45 as shipped (V1, 8 fuses, '1' on / '0' off): the stub carries it where the real binary does. */
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const shippedWire = '10110001';

/** What electron-builder.yml asks for; a fuse left as shipped would be a security regression. */
const expectedFuses = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (exit ${result.status}):\n${(result.stderr || result.stdout).slice(-4000)}`);
  return result.stdout;
}

/**
 * A folder electron-builder takes for an unpacked Electron: the executable (a script holding the fuse wire) and its
 * licences. The script prints its arguments NUL-separated, so the launcher's call can be checked, and fails.
 */
function makeStubElectron(folder) {
  mkdirSync(path.join(folder, 'resources'), { recursive: true });
  writeFileSync(path.join(folder, 'electron'), `#!/bin/sh\n# ${sentinel}\x01\x08${shippedWire}\nprintf '%s\\0' "$@"\necho "stub Electron: cannot run the app" >&2\nexit 1\n`, { mode: 0o755 });
  writeFileSync(path.join(folder, 'LICENSE'), '');
  writeFileSync(path.join(folder, 'LICENSES.chromium.html'), '');
  writeFileSync(path.join(folder, 'version'), '45.5.0');
}

/** Production dependencies and everything they need, read from the hoisted node_modules. */
function productionClosure() {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dependency);
  };
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const name of Object.keys(own.dependencies ?? {})) visit(name);
  return { closure: seen, devDependencies: Object.keys(own.devDependencies ?? {}) };
}

/**
 * Our deb/rpm install scripts must begin with electron-builder's own, verbatim (its links, chrome-sandbox mode, MIME and
 * AppArmor steps), and still be valid bash once its macros are filled in as it would.
 */
function checkInstallScripts() {
  const found = [];
  const config = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
  for (const name of ['after-install', 'after-remove']) {
    const ours = readFileSync(path.join(root, 'assets', 'linux', `${name}.tpl`), 'utf8');
    const theirs = readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'templates', 'linux', `${name}.tpl`), 'utf8');
    if (!ours.startsWith(theirs)) found.push(`assets/linux/${name}.tpl no longer starts with electron-builder's ${name}.tpl: merge its changes`);
    const option = name === 'after-install' ? 'afterInstall' : 'afterRemove';
    const configured = config.match(new RegExp(`^  ${option}: assets/linux/${name}\\.tpl$`, 'gm')) ?? [];
    if (configured.length !== 2) found.push(`electron-builder.yml should set deb.${option} and rpm.${option} to assets/linux/${name}.tpl`);
    const rendered = ours.replace(/\$\{([a-zA-Z]+)\}/g, (_match, macro) => ({ executable: 'atlas-sso-desktop', sanitizedProductName: 'Atlas SSO' })[macro] ?? `\${${macro}}`);
    if (/\$\{[a-zA-Z]+\}/.test(rendered)) found.push(`assets/linux/${name}.tpl uses a \${macro} electron-builder does not define`);
    const syntax = spawnSync('bash', ['-n'], { input: rendered, encoding: 'utf8' });
    if (syntax.status !== 0) found.push(`assets/linux/${name}.tpl is not valid bash: ${syntax.stderr.trim()}`);
  }
  return found;
}

/**
 * Runs resources/atlas-sso-cli.sh through a link named atlas-sso, as /usr/bin/atlas-sso is, and returns what the app
 * binary (the stub) was started with, and the arguments the app's own decision (the built cliInvocation) takes from it.
 */
async function runLauncher(appDir, args) {
  const bin = path.join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  const link = path.join(bin, 'atlas-sso');
  symlinkSync(path.join(appDir, 'resources', 'atlas-sso-cli.sh'), link);
  const result = spawnSync(link, args, { encoding: 'utf8' });
  const argv = result.stdout.split('\0').slice(0, -1);
  const { cliInvocation } = await import(pathToFileURL(path.join(root, 'dist', 'core', 'desktop', 'cli-invocation.js')).href);
  return { argv, cliArgs: cliInvocation([path.join(appDir, 'atlas-sso-desktop'), ...argv]) ?? null };
}

/** Newest modification time of the .ts files under a folder. */
function newestSource(folder) {
  return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * Builds only what is missing or older than its sources: other suites may be reading dist/ at the same time, so an
 * up-to-date UI is never emptied and rebuilt under them.
 */
function buildWhatIsStale() {
  // tsconfig.electron.json also builds the CLI (and the server its `ui` command loads): electron/cli-mode.ts imports it.
  const built = ['main.js', 'preload.cjs'].map((name) => path.join(root, 'dist', 'electron', name)).concat(path.join(root, 'dist', 'cli', 'program.js'));
  const builtAt = built.every((file) => existsSync(file)) ? Math.min(...built.map((file) => statSync(file).mtimeMs)) : 0;
  if (builtAt < Math.max(...['electron', 'core', 'cli', 'server'].map(newestSource))) {
    log('▶ building the main process and the preload');
    run('npx', ['tsc', '-p', 'tsconfig.electron.json']);
    run('npx', ['vite', 'build', '--config', 'electron/vite.preload.config.ts', '--logLevel', 'warn']);
  }
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) {
    log('▶ building the UI');
    run('npm', ['run', '--silent', 'build:renderer']);
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'atlas-sso-package-'));
const problems = [];
try {
  if (!args.has('--skip-build')) buildWhatIsStale();
  for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'dist/cli/program.js']) {
    if (!existsSync(path.join(root, built))) throw new Error(`${built} is missing: run npm run build:electron first.`);
  }
  const stub = path.join(work, 'electron-stub');
  const output = path.join(work, 'out');
  makeStubElectron(stub);
  log('▶ electron-builder --linux dir (stub Electron, offline)');
  run('npx', ['electron-builder', '--linux', 'dir', '--config', 'electron-builder.yml', '--publish', 'never', `-c.electronDist=${stub}`, '-c.electronVersion=45.5.0', `-c.directories.output=${output}`], {
    // The update feed is the release's to give; any URL makes the config complete.
    ATLAS_SSO_UPDATE_URL: process.env.ATLAS_SSO_UPDATE_URL ?? 'https://updates.invalid/atlas-sso',
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
  });
  const appDir = path.join(output, 'linux-unpacked');
  const archive = path.join(appDir, 'resources', 'app.asar');
  const files = listPackage(archive, { isPack: false }).map((file) => file.split(path.sep).join('/'));
  for (const required of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/dist/cli/program.js']) {
    if (!files.includes(required)) problems.push(`app.asar lacks ${required}`);
  }
  const ours = files.filter((file) => !file.startsWith('/node_modules/'));
  const maps = files.filter((file) => file.endsWith('.map'));
  const tests = files.filter((file) => /\/(test|tests|__tests__)\//.test(file) && !file.startsWith('/node_modules/'));
  const sources = ours.filter((file) => /\.(ts|tsx)$/.test(file) || /^\/(core|electron|cli|server|renderer|test|bench|scripts)\//.test(file));
  if (maps.length > 0) problems.push(`app.asar holds source maps: ${maps.slice(0, 5).join(', ')}`);
  if (tests.length > 0) problems.push(`app.asar holds tests: ${tests.slice(0, 5).join(', ')}`);
  if (sources.length > 0) problems.push(`app.asar holds sources: ${sources.slice(0, 5).join(', ')}`);
  const { closure, devDependencies } = productionClosure();
  const devOnly = devDependencies.filter((name) => !closure.has(name) && files.includes(`/node_modules/${name}/package.json`));
  if (devOnly.length > 0) problems.push(`app.asar holds devDependencies: ${devOnly.join(', ')}`);
  const packageJson = JSON.parse(extractFile(archive, 'package.json').toString('utf8'));
  if (packageJson.main !== 'dist/electron/main.js') problems.push(`the packed package.json's main is ${packageJson.main}, not dist/electron/main.js`);

  problems.push(...checkInstallScripts());
  const launcher = path.join(appDir, 'resources', 'atlas-sso-cli.sh');
  const cliArgs = ['login', '--connection', 'Acme Prod', '--format', 'env', '--', '--cli'];
  let cliLauncher = null;
  if (!existsSync(launcher)) problems.push('resources/atlas-sso-cli.sh is missing: deb/rpm would link /usr/bin/atlas-sso to nothing');
  else {
    if ((statSync(launcher).mode & 0o111) === 0) problems.push('resources/atlas-sso-cli.sh is not executable');
    cliLauncher = await runLauncher(appDir, cliArgs);
    if (!isDeepStrictEqual(cliLauncher.cliArgs, cliArgs)) problems.push(`the atlas-sso launcher started the app with ${JSON.stringify(cliLauncher.argv)}, which it would not take as the CLI call ${JSON.stringify(cliArgs)}`);
  }

  const wire = await getCurrentFuseWire(path.join(appDir, 'atlas-sso-desktop'));
  const fuses = {};
  for (const [name, wanted] of Object.entries(expectedFuses)) {
    const state = wire[FuseV1Options[name]];
    fuses[name] = state === 49 ? true : state === 48 ? false : `unexpected ${state}`;
    if (fuses[name] !== wanted) problems.push(`fuse ${name} is ${fuses[name]}, wanted ${wanted}`);
  }
  const report = { ok: problems.length === 0, problems, fileCount: files.length, ourFiles: ours, fuses, fusesReadFrom: 'the stub executable (same fuse-wire layout as Electron 45)', cliLauncher };
  if (args.has('--json')) console.log(JSON.stringify(report));
  else {
    log(`app.asar: ${files.length} files, ours: ${ours.length}; fuses: ${JSON.stringify(fuses)}`);
    for (const problem of problems) console.error(`✘ ${problem}`);
    if (problems.length === 0) log('✔ package check passed');
  }
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
