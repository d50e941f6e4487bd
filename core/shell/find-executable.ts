import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/** Looking up a program as a shell would: what mongosh, Compass, a terminal and the sign-in browser are found by. */

export interface ExecutableSearch {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

/** Windows environment names are case-insensitive, but a plain object passed in is not. */
export function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

export function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Where a command named `name` would be found on PATH, in order (with each PATHEXT extension on Windows). */
export function pathCandidates(name: string, { env, platform }: ExecutableSearch): readonly string[] {
  const api = pathApi(platform);
  const folders = (envValue(env, 'PATH', platform) ?? '').split(api.delimiter).map((folder) => folder.replace(/^"(.*)"$/, '$1')).filter((folder) => folder !== '');
  const extensions = platform === 'win32' ? (envValue(env, 'PATHEXT', platform) ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext !== '').map((ext) => ext.toLowerCase()) : [''];
  return folders.flatMap((folder) => extensions.map((ext) => api.join(folder, name + ext)));
}

/** True when `file` is a regular file this user may execute. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The first candidate that exists, checked in order (the order is the whole point). */
export async function firstExisting(candidates: readonly string[], exists: (file: string) => Promise<boolean>): Promise<string | undefined> {
  for (const candidate of candidates) if (await exists(candidate)) return candidate;
  return undefined;
}
