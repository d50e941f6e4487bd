import path from 'node:path';

/** What decides where the connections file lives: passed in, so every OS's answer can be checked on any OS. */
export interface ConfigLocation {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
}

const fileName = 'connections.json';

/**
 * The connections file: `ATLAS_SSO_CONFIG` when set (tests, portable setups), else the OS's config folder —
 * `$XDG_CONFIG_HOME/atlas-sso` or `~/.config/atlas-sso` (Linux and others), `~/Library/Application Support/Atlas SSO`
 * (macOS), `%APPDATA%\Atlas SSO` (Windows).
 */
export function connectionsFilePath({ platform, env, homeDir }: ConfigLocation): string {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const override = env.ATLAS_SSO_CONFIG?.trim();
  if (override !== undefined && override !== '') return api.resolve(override);
  if (platform === 'darwin') return api.join(homeDir, 'Library', 'Application Support', 'Atlas SSO', fileName);
  if (platform === 'win32') return api.join(nonEmpty(env.APPDATA) ?? api.join(homeDir, 'AppData', 'Roaming'), 'Atlas SSO', fileName);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return api.join(xdg !== undefined && api.isAbsolute(xdg) ? xdg : api.join(homeDir, '.config'), 'atlas-sso', fileName);
}

/** Each connection's own browser profile (IdP cookies) sits beside the connections file, so one override moves both. */
export function loginProfileDir(connectionsFile: string, connectionId: string, platform: NodeJS.Platform): string {
  const api = platform === 'win32' ? path.win32 : path.posix;
  return api.join(api.dirname(connectionsFile), 'browser-profiles', connectionId);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
