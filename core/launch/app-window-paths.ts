import path from 'node:path';
import type { ConfigLocation } from '../connections/config-path.js';
import { connectionsFilePath } from '../connections/config-path.js';

/** The app window's files, all in one folder private to the person (0700; files 0600). */
export interface AppWindowPaths {
  readonly dir: string;
  /** The browser's own profile for the app window: never a login profile, never the person's everyday one. */
  readonly profileDir: string;
  /** Held (proper-lockfile) while an `atlas-sso ui` serves: one instance per person. */
  readonly lockTarget: string;
  /** The running instance's address, pid and key, for the next `atlas-sso ui` to find it. */
  readonly instanceFile: string;
  /** The window's last size and position. */
  readonly boundsFile: string;
  /** The redirect page the browser opens (the token never reaches argv). */
  readonly launcherFile: string;
  /** What `atlas-sso desktop-entry install` wrote, so remove takes away exactly that. */
  readonly desktopEntryManifest: string;
}

/** Beside the connections file (as the login profiles are), so ATLAS_SSO_CONFIG moves everything at once. */
export function appWindowPaths(connectionsFile: string, platform: NodeJS.Platform): AppWindowPaths {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const dir = api.join(api.dirname(connectionsFile), 'app-window');
  return {
    dir,
    profileDir: api.join(dir, 'browser-profile'),
    lockTarget: api.join(dir, 'instance'),
    instanceFile: api.join(dir, 'instance.json'),
    boundsFile: api.join(dir, 'window.json'),
    launcherFile: api.join(dir, 'open-atlas-sso.html'),
    desktopEntryManifest: api.join(dir, 'desktop-entry.json'),
  };
}

/** The app window's files for this person, from where their connections file lives. */
export function appWindowPathsAt(location: ConfigLocation): AppWindowPaths {
  return appWindowPaths(connectionsFilePath(location), location.platform);
}
