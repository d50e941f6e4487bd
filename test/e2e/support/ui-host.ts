/** Starts `atlas-sso ui --no-open` the way a person would, in a throwaway home, wired to emulators; stops it after. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ConnectionInput, SettingsInput } from '../../../core/connections/schema.js';
import type { SessionServicePorts } from '../../../core/session/session-service.js';
import { startBrowserMode } from '../../../server/main.js';
import type { Typing } from '../../integration/cli/drive-cli-sign-in.js';
import { browserProfilesOf, browserTestEnv, connectToCliBrowser, idpPage, offlineBrowserArgs, typeCredentials } from '../../integration/cli/drive-cli-sign-in.js';

export interface UiHost {
  /** The launch URL with the token in its fragment, as `atlas-sso ui` printed it: it works once (one page, one context). */
  readonly url: string;
  /** Another one-time launch URL for the same host, as a second `atlas-sso ui --no-open` prints it. */
  newUrl(): Promise<string>;
  /** Where the host keeps its files: HOME, the connections file, ~/.aws. */
  readonly home: string;
  /** The environment the host runs with (for the AWS CLI to read the same files). */
  readonly env: NodeJS.ProcessEnv;
  /** Where the login window's profiles are: its DevToolsActivePort there lets tests type into the IdP page. */
  readonly browserProfiles: string;
  stop(): Promise<void>;
}

export interface UiHostOptions {
  readonly stsUrl: string;
  /** Saved before start; none gives the first-run screen. */
  readonly connections?: readonly ConnectionInput[];
  readonly settings?: SettingsInput;
  /** PATH for the host; by default node_modules/.bin (the real mongosh) before the system's. */
  readonly path?: string;
  /** More variables for the host (DISPLAY, TERMINAL…). */
  readonly env?: Readonly<Record<string, string>>;
}

export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
export const nodeModulesBin = join(repoRoot, 'node_modules', '.bin');

/** A throwaway home with the connections file (when any is given) and the environment a host runs with there. */
async function prepareHome(options: UiHostOptions): Promise<{ readonly home: string; readonly env: NodeJS.ProcessEnv; readonly browserProfiles: string }> {
  const home = await mkdtemp(join(tmpdir(), 'atlas-sso-e2e-'));
  const configFile = join(home, 'config', 'connections.json');
  await mkdir(join(home, 'config'), { recursive: true });
  if (options.connections !== undefined || options.settings !== undefined) {
    await writeFile(configFile, JSON.stringify({ version: 1, connections: options.connections ?? [], settings: options.settings ?? {} }), { mode: 0o600 });
  }
  const env: NodeJS.ProcessEnv = {
    PATH: options.path ?? `${nodeModulesBin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    LANG: 'C.UTF-8',
    SHELL: '/bin/bash',
    ATLAS_SSO_CONFIG: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_ENDPOINT_URL_STS: options.stsUrl,
    ...browserTestEnv(),
    ...options.env,
  };
  return { home, env, browserProfiles: browserProfilesOf(configFile) };
}

/** Starts the built CLI's `ui` command; resolves once it prints its address. */
export async function startUiHost(options: UiHostOptions): Promise<UiHost> {
  const { home, env, browserProfiles } = await prepareHome(options);
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'ui', '--no-open', '--browser', '/usr/bin/chromium'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A host that dies under a test would only show as "not answering" in the page: say why in the test output.
  let stopping = false;
  let hostStderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (hostStderr += text));
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`atlas-sso ui exited under the test (${String(code ?? signal)}): ${hostStderr}`);
  });
  const stop = async (): Promise<void> => {
    stopping = true;
    await stopChild(child);
    await rm(home, { recursive: true, force: true });
  };
  try {
    const url = await launchUrlOf(child);
    const newUrl = async (): Promise<string> => {
      const again = spawn(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'ui', '--no-open'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      return await launchUrlOf(again);
    };
    return { url, home, env, browserProfiles, newUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Browser mode started the way `npm run demo` starts it (scripts/demo.ts calls startBrowserMode with the demo's
 * connection), in this process: the CLI has no switch for a demo.
 */
export async function startDemoUiHost(options: UiHostOptions & { readonly demoConnection: NonNullable<SessionServicePorts['demoConnection']> }): Promise<UiHost> {
  const { home, env, browserProfiles } = await prepareHome(options);
  try {
    const app = await startBrowserMode({
      env,
      platform: process.platform,
      login: { executablePath: '/usr/bin/chromium', headless: true, remoteDebuggingPort: 0, extraArgs: JSON.parse(offlineBrowserArgs) as string[] },
      demoConnection: options.demoConnection,
    });
    return {
      url: app.server.launchUrl,
      newUrl: () => Promise.resolve(app.server.newLaunchUrl()),
      home,
      env,
      browserProfiles,
      stop: async () => {
        await app.close();
        await rm(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}

function launchUrlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const url = /running at (\S+)/.exec(stdout)?.[1];
      if (url !== undefined) resolveUrl(url);
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    child.once('exit', (code) => reject(new Error(`atlas-sso ui exited (${String(code)}) before printing its address: ${stderr}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Acts in the login window the host opened, as a person: waits for the IdP page and hands it to `act`
 * (type a password, close the window…). The DevTools connection is dropped afterwards; the window is the host's.
 */
export async function inLoginWindow(host: UiHost, idpOrigin: string, act: (page: Page) => Promise<void>): Promise<void> {
  const browser: Browser = await connectToCliBrowser(host.browserProfiles);
  try {
    await act(await idpPage(browser, idpOrigin));
  } finally {
    await browser.close().catch(() => undefined);
  }
}

/** The demo IdP's login form (test/emulators/idp) for one user. */
export function demoTyping(username: string, password: string): Typing {
  return { usernameSelector: '#username', passwordSelector: '#password', submitSelector: 'button[type=submit]', username, password };
}

/** Types the right password and waits until the host has taken the sign-in and closed its window. */
export async function signInAt(host: UiHost, idpOrigin: string, typing: Typing): Promise<void> {
  await inLoginWindow(host, idpOrigin, async (page) => {
    const closed = page.waitForEvent('close', { timeout: 30_000 });
    await typeCredentials(page, typing);
    await closed;
  });
}

export { typeCredentials };
