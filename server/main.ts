// Browser mode's composition root: the real connection store, Chromium login browser and terminal launcher, wired
// into the session service, served over HTTP on 127.0.0.1.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectionsFilePath } from '../core/connections/config-path.js';
import { createConnectionStore } from '../core/connections/connection-store.js';
import { openKeysCache } from '../core/credentials/open-keys-cache.js';
import { openBrowserSessionKeysCache } from '../core/desktop/session-keys-cache.js';
import type { ChromiumLoginBrowserOptions } from '../core/login/chromium-login-browser.js';
import { createChromiumLoginBrowser } from '../core/login/chromium-login-browser.js';
import { openIdpSessionStore } from '../core/login/idp-session-store.js';
import type { SessionService, SessionServicePorts } from '../core/session/session-service.js';
import { createSessionService } from '../core/session/session-service.js';
import { createTerminalLauncher } from '../core/session/terminal-launcher.js';
import { packageRoot } from '../core/package-root.js';
import type { AppServer, AppServerHost } from './app-server.js';
import { startAppServer } from './app-server.js';

export interface BrowserModeOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** 0 or absent: a random free port. */
  readonly port?: number | undefined;
  /** The built UI; dist/renderer of this package by default. */
  readonly uiDir?: string | undefined;
  /** The sign-in window: `--browser PATH` (else the first installed Chrome, Chromium or Edge); tests add headless, offline switches and `onPage`. */
  readonly login?: ChromiumLoginBrowserOptions | undefined;
  /** The demo's connection (`npm run demo`, tests): the first-run screen then offers "Try the demo". */
  readonly demoConnection?: SessionServicePorts['demoConnection'];
  /** False: nothing of a session outlives this run (the demo, whose connections file is thrown away). */
  readonly keepSessions?: boolean;
  /** Opens mongosh windows; this computer's terminal launcher by default (the demo's tracks its windows to close them). */
  readonly terminal?: SessionServicePorts['terminal'];
  /** `atlas-sso ui`'s app window and single-instance hooks. */
  readonly host?: AppServerHost | undefined;
}

export interface BrowserMode {
  readonly server: AppServer;
  readonly service: SessionService;
  /** Where the connections file (and the login profiles beside it) live. */
  readonly stateDir: string;
  /** The connections signed in again at start from the sessions the OS keychain kept (none without a keychain). */
  readonly restored: Promise<readonly string[]>;
  close(): Promise<void>;
}

function packageVersion(root: string): string {
  try {
    const parsed = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { readonly version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Starts browser mode; the caller prints `server.launchUrl` and opens it. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const root = packageRoot(import.meta.url);
  const store = createConnectionStore(connectionsFilePath({ platform: options.platform, env: options.env, homeDir: os.homedir() }));
  const service = createSessionService({
    store,
    loginBrowser: createChromiumLoginBrowser({ ...options.login, idpSessions: openIdpSessionStore(store.filePath, options.platform, options.env) }),
    terminal: options.terminal ?? createTerminalLauncher(options.env, options.platform),
    env: options.env,
    platform: options.platform,
    appVersion: packageVersion(root),
    host: 'browser',
    credentialProcessKeys: openKeysCache(store.filePath, options.platform, options.env),
    ...(options.keepSessions === false ? {} : { keysCache: openBrowserSessionKeysCache(store.filePath, options.platform, options.env) }),
    ...(options.demoConnection === undefined ? {} : { demoConnection: options.demoConnection }),
  });
  try {
    const server = await startAppServer({ api: service, uiDir: options.uiDir ?? path.join(root, 'dist', 'renderer'), ...(options.port === undefined ? {} : { port: options.port }), ...(options.host === undefined ? {} : { host: options.host }) });
    // After listening, so the page is not kept waiting on the keychain: restored sessions reach it as events.
    const restored = service.restoreCachedSessions().catch(() => []);
    return {
      server,
      service,
      stateDir: path.dirname(store.filePath),
      restored,
      close: async () => {
        service.close();
        await server.close();
      },
    };
  } catch (error) {
    service.close();
    throw error;
  }
}
