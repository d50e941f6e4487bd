import { homedir } from 'node:os';
import { AtlasSsoError } from '../errors.js';
import type { ExecutableSearch } from '../shell/find-executable.js';
import { envValue, firstExisting, isExecutableFile, pathApi, pathCandidates } from '../shell/find-executable.js';

export interface FindMongoshOptions {
  /** The path set in Settings: used alone when given, so a wrong setting is reported rather than papered over. */
  readonly configuredPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly homeDir?: string;
  /** True when `file` is an executable file; the real check by default, a fake in tests. */
  readonly exists?: (file: string) => Promise<boolean>;
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
