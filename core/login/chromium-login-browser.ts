import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Cookie, Page, Request, Route } from 'playwright-core';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import { acsPostBodyText } from './acs-post-body.js';
import { checkDisplayForLogin, isMissingDisplayFailure, loginNoDisplay } from './display-available.js';
import { findBrowserExecutable } from './find-browser.js';
import type { IdpSessionStore } from './idp-session-store.js';
import type { CaptureRequest, CapturedLogin, LoginBrowser } from './login-browser.js';
import { isAwsAcsRequest } from './match-acs.js';
import { parseAcsFormBody } from '../saml/parse-acs-form.js';
import { loginCancelledByHost, loginIdpUnreachable, loginTimedOut, loginWindowClosed } from './login-errors.js';

export interface ChromiumLoginBrowserOptions {
  /** The person's `--browser PATH`; else the first installed Chrome, Chromium or Edge. */
  readonly executablePath?: string;
  /** No window (tests, CI); hosts read `ATLAS_SSO_BROWSER_HEADLESS=1` through chromiumOptionsFromEnv. */
  readonly headless?: boolean;
  /** Extra Chromium switches, e.g. tests' `--host-resolver-rules` so nothing resolves outside this computer. */
  readonly extraArgs?: readonly string[];
  /** Test seam: sees every page a capture opens, to type into the IdP form or close the window. */
  readonly onPage?: (page: Page) => void;
  /**
   * Test seam for tests that drive a sign-in started by another process (the CLI): Chromium listens for DevTools on
   * 127.0.0.1:PORT (0: a port Chromium picks, written to DevToolsActivePort in the profile folder). Never set it otherwise: any local process could then drive the IdP page and read the assertion.
   */
  readonly remoteDebuggingPort?: number;
  /** Where the IdP's session cookies are kept between runs (the CLI's); without it they live as long as this object. */
  readonly idpSessions?: IdpSessionStore;
}

/**
 * The LoginBrowser that drives the person's installed Chromium-family browser, with one persistent profile per connection.
 * The browser closes after each sign-in, which drops the IdP's session-only cookies; they are kept per profile — in
 * memory while this object lives, and in `idpSessions` across runs — so sign-ins stay silent as in a browser left open
 * (and as in Electron's login window). Forgetting the profile forgets them too.
 */
export function createChromiumLoginBrowser(options: ChromiumLoginBrowserOptions = {}): LoginBrowser {
  const sessionCookies = new Map<string, readonly Cookie[]>();
  return {
    capture: (request) => captureWithChromium(options, request, sessionCookies),
    forget: async (profileDir) => {
      sessionCookies.delete(path.resolve(profileDir));
      await options.idpSessions?.forget(profileDir);
      await forgetProfile(profileDir);
    },
  };
}

async function captureWithChromium(
  options: ChromiumLoginBrowserOptions,
  request: CaptureRequest,
  sessionCookies: Map<string, readonly Cookie[]>,
): Promise<CapturedLogin> {
  if (isAborted(request.signal)) throw loginCancelledByHost();
  const executablePath = await findBrowserExecutable(options.executablePath);
  request.onProgress?.('starting-browser');
  const profileKey = path.resolve(request.profileDir);
  const kept = sessionCookies.get(profileKey) ?? (await options.idpSessions?.load(profileKey).catch(() => []));
  const context = await launch(executablePath, profileKey, options);
  let captured = false;
  try {
    // A kept cookie the browser refuses (changed rules, a damaged entry) only costs a password prompt.
    await context.addCookies([...(kept ?? [])]).catch(() => undefined);
    // Aborted while the browser started: the abort event has passed, so the window closes here (the finally).
    if (isAborted(request.signal)) throw loginCancelledByHost();
    const login = await captureIn(context, request, options.onPage);
    captured = true;
    return login;
  } finally {
    // Unreadable when the person closed the browser: the cookies kept before stay.
    const cookies = await context.cookies().then(
      (all) => all.filter((cookie) => cookie.expires === -1),
      () => undefined,
    );
    await context.close().catch(() => undefined);
    if (cookies !== undefined) sessionCookies.set(profileKey, cookies);
    // Saved only after a completed sign-in: the IdP's session is then known to be live. Not saving costs a prompt, nothing more.
    if (captured && cookies !== undefined) await options.idpSessions?.save(profileKey, cookies).catch(() => undefined);
  }
}

/** A function, not an inline test: TypeScript would keep the first test's narrowing across the awaits in between. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

async function launch(executablePath: string, profileDir: string, options: ChromiumLoginBrowserOptions): Promise<BrowserContext> {
  checkDisplayForLogin(options.headless ?? false);
  const isRoot = process.getuid?.() === 0;
  // Loaded at the first sign-in, not with the host: browser mode and the CLI start without it.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: options.headless ?? false,
      args: [
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(isRoot ? ['--no-sandbox'] : []),
        ...(options.remoteDebuggingPort === undefined ? [] : [`--remote-debugging-port=${options.remoteDebuggingPort}`]),
        ...(options.extraArgs ?? []),
      ],
      // Without this switch IdPs see navigator.webdriver and some refuse the sign-in; it also drops the "controlled by automated software" bar.
      ignoreDefaultArgs: ['--enable-automation'],
      // A service worker could answer the ACS POST itself, out of the route's reach.
      serviceWorkers: 'block',
      viewport: null,
    });
  } catch (error) {
    if (isMissingDisplayFailure(error instanceof Error ? error.message : String(error))) throw loginNoDisplay();
    throw new AtlasSsoError(
      'login-browser-failed',
      `The browser ${executablePath} could not start for sign-in. If a sign-in window for this connection is already open, finish or close it; otherwise try another browser with --browser PATH.`,
      { cause: error, details: firstLine(error) },
    );
  }
}

/** Resolves with the first captured ACS POST; rejects when the window closes, time runs out, the host aborts or the IdP is unreachable. */
async function captureIn(context: BrowserContext, request: CaptureRequest, onPage: ((page: Page) => void) | undefined): Promise<CapturedLogin> {
  const outcome = settleOnce<CapturedLogin>();
  // setTimeout fires at once beyond 2^31-1 ms (24.8 days): cap it rather than time out immediately.
  const timer = setTimeout(() => outcome.reject(loginTimedOut(request.timeoutMs)), Math.min(request.timeoutMs, 2 ** 31 - 1));
  const onAbort = (): void => outcome.reject(loginCancelledByHost());
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const onClose = (): void => outcome.reject(loginWindowClosed());
  const watchPage = (page: Page): void => {
    onPage?.(page);
    page.on('close', () => {
      if (context.pages().length === 0) outcome.reject(loginWindowClosed());
    });
  };
  const onRequestFailed = (failed: Request): void => {
    const errorText = failed.failure()?.errorText ?? 'unknown network error';
    if (errorText !== 'net::ERR_ABORTED' && isTopLevelNavigation(failed)) outcome.reject(loginIdpUnreachable(failed.url(), errorText));
  };
  context.on('close', onClose);
  context.on('page', watchPage);
  context.on('requestfailed', onRequestFailed);
  try {
    await context.route('**/*', (route, routed) => handleRoute(route, routed, request, outcome));
    for (const page of context.pages()) watchPage(page);
    const page = context.pages()[0] ?? (await context.newPage());
    request.onProgress?.('opening-idp');
    // Not awaited: the IdP may post to the ACS before the first navigation settles; failures arrive through `outcome`.
    page.goto(request.startUrl, { waitUntil: 'commit', timeout: 0 }).then(
      () => {
        if (!outcome.settled) request.onProgress?.('waiting-for-sign-in');
      },
      (error: unknown) => {
        const networkError = /net::ERR_[A-Z_]+/.exec(firstLine(error))?.[0];
        if (networkError !== undefined && networkError !== 'net::ERR_ABORTED') outcome.reject(loginIdpUnreachable(request.startUrl, networkError));
      },
    );
    return await outcome.promise;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    context.off('close', onClose);
    context.off('page', watchPage);
    context.off('requestfailed', onRequestFailed);
  }
}

/** Captures the ACS POST and answers it locally, so the assertion never leaves; lets every other request through. */
async function handleRoute(route: Route, routed: Request, request: CaptureRequest, outcome: Outcome<CapturedLogin>): Promise<void> {
  if (!isAwsAcsRequest({ method: routed.method(), url: routed.url(), extraAcsUrls: request.extraAcsUrls ?? [] })) {
    await route.continue().catch(() => undefined);
    return;
  }
  if (outcome.settled) {
    // A second assertion while the window closes: it goes nowhere either.
    await route.abort().catch(() => undefined);
    return;
  }
  try {
    const form = parseAcsFormBody(await acsPostBodyText(routed.postDataBuffer(), (await routed.headerValue('content-type')) ?? undefined));
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: localPageHeaders, body: signedInPage });
    // The window closes next: let the local answer land first, so the POST ends answered rather than aborted.
    await (await routed.response().catch(() => null))?.finished().catch(() => null);
    request.onProgress?.('captured');
    outcome.resolve({ samlResponse: form.samlResponse, relayState: form.relayState, acsUrl: routed.url() });
  } catch (error) {
    await route.fulfill({ status: 400, contentType: 'text/html; charset=utf-8', headers: localPageHeaders, body: notReadPage }).catch(() => undefined);
    outcome.reject(isAtlasSsoError(error) ? error : new AtlasSsoError('login-browser-failed', 'The browser did not hand over the sign-in form; sign in again.', { cause: error }));
  }
}

function isTopLevelNavigation(failed: Request): boolean {
  try {
    return failed.isNavigationRequest() && failed.frame().parentFrame() === null;
  } catch {
    // Navigations started before their frame exists (service workers, popups being created) have no frame.
    return false;
  }
}

/** Deletes the connection's browser profile: its IdP cookies go with it, so the next sign-in asks again. */
async function forgetProfile(profileDir: string): Promise<void> {
  const resolved = path.resolve(profileDir);
  if (!path.isAbsolute(profileDir) || path.parse(resolved).root === resolved) {
    throw new AtlasSsoError('input-invalid', `"${profileDir}" is not a browser profile folder that can be deleted: give its full path.`);
  }
  // Retries ride out a browser that the person just closed and that is still writing its last files.
  await rm(resolved, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

interface Outcome<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  resolve(value: T): void;
  reject(error: AtlasSsoError): void;
}

/** A promise that keeps the first of several racing results (capture, close, timeout, abort, network failure). */
function settleOnce<T>(): Outcome<T> {
  let settled = false;
  let resolvePromise: (value: T) => void = () => undefined;
  let rejectPromise: (error: AtlasSsoError) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    resolvePromise = resolve;
    rejectPromise = reject;
  });
  return {
    promise,
    get settled() {
      return settled;
    },
    resolve(value) {
      if (settled) return;
      settled = true;
      resolvePromise(value);
    },
    reject(error) {
      if (settled) return;
      settled = true;
      rejectPromise(error);
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

const localPageHeaders = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'no-store' };

const signedInPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Signed in — Atlas SSO</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:30rem;text-align:center;color:#1d2330}</style></head>
<body><h1>Signed in</h1><p>You can close this window and go back to Atlas SSO.</p></body></html>`;

const notReadPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in not read — Atlas SSO</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:4rem auto;max-width:30rem;text-align:center;color:#1d2330}</style></head>
<body><h1>Sign-in could not be read</h1><p>Atlas SSO shows what went wrong. You can close this window.</p></body></html>`;
