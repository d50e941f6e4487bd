import { pathToFileURL } from 'node:url';
import type { WindowBounds } from './window-bounds.js';
import { windowBoundsArgs } from './window-bounds.js';

export interface AppWindowArgsInput {
  /** The redirect page (launcher-page.ts); its path is stable so the window keeps one identity. */
  readonly launcherFile: string;
  readonly profileDir: string;
  readonly bounds: WindowBounds | undefined;
  /** Chromium refuses to run as root with its sandbox. */
  readonly isRoot: boolean;
  /** Tests' switches (ATLAS_SSO_TEST_BROWSER_ARGS): host-resolver rules, a DevTools port. */
  readonly extraArgs: readonly string[];
}

/**
 * The command line of the app window: `--app` (no tabs, no address bar) on the launcher page, in a profile of its own,
 * with the browser's calls home off — the same quiet switches as the sign-in window.
 */
export function appWindowArgs(input: AppWindowArgsInput): readonly string[] {
  return [
    `--user-data-dir=${input.profileDir}`,
    `--app=${pathToFileURL(input.launcherFile).href}`,
    ...windowBoundsArgs(input.bounds),
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter',
    ...(input.isRoot ? ['--no-sandbox'] : []),
    ...input.extraArgs,
  ];
}
