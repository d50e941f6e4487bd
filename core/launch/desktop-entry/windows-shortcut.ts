import path from 'node:path';
import { quoteForShell } from '../../shell/quote.js';
import type { EntryPlan, IconSet, LauncherCommand } from './entry-plan.js';
import { entryComment, entryName } from './entry-plan.js';

/** The ICO sizes Windows shows in the Start menu and taskbar; PNG-compressed entries (Windows Vista and later). */
const icoSizes = [16, 24, 32, 48, 64, 128, 256];

export function icoFile(icons: IconSet): Buffer {
  const pngs = icoSizes.flatMap((size) => {
    const png = icons.get(size);
    return png === undefined ? [] : [{ size, png }];
  });
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const directory = pngs.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...directory, ...pngs.map(({ png }) => png)]);
}

/** PowerShell that has Windows write the .lnk (WScript.Shell), every value a single-quoted literal. */
export function shortcutScript(command: LauncherCommand, shortcut: string, icon: string, workingDir: string): string {
  const literal = (value: string): string => quoteForShell('powershell', value);
  return [
    "$ErrorActionPreference = 'Stop'",
    `$link = (New-Object -ComObject WScript.Shell).CreateShortcut(${literal(shortcut)})`,
    `$link.TargetPath = ${literal(command.node)}`,
    `$link.Arguments = ${literal(`"${command.script}" ui`)}`,
    `$link.WorkingDirectory = ${literal(workingDir)}`,
    `$link.IconLocation = ${literal(`${icon},0`)}`,
    `$link.Description = ${literal(entryComment)}`,
    // Minimised: Node's console stays out of the way (closing the app window stops it; it is where Ctrl-C works).
    '$link.WindowStyle = 7',
    '$link.Save()',
  ].join('\n');
}

/** The Start-menu shortcut, written by PowerShell, and its icon beside the app's other files. */
export function windowsShortcutPlan(command: LauncherCommand, icons: IconSet, appDataDir: string, appStateDir: string, homeDir: string): EntryPlan {
  const shortcut = path.win32.join(appDataDir, 'Microsoft', 'Windows', 'Start Menu', 'Programs', `${entryName}.lnk`);
  const icon = path.win32.join(appStateDir, 'atlas-sso.ico');
  // -EncodedCommand: the script reaches PowerShell as it is, with no second round of command-line quoting.
  const encoded = Buffer.from(shortcutScript(command, shortcut, icon, homeDir), 'utf16le').toString('base64');
  return {
    files: [{ path: icon, content: icoFile(icons) }],
    made: { path: shortcut, command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded] },
    where: `the Start menu (${shortcut})`,
  };
}
