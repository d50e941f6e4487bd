import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { AtlasSsoError } from '../errors.js';
import { findBrowserExecutable } from '../login/find-browser.js';
import { appWindowArgs } from './app-window-args.js';
import type { AppWindowPaths } from './app-window-paths.js';
import { launcherPage } from './launcher-page.js';
import { writePrivateFile } from './private-files.js';
import type { WindowBounds } from './window-bounds.js';
import { windowBoundsSchema } from './window-bounds.js';

export interface OpenAppWindowOptions {
  readonly paths: AppWindowPaths;
  /** `--browser PATH`, else the first installed Chrome, Chromium or Edge (as for sign-in). */
  readonly browser: string | undefined;
  /** Tests' switches (ATLAS_SSO_TEST_BROWSER_ARGS). */
  readonly extraArgs: readonly string[];
}

/**
 * Opens the launch URL in an app window of the installed Chrome, Chromium or Edge, through the private redirect page.
 * While that browser runs on the app profile, a second launch hands the window to it and exits at once.
 */
export async function openAppWindow(launchUrl: string, options: OpenAppWindowOptions): Promise<ChildProcess> {
  const executable = await findBrowserExecutable(options.browser);
  await writePrivateFile(options.paths.launcherFile, launcherPage(launchUrl));
  const args = appWindowArgs({
    launcherFile: options.paths.launcherFile,
    profileDir: options.paths.profileDir,
    bounds: await readWindowBounds(options.paths.boundsFile),
    isRoot: process.getuid?.() === 0,
    extraArgs: options.extraArgs,
  });
  return await new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(executable, [...args], { stdio: 'ignore', detached: process.platform !== 'win32' });
    child.once('error', (error) => reject(new AtlasSsoError('host-open-failed', `Could not start ${executable} for the Atlas SSO window: open the address printed above yourself, or use --tab.`, { cause: error })));
    child.once('spawn', () => {
      // The CLI stops when the window closes, or kills the window when it stops; the handle must not hold it up.
      child.unref();
      resolve(child);
    });
  });
}

export async function readWindowBounds(file: string): Promise<WindowBounds | undefined> {
  try {
    const parsed = windowBoundsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')) as unknown);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function saveWindowBounds(file: string, bounds: WindowBounds): Promise<void> {
  await writePrivateFile(file, `${JSON.stringify(bounds)}\n`);
}
