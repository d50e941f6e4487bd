import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import type { DeepLink } from '../core/desktop/deep-link.js';
import { deepLinkInArgv, deepLinkScheme, deepLinkSignInConfirmed, deepLinkSignInQuestion, parseDeepLink } from '../core/desktop/deep-link.js';

/**
 * Registers atlas-sso:// with the OS and routes links to `onLink`: macOS sends them as open-url, Windows and Linux
 * start a second instance whose argv holds the link (the single-instance lock hands it to us). Call before ready.
 */
export function handleDeepLinks(onLink: (link: DeepLink) => void): void {
  if (process.defaultApp && process.argv[1] !== undefined) {
    // Running from source (`electron .`): the OS must start electron with our folder, not electron alone.
    app.setAsDefaultProtocolClient(deepLinkScheme, process.execPath, [path.resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(deepLinkScheme);
  }
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDeepLink(url);
    if (link !== undefined) onLink(link);
  });
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkInArgv(argv);
    if (link !== undefined) onLink(link);
  });
}

/** A link that started the first instance (Windows, Linux). */
export function deepLinkAtLaunch(): DeepLink | undefined {
  return deepLinkInArgv(process.argv.slice(1));
}

/** Asks the person before a link opens a sign-in window (a web page can fire the link); true when they said yes. */
export async function confirmSignInLink(link: DeepLink, connectionName: string | undefined, parent: BrowserWindow | undefined): Promise<boolean> {
  const question = deepLinkSignInQuestion(link, connectionName);
  if (question === undefined) return false;
  const options = { type: 'question' as const, noLink: true, ...question, buttons: [...question.buttons] };
  const { response } = parent === undefined || parent.isDestroyed() ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options);
  return deepLinkSignInConfirmed(response);
}
