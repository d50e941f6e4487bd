import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AtlasSsoError } from '../core/errors.js';
import { launcherPage } from '../core/launch/launcher-page.js';

/** The program that opens a file with the person's default browser, per OS. */
export function openerFor(platform: NodeJS.Platform, file: string): { readonly command: string; readonly args: readonly string[] } {
  if (platform === 'darwin') return { command: 'open', args: [file] };
  // `start` is a cmd.exe builtin; its first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd.exe', args: ['/d', '/c', 'start', '""', file] };
  return { command: 'xdg-open', args: [file] };
}

/**
 * Opens the launch URL in the person's default browser without putting the token in any argv (`ps` shows argv to every
 * user): the opener gets a private file that redirects to the URL (core/launch/launcher-page.ts). Returns the cleanup of that file.
 */
export async function openInBrowser(launchUrl: string, options: { readonly platform: NodeJS.Platform; readonly stateDir: string }): Promise<() => Promise<void>> {
  await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
  const folder = await mkdtemp(path.join(options.stateDir, 'launch-'));
  const file = path.join(folder, 'open-atlas-sso.html');
  await writeFile(file, launcherPage(launchUrl), { mode: 0o600 });
  const cleanup = (): Promise<void> => rm(folder, { recursive: true, force: true });
  const opener = openerFor(options.platform, file);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(opener.command, [...opener.args], { stdio: 'ignore', detached: true });
    child.once('error', (error) => reject(new AtlasSsoError('host-open-failed', `Could not open your browser with ${opener.command}: open the address printed above yourself.`, { cause: error })));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  }).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
  return cleanup;
}
