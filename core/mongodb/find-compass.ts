import { homedir } from 'node:os';
import path from 'node:path';
import { AtlasSsoError } from '../errors.js';
import type { ExecutableSearch } from '../shell/find-executable.js';
import { envValue, firstExisting, isExecutableFile, pathCandidates } from '../shell/find-executable.js';

export interface FindCompassOptions {
  /** A path the person gave (`--compass`): used alone, so a wrong one is reported rather than papered over. */
  readonly configuredPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly homeDir?: string;
  readonly exists?: (file: string) => Promise<boolean>;
}

export const compassDownloadUrl = 'https://www.mongodb.com/try/download/compass';

/** The usual install places of MongoDB Compass per OS (the official packages and installers). */
export function compassInstallCandidates({ env, platform }: ExecutableSearch, homeDir: string): readonly string[] {
  switch (platform) {
    case 'darwin': {
      const inApp = ['MongoDB Compass.app', 'Contents', 'MacOS', 'MongoDB Compass'];
      return [path.posix.join('/Applications', ...inApp), path.posix.join(homeDir, 'Applications', ...inApp)];
    }
    case 'win32': {
      const under = (variable: string, ...parts: readonly string[]): readonly string[] => {
        const base = envValue(env, variable, platform);
        return base === undefined || base === '' ? [] : [path.win32.join(base, ...parts)];
      };
      return [...under('LOCALAPPDATA', 'MongoDBCompass', 'MongoDBCompass.exe'), ...under('ProgramFiles', 'MongoDB Compass', 'MongoDBCompass.exe')];
    }
    default:
      return ['/usr/bin/mongodb-compass', '/usr/local/bin/mongodb-compass', '/snap/bin/mongodb-compass', '/opt/mongodb-compass/mongodb-compass'];
  }
}

/** The whole search order: PATH first (what the person's shell would run), then the install folders. */
export function compassCandidates(search: ExecutableSearch, homeDir: string): readonly string[] {
  const command = search.platform === 'win32' ? 'MongoDBCompass' : 'mongodb-compass';
  return [...new Set([...pathCandidates(command, search), ...compassInstallCandidates(search, homeDir)])];
}

/** The Compass to open: the given one, else the first on PATH, else the first in the usual install folders. */
export async function findCompass(options: FindCompassOptions = {}): Promise<string> {
  const search = { env: options.env ?? process.env, platform: options.platform ?? process.platform };
  const exists = options.exists ?? isExecutableFile;
  const configured = options.configuredPath?.trim() ?? '';
  if (configured !== '') {
    if (await exists(configured)) return configured;
    throw new AtlasSsoError('mongodb-compass-not-found', `The MongoDB Compass given (${configured}) does not exist or is not executable: give the path of the Compass program, or leave it out to let Atlas SSO find Compass.`);
  }
  const candidates = compassCandidates(search, options.homeDir ?? homedir());
  const found = await firstExisting(candidates, exists);
  if (found !== undefined) return found;
  throw new AtlasSsoError('mongodb-compass-not-found', `MongoDB Compass is not installed (or not where Atlas SSO looks): install it from ${compassDownloadUrl}, or give its path with --compass.`, {
    details: `Looked in: ${candidates.join(', ')}`,
  });
}
