import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { app } from 'electron';
import { feedUrlOf, shouldCheckForUpdates, updateFailureLine } from '../core/desktop/update-check.js';

/**
 * Checks the update feed once and lets electron-updater download and notify, when shouldCheckForUpdates says so. It
 * logs nothing of its own (its logger prints every step and URL); a failure is one line, and never stops the app.
 */
export async function checkForUpdates(): Promise<void> {
  const feed = await readFile(path.join(process.resourcesPath, 'app-update.yml'), 'utf8').then(feedUrlOf, () => undefined);
  const decision = shouldCheckForUpdates({ isPackaged: app.isPackaged, platform: process.platform, env: process.env, feed });
  if (!decision.check) {
    if (app.isPackaged) console.log(`Atlas SSO does not check for updates: ${decision.reason}.`);
    return;
  }
  try {
    // CommonJS, loaded only here: a run from source never loads it.
    const { autoUpdater } = (await import('electron-updater')).default;
    autoUpdater.logger = null;
    // Without a listener, an 'error' event would throw in the main process; this is the one line per failure.
    autoUpdater.on('error', (error: unknown) => console.error(updateFailureLine(error, decision.feedUrl)));
    if (decision.source === 'environment') autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl });
    // A rejection is also emitted as 'error' above: already logged.
    await autoUpdater.checkForUpdatesAndNotify().catch(() => undefined);
  } catch (error) {
    console.error(updateFailureLine(error, decision.feedUrl));
  }
}
