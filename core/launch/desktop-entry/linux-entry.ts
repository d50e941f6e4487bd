import path from 'node:path';
import { AtlasSsoError } from '../../errors.js';
import type { EntryPlan, IconSet, LauncherCommand } from './entry-plan.js';
import { entryComment, entryName } from './entry-plan.js';

/** Not the Electron package's `atlas-sso`: a per-user entry of that name would hide the installed app's own. */
export const linuxEntryId = 'atlas-sso-window';

/** The hicolor theme's fixed sizes that assets/icons has. */
const hicolorSizes = [16, 24, 32, 48, 64, 128, 256, 512];

/** `$XDG_DATA_HOME` when it is absolute (the spec says to ignore a relative one), else ~/.local/share. */
export function xdgDataHome(env: NodeJS.ProcessEnv, homeDir: string): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  return xdg !== undefined && xdg !== '' && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homeDir, '.local', 'share');
}

/**
 * One Exec argument by the Desktop Entry spec: quoted when it holds a reserved character, with `"`, `` ` ``, `$` and
 * `\` escaped inside the quotes; then `\` doubled again for the string level, and `%` doubled (field codes).
 */
export function desktopExecArg(arg: string): string {
  if (/[\n\r\t\0]/.test(arg)) throw new AtlasSsoError('input-invalid', `A desktop launcher cannot run a path with a line break or tab in it: ${JSON.stringify(arg)}. Move Atlas SSO or Node to a plainer folder.`);
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(arg) || arg === '' ? `"${arg.replace(/["`$\\]/g, '\\$&')}"` : arg;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function linuxDesktopFile(command: LauncherCommand): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${entryName}`,
    'GenericName=MongoDB Atlas sign-in',
    `Comment=${entryComment}`,
    `Exec=${[command.node, command.script, 'ui'].map(desktopExecArg).join(' ')}`,
    `TryExec=${command.node.replace(/\\/g, '\\\\')}`,
    `Icon=${linuxEntryId}`,
    'Terminal=false',
    'Categories=Development;Database;',
    'Keywords=MongoDB;Atlas;AWS;SSO;SAML;mongosh;',
    '',
  ].join('\n');
}

/** The .desktop file in applications/ and the icon in each hicolor size, under the XDG data folder. */
export function linuxEntryPlan(command: LauncherCommand, icons: IconSet, dataHome: string): EntryPlan {
  const desktopFile = path.posix.join(dataHome, 'applications', `${linuxEntryId}.desktop`);
  return {
    files: [
      { path: desktopFile, content: linuxDesktopFile(command) },
      ...hicolorSizes.flatMap((size) => {
        const png = icons.get(size);
        return png === undefined ? [] : [{ path: path.posix.join(dataHome, 'icons', 'hicolor', `${size}x${size}`, 'apps', `${linuxEntryId}.png`), content: png }];
      }),
    ],
    where: `your applications menu (${desktopFile})`,
  };
}
