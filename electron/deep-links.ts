import path from 'node:path';
import { app } from 'electron';
import type { DeepLink } from '../core/desktop/deep-link.js';
import { deepLinkInArgv, deepLinkScheme, parseDeepLink } from '../core/desktop/deep-link.js';

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
