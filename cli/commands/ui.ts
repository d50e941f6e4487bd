import { Option } from 'commander';
import type { Command } from 'commander';
import { AtlasSsoError } from '../../core/errors.js';
import { chromiumOptionsFromEnv } from '../../core/login/chromium-options-from-env.js';
import type { CliContext } from '../context.js';

interface UiOptions {
  readonly port?: number;
  /** Commander's `--no-open`. */
  readonly open: boolean;
  readonly browser?: string;
  readonly uiDir?: string;
}

export function registerUi(program: Command, context: CliContext): void {
  program
    .command('ui')
    .description('Open the Atlas SSO app in your browser, served from this computer only (127.0.0.1), until Ctrl-C')
    .addOption(new Option('--port <port>', 'the port to listen on (default: a free one)').argParser(parsePort))
    .option('--no-open', 'print the address without opening a browser')
    .option('--browser <path>', 'the Chrome, Chromium or Edge for the sign-in window (default: the first one installed)')
    .addOption(new Option('--ui-dir <folder>', 'the built UI to serve (default: dist/renderer)').hideHelp())
    .action(async (options: UiOptions) => {
      const { io } = context;
      // Loaded here: the other commands need neither the HTTP server nor playwright.
      const [{ startBrowserMode }, { openInBrowser }] = await Promise.all([import('../../server/main.js'), import('../../server/open-browser.js')]);
      const app = await startBrowserMode({
        env: io.env,
        platform: io.platform,
        port: options.port,
        uiDir: options.uiDir,
        login: chromiumOptionsFromEnv(io.env, options.browser),
      });
      let cleanupLaunchFile: (() => Promise<void>) | undefined;
      try {
        io.stdout.write(`Atlas SSO is running at ${app.server.launchUrl}\n`);
        io.stderr.write('Keep that address to yourself: it holds this session\'s access token. Press Ctrl-C to stop.\n');
        if (options.open) {
          cleanupLaunchFile = await openInBrowser(app.server.launchUrl, { platform: io.platform, stateDir: app.stateDir }).catch((error: unknown) => {
            context.warn([error instanceof Error ? error.message : String(error)]);
            return undefined;
          });
        }
        await untilStopped();
      } finally {
        await cleanupLaunchFile?.();
        await app.close();
      }
    });
}

/** Resolves on Ctrl-C or a polite kill; the caller then stops everything it started. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new AtlasSsoError('input-invalid', `--port takes a port number (1 to 65535, or 0 for a free one), not "${value}".`);
  return port;
}
