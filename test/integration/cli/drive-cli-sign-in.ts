/** Drives the sign-in window a CLI run opened, over DevTools (ATLAS_SSO_TEST_BROWSER_DEBUG_PORT=0), as a person would. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Nothing but 127.0.0.1 resolves: an ACS POST that escaped the capture would fail instead of reaching AWS. */
export const offlineBrowserArgs = JSON.stringify(['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1']);

/**
 * The environment that makes the CLI's browser headless and offline, with DevTools on a port Chromium picks itself
 * (`--remote-debugging-port=0`): it writes the port to DevToolsActivePort in the connection's profile folder, so no
 * port is probed and then bound by someone else first.
 */
export function browserTestEnv(): NodeJS.ProcessEnv {
  return { ATLAS_SSO_BROWSER_HEADLESS: '1', ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: '0', ATLAS_SSO_TEST_BROWSER_ARGS: offlineBrowserArgs };
}

/** The folder of the connections' browser profiles beside `connectionsFile` (ATLAS_SSO_CONFIG), as the CLI keeps them. */
export function browserProfilesOf(connectionsFile: string): string {
  return path.join(path.dirname(connectionsFile), 'browser-profiles');
}

/**
 * Connects to the CLI's browser once it listens; the caller closes the connection when the CLI is done. Each profile's
 * DevToolsActivePort names the port and the browser's own WebSocket path: a file left by a browser that has closed
 * leads nowhere (404 or refused), never to another browser that got the same port since.
 */
export async function connectToCliBrowser(profilesDir: string, deadlineMs = 20_000): Promise<Browser> {
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown = new Error(`No browser wrote DevToolsActivePort under ${profilesDir}.`);
  for (;;) {
    for (const endpoint of await devToolsEndpoints(profilesDir)) {
      try {
        return await chromium.connectOverCDP(endpoint, { timeout: 10_000 });
      } catch (error) {
        lastError = error;
      }
    }
    if (Date.now() > deadline) throw lastError;
    await sleep(100);
  }
}

/** The WebSocket endpoints the profiles' DevToolsActivePort files name (first line: port; second: browser path). */
async function devToolsEndpoints(profilesDir: string): Promise<readonly string[]> {
  const profiles = await readdir(profilesDir).catch(() => []);
  const files = await Promise.all(profiles.map((profile) => readFile(path.join(profilesDir, profile, 'DevToolsActivePort'), 'utf8').catch(() => '')));
  return files.flatMap((text) => {
    const [port, browserPath] = text.split('\n');
    return port !== undefined && /^\d+$/.test(port) && browserPath?.startsWith('/devtools/browser/') === true ? [`ws://127.0.0.1:${port}${browserPath}`] : [];
  });
}

/** The page showing `origin` (the IdP), waiting for it to appear. */
export async function idpPage(browser: Browser, origin: string, deadlineMs = 20_000): Promise<Page> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const page = browser.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().startsWith(origin));
    if (page !== undefined) return page;
    if (Date.now() > deadline) throw new Error(`No page at ${origin} appeared.`);
    await sleep(100);
  }
}

export interface Typing {
  readonly usernameSelector: string;
  readonly passwordSelector: string;
  readonly submitSelector: string;
  readonly username: string;
  readonly password: string;
  /** The IdP's "Keep me signed in" box, ticked before submitting; left as the page shows it when absent. */
  readonly keepSignedInSelector?: string;
}

/** Types into the IdP's login form (ticking "Keep me signed in" when asked) and submits it. */
export async function typeCredentials(page: Page, typing: Typing): Promise<void> {
  await page.waitForSelector(typing.passwordSelector, { timeout: 20_000 });
  await page.fill(typing.usernameSelector, typing.username);
  await page.fill(typing.passwordSelector, typing.password);
  if (typing.keepSignedInSelector !== undefined) await page.check(typing.keepSignedInSelector);
  await page.click(typing.submitSelector);
}
