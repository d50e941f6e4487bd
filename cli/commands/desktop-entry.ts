import { readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { AtlasSsoError } from '../../core/errors.js';
import { appWindowPathsAt } from '../../core/launch/app-window-paths.js';
import { desktopEntryPlan } from '../../core/launch/desktop-entry/desktop-entry-plan.js';
import type { IconSet, LauncherCommand } from '../../core/launch/desktop-entry/entry-plan.js';
import { installDesktopEntry, removeDesktopEntry } from '../../core/launch/desktop-entry/install-desktop-entry.js';
import { packageRoot } from '../../core/package-root.js';
import type { CliContext } from '../context.js';

const iconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export function registerDesktopEntry(program: Command, context: CliContext): void {
  const command = program.command('desktop-entry').description('Put a launcher for "atlas-sso ui" in your desktop menu, or take it away');
  command
    .command('install')
    .description("add Atlas SSO to the applications menu (Linux), ~/Applications (macOS) or the Start menu (Windows); it opens the app's own window")
    .action(async () => {
      const { io } = context;
      const place = { platform: io.platform, env: io.env, homeDir: os.homedir() };
      const paths = appWindowPathsAt(place);
      const plan = desktopEntryPlan(await launcherCommand(), await readIcons(), { ...place, appStateDir: paths.dir });
      const files = await installDesktopEntry(plan, paths.desktopEntryManifest);
      io.stdout.write(`Atlas SSO is in ${plan.where}. It runs "atlas-sso ui"; "atlas-sso desktop-entry remove" takes these away again:\n${files.map((file) => `  ${file}\n`).join('')}`);
    });
  command
    .command('remove')
    .description('take away exactly what "desktop-entry install" wrote')
    .action(async () => {
      const { io } = context;
      const removed = await removeDesktopEntry(appWindowPathsAt({ platform: io.platform, env: io.env, homeDir: os.homedir() }).desktopEntryManifest);
      io.stdout.write(removed === undefined ? 'No Atlas SSO launcher was installed: nothing to remove.\n' : `Removed the Atlas SSO launcher:\n${removed.map((file) => `  ${file}\n`).join('')}`);
    });
}

/** This Node and this CLI's built script, by absolute path: the desktop starts launchers without the shell's PATH. */
async function launcherCommand(): Promise<LauncherCommand> {
  const script = await realpath(process.argv[1] ?? '');
  if (!script.endsWith('.js')) throw new AtlasSsoError('input-invalid', `A launcher needs the built atlas-sso (a .js file), not ${script}: run "npm run build" and use dist/cli/main.js.`);
  return { node: process.execPath, script };
}

async function readIcons(): Promise<IconSet> {
  const folder = path.join(packageRoot(import.meta.url), 'assets', 'icons');
  const icons = await Promise.all(iconSizes.map(async (size) => [size, await readFile(path.join(folder, `${size}x${size}.png`))] as const)).catch((error: unknown) => {
    throw new AtlasSsoError('host-unexpected', `The app's icons are missing from ${folder}: reinstall Atlas SSO.`, { cause: error });
  });
  return new Map(icons);
}
