#!/usr/bin/env node
// Prints the path of a Node.js binary of an exact version, fetched once from the npm registry into a cache folder.
// Usage: node scripts/fetch-node.mjs [version]   (default: the LTS the tests run on)
// The registry's node-<os>-<arch> packages hold the official binary in their tarball, so `npm pack` is the whole download:
// no other host is needed, and npm's own proxy and registry settings apply.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Node the suites run on (`.ci/run`, `npm test`) and the oldest one package.json allows. */
export const testNodeVersion = '24.22.3';
export const minimumNodeVersion = '22.13.1';

const packageOs = { linux: 'linux', darwin: 'darwin' };
const packageArch = { x64: 'x64', arm64: 'arm64' };

/** The cache folder: $XDG_CACHE_HOME/atlas-sso, else ~/.cache/atlas-sso (also on macOS: this is for developers and CI). */
function cacheFolder() {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'atlas-sso');
}

/** The folder holding `node` for that version, fetching it when it is not cached yet. */
export function nodeBinDir(version) {
  const os = packageOs[process.platform];
  const arch = packageArch[process.arch];
  if (os === undefined || arch === undefined) {
    throw new Error(`There is no Node.js package on the npm registry for ${process.platform}-${process.arch}: install Node.js ${version} yourself and put it first on PATH.`);
  }
  const folder = join(cacheFolder(), `node-${version}-${os}-${arch}`);
  const bin = join(folder, 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  mkdirSync(cacheFolder(), { recursive: true });
  const work = mkdtempSync(join(cacheFolder(), '.fetch-'));
  try {
    const name = `node-${os}-${arch}@${version}`;
    console.error(`Fetching Node.js ${version} (${name}) from the npm registry into ${folder}…`);
    const tarball = execFileSync('npm', ['pack', name, '--silent', '--pack-destination', work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
    // Renamed into place only when whole, so a fetch that was interrupted is never taken for a Node.
    renameSync(join(work, 'package'), folder);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(nodeBinDir(process.argv[2] ?? testNodeVersion));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
