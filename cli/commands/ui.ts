import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import { Option } from 'commander';
import type { Command } from 'commander';
import { AtlasSsoError } from '../../core/errors.js';
import { stopWhenUnwatched } from '../../core/launch/idle-stop.js';
import type { InstanceRequest } from '../../core/launch/instance-client.js';
import { askRunningInstance } from '../../core/launch/instance-client.js';
import { appWindowPathsAt } from '../../core/launch/app-window-paths.js';
import type { AppWindowPaths } from '../../core/launch/app-window-paths.js';
import { openAppWindow, saveWindowBounds } from '../../core/launch/open-app-window.js';
import type { InstanceRecord } from '../../core/launch/single-instance.js';
import { claimInstance } from '../../core/launch/single-instance.js';
import { chromiumOptionsFromEnv } from '../../core/login/chromium-options-from-env.js';
import type { CliContext } from '../context.js';
import { untilStopped } from '../../server/until-stopped.js';

interface UiOptions {
  readonly port?: number;
  /** Commander's `--no-open`. */
  readonly open: boolean;
  readonly tab?: true;
  readonly browser?: string;
  readonly uiDir?: string;
}

/** Long enough for a reload (the page drops its event stream for well under a second), short enough to feel like "closed". */
const closeGraceMs = 3000;
/** A browser that has not shown the page by then never will (a cold start on a slow machine takes seconds). */
const firstPageWithinMs = 120_000;

export function registerUi(program: Command, context: CliContext): void {
  program
    .command('ui')
    .description('Open the Atlas SSO app in its own window, served from this computer only (127.0.0.1); closing the window stops it')
    .addOption(new Option('--port <port>', 'the port to listen on (default: a free one)').argParser(parsePort))
    .option('--tab', 'open it in a tab of your default browser instead, until Ctrl-C')
    .option('--no-open', 'print a one-time address without opening anything, until Ctrl-C')
    .option('--browser <path>', 'the Chrome, Chromium or Edge for the app window and the sign-in window (default: the first one installed)')
    .addOption(new Option('--ui-dir <folder>', 'the built UI to serve (default: dist/renderer)').hideHelp())
    .action(async (options: UiOptions) => {
      const { io } = context;
      const kind: InstanceRequest = !options.open ? 'link' : options.tab === true ? 'tab' : 'app';
      const paths = appWindowPathsAt({ platform: io.platform, env: io.env, homeDir: os.homedir() });
      const claim = await claimInstance(paths);
      if (claim.kind === 'running') {
        // One server per person: the running one opens the page (or hands out a fresh link), and this one is done.
        const reply = await askRunningInstance(claim.record, kind);
        io.stdout.write(reply.launchUrl === undefined ? `Atlas SSO is already running at ${claim.record.origin}: it opened a new window.\n` : `Atlas SSO is already running at ${reply.launchUrl}\n`);
        return;
      }
      try {
        await serve(context, options, kind, paths, claim.publish);
      } finally {
        await claim.release();
      }
    });
}

async function serve(context: CliContext, options: UiOptions, kind: InstanceRequest, paths: AppWindowPaths, publish: (record: InstanceRecord) => Promise<void>): Promise<void> {
  const { io } = context;
  const login = chromiumOptionsFromEnv(io.env, options.browser);
  // Loaded here: the other commands need neither the HTTP server nor playwright.
  const [{ startBrowserMode }, { openInBrowser }, { newSecret }] = await Promise.all([import('../../server/main.js'), import('../../server/open-browser.js'), import('../../server/launch-sessions.js')]);
  const windows: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const open = async (how: 'app' | 'tab', launchUrl: string): Promise<void> => {
    if (how === 'app') windows.push(await openAppWindow(launchUrl, { paths, browser: options.browser, extraArgs: login.extraArgs ?? [] }));
    else cleanups.push(await openInBrowser(launchUrl, { platform: io.platform, stateDir: paths.dir }));
  };
  const instanceKey = newSecret();
  const app = await startBrowserMode({
    env: io.env,
    platform: io.platform,
    port: options.port,
    uiDir: options.uiDir,
    login,
    host: {
      instanceKey,
      open,
      ...(kind === 'app' ? { onWindowBounds: (bounds) => void saveWindowBounds(paths.boundsFile, bounds).catch(() => undefined) } : {}),
    },
  });
  try {
    await publish({ pid: process.pid, origin: app.server.origin, key: instanceKey });
    let windowClosed = new Promise<void>(() => undefined);
    if (kind === 'app') {
      const opened = await open('app', app.server.launchUrl).then(
        () => true,
        (error: unknown) => {
          context.warn([error instanceof Error ? error.message : String(error)]);
          return false;
        },
      );
      // Only the app window's close stops the server: a page opened from the printed link instead runs until Ctrl-C.
      if (opened) {
        windowClosed = new Promise((resolve) =>
          app.server.watchPages(
            stopWhenUnwatched(closeGraceMs, firstPageWithinMs, (reason) => {
              if (reason === 'window-never-opened') context.warn([`The Atlas SSO window did not show the app within ${firstPageWithinMs / 1000} s, so it stopped: try "atlas-sso ui --tab", or "--no-open" and open the address yourself.`]);
              resolve();
            }),
          ),
        );
      }
      io.stdout.write(opened ? `Atlas SSO is running at ${app.server.origin} in its own window.\n` : `Atlas SSO is running at ${app.server.launchUrl}\n`);
      io.stderr.write(opened ? 'Closing its window stops it, as does Ctrl-C here.\n' : 'That address works once and holds this session\'s access: keep it to yourself. Press Ctrl-C to stop.\n');
    } else {
      io.stdout.write(`Atlas SSO is running at ${app.server.launchUrl}\n`);
      io.stderr.write('That address works once and holds this session\'s access: keep it to yourself. Press Ctrl-C to stop.\n');
      if (kind === 'tab') await open('tab', app.server.launchUrl).catch((error: unknown) => context.warn([error instanceof Error ? error.message : String(error)]));
    }
    await Promise.race([untilStopped(), windowClosed]);
  } finally {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
    // The window is nothing without its server: Ctrl-C closes it too (a window already closed has exited).
    for (const child of windows) if (child.exitCode === null && child.signalCode === null) child.kill();
    await app.close();
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new AtlasSsoError('input-invalid', `--port takes a port number (1 to 65535, or 0 for a free one), not "${value}".`);
  return port;
}
