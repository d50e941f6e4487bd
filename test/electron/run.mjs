#!/usr/bin/env node
// npm run test:electron: runs the `_electron` suite where Electron can start; elsewhere says why and exits 0,
// reporting the suite as NOT RUN (never as passed).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

const found = electronBinary();
if (found.binary === undefined) {
  console.log(`Electron suite NOT RUN: Electron cannot start on this machine: ${found.reason}.`);
  console.log('What it covers (the login window, IPC, the app:// protocol, clipboard) is not verified here; run `npm run test:electron` where Electron installs.');
  process.exit(0);
}
const display = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const command = display ? 'xvfb-run' : 'npx';
const args = display ? ['-a', 'npx', 'playwright', 'test', '--config', 'test/electron/playwright.config.ts'] : ['playwright', 'test', '--config', 'test/electron/playwright.config.ts'];
// The spec launches exactly this binary: Playwright's default would require('electron'), which may try to download it.
const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ATLAS_SSO_ELECTRON_BINARY: found.binary } });
process.exit(result.status ?? 1);
