import type { Session, WebContents } from 'electron';
import { shell } from 'electron';
import type { PermissionAsker, WindowOpenDecision } from '../core/desktop/navigation.js';
import { isPermissionGranted, isSafeExternalUrl } from '../core/desktop/navigation.js';

/** Permissions refused unless the pure rule grants them; downloads cancelled; device pickers refused. */
export function hardenSession(target: Session, asker: PermissionAsker): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionGranted(asker, permission, details.requestingUrl)));
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(asker, permission, requestingOrigin));
  target.setDevicePermissionHandler(() => false);
  target.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  target.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  target.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
}

export interface ContentsRules {
  /** Checked on every navigation of every frame, and on every redirect. */
  readonly isAllowedNavigation: (url: string) => boolean;
  /** window.open / target=_blank. */
  readonly decideWindowOpen: (url: string) => WindowOpenDecision;
  /** webPreferences for an allowed popup (the login window's own). */
  readonly popupPreferences?: Electron.WebPreferences;
  /** A popup was allowed and created: harden it too. */
  readonly onPopup?: (contents: WebContents) => void;
}

/** Every navigation, redirect, webview and new window of one WebContents goes through the pure rules. */
export function hardenContents(contents: WebContents, rules: ContentsRules): void {
  const guard = (event: Electron.Event<{ url: string }>): void => {
    if (!rules.isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = rules.decideWindowOpen(url);
    if (decision.action === 'open-external') {
      openExternalSafely(decision.url);
      return { action: 'deny' };
    }
    if (decision.action === 'allow-popup' && rules.popupPreferences !== undefined) {
      return { action: 'allow', overrideBrowserWindowOptions: { webPreferences: rules.popupPreferences } };
    }
    return { action: 'deny' };
  });
  if (rules.onPopup !== undefined) {
    const onPopup = rules.onPopup;
    contents.on('did-create-window', (window) => onPopup(window.webContents));
  }
}

/** shell.openExternal for https pages only: never a file, a custom scheme or anything the OS would run. */
export function openExternalSafely(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(url).catch(() => undefined);
}
