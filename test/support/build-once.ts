// Vitest global setup: the CLI tests run the built `atlas-sso`, so build it when the sources are newer.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(folder: string): number {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

export function setup(): void {
  const built = 'dist/cli/main.js';
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newestSource('core'), newestSource('cli'));
  if (stale) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
