// Vitest global setup: the CLI tests run the built `atlas-sso` (and browser mode serves the built UI), so build
// when any source the build reads is newer than what it produced.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What `npm run build` reads: tsc's core/, cli/ and server/ (tsconfig.build.json), and vite's renderer/. */
export const buildSources = ['core', 'cli', 'server', 'renderer'] as const;
/** What it writes, one file per part: the CLI entry and the UI's page. */
export const buildOutputs = ['dist/cli/main.js', 'dist/renderer/index.html'] as const;

const sourceFile = /\.(?:ts|tsx|css|html|svg|json)$/;

function newestSource(folder: string): number {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && sourceFile.test(entry.name))
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** True when an output is missing or older than the newest source file under `root`. */
export function needsBuild(root = '.'): boolean {
  const newest = Math.max(...buildSources.map((folder) => newestSource(join(root, folder))));
  return buildOutputs.some((output) => !existsSync(join(root, output)) || statSync(join(root, output)).mtimeMs < newest);
}

export function setup(): void {
  if (needsBuild()) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
