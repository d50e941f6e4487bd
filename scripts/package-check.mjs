#!/usr/bin/env node
// Offline packaging check: packs the desktop app with electron-builder (`--linux dir`) around a stub Electron (the real
// binary cannot be downloaded here), then opens the app.asar it made and reads the fuses electron-builder flipped.
// Fails unless the archive holds the built main, preload and UI and nothing else of ours: no tests, no sources, no
// source maps, no devDependencies. It builds what is stale first (`--skip-build`: never); `--json` prints the findings as one JSON object.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import asar from '@electron/asar';
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

/** A folder electron-builder takes for an unpacked Electron: the executable (a script holding the fuse wire) and its licences. */
function makeStubElectron(folder) {
  mkdirSync(path.join(folder, 'resources'), { recursive: true });
  writeFileSync(path.join(folder, 'electron'), `#!/bin/sh\n# ${sentinel}\x01\x08${shippedWire}\necho "stub Electron: cannot run the app" >&2\nexit 1\n`, { mode: 0o755 });
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
  const main = path.join(root, 'dist', 'electron', 'main.js');
  const preload = path.join(root, 'dist', 'electron', 'preload.cjs');
  const builtAt = existsSync(main) && existsSync(preload) ? Math.min(statSync(main).mtimeMs, statSync(preload).mtimeMs) : 0;
  if (builtAt < Math.max(newestSource('electron'), newestSource('core'))) {
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
  for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
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
  const files = asar.listPackage(archive, { isPack: false }).map((file) => file.split(path.sep).join('/'));
  for (const required of ['/package.json', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/dist/renderer/index.html']) {
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
  const packageJson = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  if (packageJson.main !== 'dist/electron/main.js') problems.push(`the packed package.json's main is ${packageJson.main}, not dist/electron/main.js`);

  const wire = await getCurrentFuseWire(path.join(appDir, 'atlas-sso-desktop'));
  const fuses = {};
  for (const [name, wanted] of Object.entries(expectedFuses)) {
    const state = wire[FuseV1Options[name]];
    fuses[name] = state === 49 ? true : state === 48 ? false : `unexpected ${state}`;
    if (fuses[name] !== wanted) problems.push(`fuse ${name} is ${fuses[name]}, wanted ${wanted}`);
  }
  const report = { ok: problems.length === 0, problems, fileCount: files.length, ourFiles: ours, fuses, fusesReadFrom: 'the stub executable (same fuse-wire layout as Electron 45)' };
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
