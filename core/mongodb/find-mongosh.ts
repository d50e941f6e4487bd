import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { AtlasSsoError } from '../errors.js';

export interface ExecutableSearch {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
}

export interface FindMongoshOptions {
  /** The path set in Settings: used alone when given, so a wrong setting is reported rather than papered over. */
  readonly configuredPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly homeDir?: string;
  /** True when `file` is an executable file; the real check by default, a fake in tests. */
  readonly exists?: (file: string) => Promise<boolean>;
}

/** Windows environment names are case-insensitive, but a plain object passed in is not. */
export function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Where a command named `name` would be found on PATH, in order (with each PATHEXT extension on Windows). */
export function pathCandidates(name: string, { env, platform }: ExecutableSearch): readonly string[] {
  const api = pathApi(platform);
  const folders = (envValue(env, 'PATH', platform) ?? '').split(api.delimiter).map((folder) => folder.replace(/^"(.*)"$/, '$1')).filter((folder) => folder !== '');
  const extensions = platform === 'win32' ? (envValue(env, 'PATHEXT', platform) ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext !== '').map((ext) => ext.toLowerCase()) : [''];
  return folders.flatMap((folder) => extensions.map((ext) => api.join(folder, name + ext)));
}

/** The usual install places of mongosh per OS (package managers, the official installers, npm -g). */
export function installFolderCandidates({ env, platform }: ExecutableSearch, homeDir: string): readonly string[] {
  const api = pathApi(platform);
  switch (platform) {
    case 'darwin':
      return ['/opt/homebrew/bin/mongosh', '/usr/local/bin/mongosh', api.join(homeDir, 'Applications', 'mongosh', 'bin', 'mongosh'), '/Applications/mongosh/bin/mongosh'];
    case 'win32': {
      const under = (variable: string, ...parts: readonly string[]): readonly string[] => {
        const base = envValue(env, variable, platform);
        return base === undefined || base === '' ? [] : [api.join(base, ...parts)];
      };
      return [
        ...under('LOCALAPPDATA', 'Programs', 'mongosh', 'mongosh.exe'),
        ...under('ProgramFiles', 'mongosh', 'mongosh.exe'),
        ...under('ProgramFiles(x86)', 'mongosh', 'mongosh.exe'),
        ...under('APPDATA', 'npm', 'mongosh.cmd'),
      ];
    }
    default:
      return ['/usr/bin/mongosh', '/usr/local/bin/mongosh', api.join(homeDir, '.local', 'bin', 'mongosh'), '/snap/bin/mongosh'];
  }
}

/** The whole search order without a configured path: PATH first (what the person's shell would run), then install folders. */
export function mongoshCandidates(search: ExecutableSearch, homeDir: string): readonly string[] {
  return [...new Set([...pathCandidates('mongosh', search), ...installFolderCandidates(search, homeDir)])];
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

/** The mongosh to run: the configured one, else the first on PATH, else the first in the usual install folders. */
export async function findMongosh(options: FindMongoshOptions = {}): Promise<string> {
  const search = { env: options.env ?? process.env, platform: options.platform ?? process.platform };
  const exists = options.exists ?? isExecutableFile;
  if (options.configuredPath !== undefined && options.configuredPath.trim() !== '') {
    const configured = options.configuredPath.trim();
    if (await exists(configured)) return configured;
    throw new AtlasSsoError('mongodb-mongosh-not-found', `The mongosh set in Settings (${configured}) does not exist or is not executable: fix the path in Settings, or clear it to let Atlas SSO find mongosh.`);
  }
  const candidates = mongoshCandidates(search, options.homeDir ?? homedir());
  const found = await firstExisting(candidates, exists);
  if (found !== undefined) return found;
  throw new AtlasSsoError('mongodb-mongosh-not-found', 'mongosh is not installed (or not where Atlas SSO looks): install it from https://www.mongodb.com/try/download/shell (or `brew install mongosh`, `npm install -g mongosh`) or set its path in Settings.', { details: `Looked in: ${candidates.join(', ')}` });
}
