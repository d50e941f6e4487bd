// The repository's own files, as a fresh clone has them: git's tracked and untracked-but-not-ignored files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repositoryRoot = resolve(import.meta.dirname, '../..');

/** Paths relative to the root, of files that exist in the working tree. */
export function repositoryFiles(): readonly string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repositoryRoot, encoding: 'utf8' });
  return listed.split('\0').filter((file) => file !== '' && existsSync(resolve(repositoryRoot, file)));
}

export function readRepositoryFile(file: string): string {
  return readFileSync(resolve(repositoryRoot, file), 'utf8');
}
