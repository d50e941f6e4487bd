import type { EntryPlan, IconSet, LauncherCommand } from './entry-plan.js';
import { linuxEntryPlan, xdgDataHome } from './linux-entry.js';
import { macBundlePlan } from './macos-bundle.js';
import { windowsShortcutPlan } from './windows-shortcut.js';

export interface DesktopEntryPlace {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
  /** The app window's private folder (the Windows icon lives there). */
  readonly appStateDir: string;
}

/** This OS's launcher: an XDG .desktop entry, a macOS app bundle, or a Windows Start-menu shortcut. */
export function desktopEntryPlan(command: LauncherCommand, icons: IconSet, place: DesktopEntryPlace): EntryPlan {
  if (place.platform === 'darwin') return macBundlePlan(command, icons, place.homeDir);
  if (place.platform === 'win32') {
    const appData = place.env.APPDATA?.trim();
    return windowsShortcutPlan(command, icons, appData === undefined || appData === '' ? `${place.homeDir}\\AppData\\Roaming` : appData, place.appStateDir, place.homeDir);
  }
  return linuxEntryPlan(command, icons, xdgDataHome(place.env, place.homeDir));
}
