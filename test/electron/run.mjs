#!/usr/bin/env node
// npm run test:electron: runs the `_electron` suite where Electron can start; elsewhere prints SKIPPED with the
// reason, exits 0, and writes the suite's report with every test counted as skipped (never as passed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary's path, or why there is none. Read the way node_modules/electron/index.js does, but without
 * requiring it: that module starts a download when the binary is missing, and nothing here may download Electron.
 */
function electronBinary() {
  const packageDir = path.resolve('node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative ?? 'electron') : relative === undefined ? undefined : path.join(packageDir, 'dist', relative);
  if (binary === undefined || !existsSync(binary)) {
    return { reason: `no Electron binary (${binary ?? pathFile} is missing: the package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download is blocked)` };
  }
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.status !== 0) return { reason: `${binary} --version failed (${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]})` };
  return { binary };
}

const config = 'test/electron/playwright.config.ts';
const report = 'test-results/electron.json';

/** How many tests the suite holds, as Playwright lists them (nothing is started). */
function listedTests() {
  const listing = spawnSync('npx', ['playwright', 'test', '--list', '--reporter=list', '--config', config], { encoding: 'utf8', timeout: 120_000 });
  const total = /^Total: (\d+) tests? in/m.exec(listing.stdout ?? '');
  return total === null ? 1 : Number(total[1]);
}

const found = electronBinary();
if (found.binary === undefined) {
  const skipped = listedTests();
  const reason = `Electron cannot start on this machine: ${found.reason}`;
  console.log(`SKIPPED: the Electron suite (${skipped} test${skipped === 1 ? '' : 's'}): ${reason}.`);
  console.log('What it covers (the login window, IPC, the app:// protocol, clipboard) is not verified here; run `npm run test:electron` where Electron installs.');
  // The shape of Playwright's JSON report, so a runner that sums reports counts these tests as skipped.
  mkdirSync('test-results', { recursive: true });
  writeFileSync(report, `${JSON.stringify({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped }, skippedReason: reason }, null, 2)}\n`);
  process.exit(0);
}
const display = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const command = display ? 'xvfb-run' : 'npx';
const args = display ? ['-a', 'npx', 'playwright', 'test', '--config', config] : ['playwright', 'test', '--config', config];
// The spec launches exactly this binary: Playwright's default would require('electron'), which may try to download it.
const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ATLAS_SSO_ELECTRON_BINARY: found.binary } });
process.exit(result.status ?? 1);
