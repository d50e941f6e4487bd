/** Drives the sign-in window a CLI run opened, over DevTools (ATLAS_SSO_TEST_BROWSER_DEBUG_PORT), as a person would. */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Nothing but 127.0.0.1 resolves: an ACS POST that escaped the capture would fail instead of reaching AWS. */
export const offlineBrowserArgs = JSON.stringify(['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1']);

/** A port the OS just handed out and released, for Chromium's DevTools. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The environment that makes the CLI's browser headless, offline and reachable on `port`. */
export function browserTestEnv(port: number): NodeJS.ProcessEnv {
  return { ATLAS_SSO_BROWSER_HEADLESS: '1', ATLAS_SSO_TEST_BROWSER_DEBUG_PORT: String(port), ATLAS_SSO_TEST_BROWSER_ARGS: offlineBrowserArgs };
}

/** Connects to the CLI's browser once it listens; the caller closes the connection when the CLI is done. */
export async function connectToCliBrowser(port: number, deadlineMs = 20_000): Promise<Browser> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
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
