// Vitest global setup: the CLI tests run the built `atlas-sso`, so build it when the sources are newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(folder: string): number {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

export function setup(): void {
  const built = 'dist/cli/main.js';
  // `atlas-sso ui` serves dist/server and dist/renderer too (the app window tests).
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(...['core', 'cli', 'server', 'renderer'].map(newestSource));
  if (stale) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
