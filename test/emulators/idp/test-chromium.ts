import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; playwright's own download is unreachable here (never `npx playwright install`). */
export const chromiumExecutable = '/usr/bin/chromium';

/** Headless, quiet, and unable to resolve any host but 127.0.0.1: nothing a test does can leave the machine. */
export const testChromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

/** An `onPage` for the Chromium login browser: types the password into the IdP emulator's form whenever it shows (a silent sign-in shows none). */
export function typeIntoIdpWhenAsked(username: string, password: string): (page: Page) => void {
  return (page) => {
    void page
      .waitForSelector('#password', { timeout: 15_000 })
      .then(async () => {
        await page.fill('#username', username);
        await page.fill('#password', password);
        await page.click('button[type=submit]');
      })
      .catch(() => undefined);
  };
}

export function launchTestChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable, headless: true, args: [...testChromiumArgs] });
}

/** One form POST the page made to the ACS, as the browser sent it. */
export interface CapturedAcsPost {
  readonly url: string;
  readonly fields: URLSearchParams;
}

/**
 * Answers every request to the AWS sign-in host locally (no request leaves) and hands over the first
 * form POST, the way the app captures the SAMLResponse.
 */
export async function captureAcsPost(page: Page, urlPattern = 'https://signin.aws.amazon.com/**'): Promise<() => Promise<CapturedAcsPost>> {
  let deliver: (post: CapturedAcsPost) => void = () => undefined;
  const captured = new Promise<CapturedAcsPost>((resolve) => {
    deliver = resolve;
  });
  await page.route(urlPattern, async (route) => {
    const request = route.request();
    if (request.method() === 'POST') deliver({ url: request.url(), fields: new URLSearchParams(request.postData() ?? '') });
    await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Captured</title><p>Captured by the test.</p>' });
  });
  return () => captured;
}
