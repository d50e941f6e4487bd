import { performance } from 'node:perf_hooks';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../test/support/run-cli.js';
import { closeAndWaitForStop, connectionListed, appPages, connectToAppWindow, launchFromMenu, readInstance, startDesktopHome, until } from '../test/integration/desktop/app-window-driver.js';
import type { Measure } from './table.js';

const runs = 5;

/**
 * The desktop path as a person meets it: from launching the installed menu entry (gio launch, as a desktop does) to
 * the connection list drawn in the app window; each run starts a new server and browser, then closes the window.
 */
export async function runAppWindowBench(): Promise<readonly Measure[]> {
  const desktop = await startDesktopHome('Acme');
  const totals: number[] = [];
  try {
    const installed = await runCli(['desktop-entry', 'install'], { env: desktop.env });
    if (installed.code !== 0) throw new Error(`desktop-entry install failed: ${installed.stderr}`);
    for (let run = 0; run < runs; run += 1) {
      await rm(path.join(desktop.profileDir, 'DevToolsActivePort'), { force: true });
      const started = performance.now();
      await launchFromMenu(desktop);
      const record = await until('the instance file', () => readInstance(desktop.appDir));
      const { browser, context } = await connectToAppWindow(desktop);
      try {
        await connectionListed(await until('the app page', () => appPages(context, record.origin)[0]), 'Acme');
        totals.push(performance.now() - started);
        await closeAndWaitForStop(context, record);
      } finally {
        await browser.close().catch(() => undefined);
      }
    }
  } finally {
    await desktop.close();
  }
  return [{ name: 'desktop menu entry → app window shows the connection list', unit: 'ms', samples: totals }];
}
