import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumLoginBrowser } from '../../../core/login/chromium-login-browser.js';
import type { CaptureRequest, LoginProgress } from '../../../core/login/login-browser.js';
import { samlFacts } from '../../emulators/idp/saml-facts.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';

/** Nothing but 127.0.0.1 resolves: an ACS POST that escaped the capture would fail instead of reaching AWS. */
const offlineArgs = ['--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];
// Base64 with `+`, `/` and `=`: the characters a form encoding most often mangles.
const assertion = 'PHNhbWxwOlJlc3BvbnNlPjwvc2FtbHA6UmVzcG9uc2U+ab+/cd==';

interface LocalSite {
  readonly url: string;
  /** Requests the site received, as `METHOD /path`. */
  readonly hits: string[];
  close(): Promise<void>;
}

/** A tiny IdP stand-in: pages that post a form to AWS or to a loopback ACS, by script, as IdPs do. */
async function startLocalSite(): Promise<LocalSite> {
  const hits: string[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    hits.push(`${request.method ?? 'GET'} ${url.pathname}`);
    const acs = url.searchParams.get('acs') ?? 'https://signin.aws.amazon.com/saml';
    const enctype = url.searchParams.get('enctype') ?? 'application/x-www-form-urlencoded';
    const fields = url.searchParams.getAll('field');
    const inputs = (fields.length > 0 ? fields : [`SAMLResponse=${assertion}`, 'RelayState=team-a'])
      .map((field) => {
        const [name = '', ...value] = field.split('=');
        return `<input type="hidden" name="${name}" value="${value.join('=')}">`;
      })
      .join('');
    const autoPost = `<!DOCTYPE html><title>IdP</title><form method="post" action="${acs}" enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`;
    if (url.pathname === '/remember-me') {
      // "Keep me signed in": a persistent cookie, which the profile folder itself keeps.
      const remembered = (request.headers.cookie ?? '').includes('remember=1');
      if (request.method === 'POST') response.setHeader('set-cookie', 'remember=1; Path=/; HttpOnly; Max-Age=3600');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(remembered || request.method === 'POST' ? autoPost : '<!DOCTYPE html><title>IdP</title><form method="post"><input id="password" name="password" type="password"><button type="submit">Sign in</button></form>');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (url.pathname === '/never-posts') {
      response.end('<!DOCTYPE html><title>IdP</title><p>Waiting for you to sign in…</p>');
      return;
    }
    response.end(autoPost);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let site: LocalSite;
let idp: IdpEmulator;
const profileDirs: string[] = [];

async function newProfileDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-login-'));
  profileDirs.push(dir);
  return dir;
}

function browser(onPage?: (page: Page) => void) {
  return createChromiumLoginBrowser({ executablePath: '/usr/bin/chromium', headless: true, extraArgs: offlineArgs, ...(onPage ? { onPage } : {}) });
}

function request(startUrl: string, profileDir: string, extra: Partial<CaptureRequest> = {}): CaptureRequest {
  return { startUrl, profileDir, timeoutMs: 20_000, ...extra };
}

beforeAll(async () => {
  site = await startLocalSite();
  idp = await startIdpEmulator({
    users: [{ username: 'ada', password: 'correct horse', roles: ['arn:aws:iam::012345678901:role/dba,arn:aws:iam::012345678901:saml-provider/Corp'] }],
  });
});

afterAll(async () => {
  await site.close();
  await idp.close();
});

afterEach(async () => {
  await Promise.all(profileDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('ChromiumLoginBrowser with a local auto-post page', () => {
  it('captures the SAMLResponse posted to the AWS ACS and answers it locally', async () => {
    const steps: LoginProgress[] = [];
    const captured = await browser().capture(request(`${site.url}/autopost`, await newProfileDir(), { onProgress: (step) => steps.push(step) }));
    expect(captured).toEqual({ samlResponse: assertion, relayState: 'team-a', acsUrl: 'https://signin.aws.amazon.com/saml' });
    expect(steps[0]).toBe('starting-browser');
    expect(steps).toContain('captured');
  });

  it('captures a regional GovCloud ACS and a multipart form', async () => {
    const acs = 'https://us-gov-west-1.signin.amazonaws-us-gov.com/saml';
    const captured = await browser().capture(request(`${site.url}/autopost?acs=${encodeURIComponent(acs)}&enctype=multipart/form-data`, await newProfileDir()));
    expect(captured).toEqual({ samlResponse: assertion, relayState: 'team-a', acsUrl: acs });
  });

  it('captures a configured extra ACS URL and never lets the POST reach it', async () => {
    const acs = `${site.url}/custom-acs`;
    const captured = await browser().capture(request(`${site.url}/autopost?acs=${encodeURIComponent(acs)}`, await newProfileDir(), { extraAcsUrls: [acs] }));
    expect(captured.acsUrl).toBe(acs);
    expect(captured.samlResponse).toBe(assertion);
    expect(site.hits).not.toContain('POST /custom-acs');
  });

  it('answers the ACS POST itself: the POST ends with the local "signed in" page, not on the network', async () => {
    const answers: { status: number; csp: string | undefined }[] = [];
    const failures: string[] = [];
    await browser((page) => {
      page.on('response', (response) => {
        if (response.url() === 'https://signin.aws.amazon.com/saml') answers.push({ status: response.status(), csp: response.headers()['content-security-policy'] });
      });
      page.on('requestfailed', (failed) => failures.push(`${failed.url()} ${failed.failure()?.errorText ?? ''}`));
    }).capture(request(`${site.url}/autopost`, await newProfileDir()));
    // AWS cannot have answered: every name but 127.0.0.1 fails to resolve here, so this answer is the capture's own.
    expect(answers).toEqual([{ status: 200, csp: "default-src 'none'; style-src 'unsafe-inline'" }]);
    expect(failures.filter((failure) => failure.includes('signin.aws.amazon.com'))).toEqual([]);
  });

  it('keeps persistent IdP cookies in the profile folder, across browser objects', async () => {
    const profileDir = await newProfileDir();
    const typed: string[] = [];
    const typing = () =>
      browser((page) => {
        void page.waitForSelector('#password', { timeout: 15_000 }).then(async () => {
          typed.push(page.url());
          await page.fill('#password', 'x');
          await page.click('button[type=submit]');
        }).catch(() => undefined);
      });
    expect((await typing().capture(request(`${site.url}/remember-me`, profileDir))).samlResponse).toBe(assertion);
    expect((await typing().capture(request(`${site.url}/remember-me`, profileDir))).samlResponse).toBe(assertion);
    expect(typed).toHaveLength(1);
  });

  it('refuses a form with two SAMLResponse fields', async () => {
    const fields = ['field=SAMLResponse=first', 'field=SAMLResponse=second'].join('&');
    await expect(browser().capture(request(`${site.url}/autopost?${fields}`, await newProfileDir()))).rejects.toMatchObject({ code: 'saml-duplicate-form-field' });
  });

  it('says login-cancelled when the window is closed', async () => {
    const capture = browser((page) => void page.waitForLoadState('domcontentloaded').then(() => page.close(), () => undefined))
      .capture(request(`${site.url}/never-posts`, await newProfileDir()));
    await expect(capture).rejects.toMatchObject({ code: 'login-cancelled', message: 'The sign-in window was closed before sign-in finished.' });
  });

  it('says login-cancelled when the whole browser is closed', async () => {
    let closing: Promise<void> | undefined;
    const capture = browser((page) => void page.waitForLoadState('domcontentloaded').then(() => (closing = page.context().close()), () => undefined))
      .capture(request(`${site.url}/never-posts`, await newProfileDir()));
    await expect(capture).rejects.toMatchObject({ code: 'login-cancelled', message: 'The sign-in window was closed before sign-in finished.' });
    // Whoever starts a close waits for the browser process to end; here that is the test.
    await closing;
  });

  it('says login-cancelled when the host aborts', async () => {
    const controller = new AbortController();
    const capture = browser((page) => void page.waitForLoadState('domcontentloaded').then(() => controller.abort(), () => undefined))
      .capture(request(`${site.url}/never-posts`, await newProfileDir(), { signal: controller.signal }));
    await expect(capture).rejects.toMatchObject({ code: 'login-cancelled', message: 'Sign-in was cancelled.' });
  });

  it('closes the window when the host aborts while the browser is still starting', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    const capture = browser().capture(
      request(`${site.url}/never-posts`, await newProfileDir(), {
        signal: controller.signal,
        onProgress: (step) => {
          steps.push(step);
          if (step === 'starting-browser') controller.abort();
        },
      }),
    );
    await expect(capture).rejects.toMatchObject({ code: 'login-cancelled' });
    // The IdP was never opened: the window closed as soon as the browser was up.
    expect(steps).toEqual(['starting-browser']);
  });

  it('does not start a browser for an already aborted sign-in', async () => {
    const profileDir = path.join(await newProfileDir(), 'never-created');
    await expect(browser().capture(request(`${site.url}/never-posts`, profileDir, { signal: AbortSignal.abort() }))).rejects.toMatchObject({ code: 'login-cancelled' });
    await expect(stat(profileDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says login-timeout with the time it waited', async () => {
    await expect(browser().capture(request(`${site.url}/never-posts`, await newProfileDir(), { timeoutMs: 1500 }))).rejects.toMatchObject({
      code: 'login-timeout',
      message: expect.stringContaining('within 2 seconds') as unknown,
    });
  });

  it('says login-idp-unreachable naming the host and the network error', async () => {
    const port = await closedPort();
    await expect(browser().capture(request(`http://127.0.0.1:${port}/sso`, await newProfileDir()))).rejects.toMatchObject({
      code: 'login-idp-unreachable',
      message: expect.stringMatching(new RegExp(`127\\.0\\.0\\.1:${port}.*net::ERR_CONNECTION_REFUSED`)) as unknown,
    });
  });

  it('says login-idp-unreachable for a host that does not resolve', async () => {
    await expect(browser().capture(request('https://idp.example.invalid/sso', await newProfileDir()))).rejects.toMatchObject({
      code: 'login-idp-unreachable',
      message: expect.stringMatching(/idp\.example\.invalid.*net::ERR_NAME_NOT_RESOLVED/) as unknown,
    });
  });

  it('says login-browser-not-found for a --browser path that does not exist', async () => {
    const missing = createChromiumLoginBrowser({ executablePath: '/nonexistent/chrome', headless: true });
    await expect(missing.capture(request(`${site.url}/autopost`, await newProfileDir()))).rejects.toMatchObject({ code: 'login-browser-not-found' });
  });
});

describe('ChromiumLoginBrowser with the IdP emulator', () => {
  /** Types the password into the login form when the IdP shows one; records whether it did. */
  function signingIn(shownForms: string[]) {
    return browser((page) => {
      void page
        .waitForSelector('#password', { timeout: 15_000 })
        .then(async () => {
          shownForms.push(page.url());
          await page.fill('#username', 'ada');
          await page.fill('#password', 'correct horse');
          await page.click('button[type=submit]');
        })
        .catch(() => undefined);
    });
  }

  it('captures the signed assertion after the person types their password, then signs in silently with the same profile', async () => {
    const profileDir = await newProfileDir();
    const forms: string[] = [];
    const login = signingIn(forms);
    const first = await login.capture(request(idp.ssoUrl, profileDir));
    expect(forms).toHaveLength(1);
    expect(first.acsUrl).toBe('https://signin.aws.amazon.com/saml');
    const facts = samlFacts(first.samlResponse);
    expect(facts.roles).toEqual(['arn:aws:iam::012345678901:role/dba,arn:aws:iam::012345678901:saml-provider/Corp']);
    expect(facts.responseSigned || facts.assertionSigned).toBe(true);

    // The emulator's SSO cookie is session-only, as many IdPs' are: kept across windows while the app runs.
    const second = await login.capture(request(idp.ssoUrl, profileDir));
    expect(forms).toHaveLength(1);
    expect(samlFacts(second.samlResponse).roleSessionName).toBe('ada');
    expect(idp.signIns.slice(-2)).toEqual([{ username: 'ada', silent: false }, { username: 'ada', silent: true }]);
  });

  it('asks for the password again after forget', async () => {
    const profileDir = await newProfileDir();
    const forms: string[] = [];
    const login = signingIn(forms);
    await login.capture(request(idp.ssoUrl, profileDir));
    await login.forget(profileDir);
    await expect(stat(profileDir)).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await login.capture(request(idp.ssoUrl, profileDir));
    expect(forms).toHaveLength(2);
    expect(samlFacts(again.samlResponse).roleSessionName).toBe('ada');
  });
});
