import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSigninSamlPath, stsLocationOfSigninUrl } from '../../../core/aws/signin-endpoints.js';
import { buildHugeSamlResponseBase64 } from './huge-saml-response.js';
import { contentSecurityPolicy, keepSignedInField, renderAutoPostPage, renderLoginPage, renderMessagePage, renderTotpPage } from './pages.js';
import type { SamlResponseSpec } from './saml-response.js';
import { buildSamlResponseBase64, fixtureIdpKey } from './saml-response.js';
import { verifyTotp } from './totp.js';

export interface IdpUser {
  readonly username: string;
  readonly password: string;
  /** Base32; when set, a TOTP step follows the password. */
  readonly totpSecret?: string;
  /** Role attribute values: `role-arn,provider-arn`. */
  readonly roles: readonly string[];
  readonly sessionDuration?: number;
  readonly displayName?: string;
}

export interface IdpEmulatorOptions {
  readonly users: readonly IdpUser[];
  /** Where the auto-post form posts: an AWS sign-in SAML endpoint (any partition or region), or a loopback URL for tests. */
  readonly acsUrl?: string;
  readonly issuer?: string;
  /** The login page lists users and passwords (for the demo). */
  readonly showDemoPasswords?: boolean;
  /** e.g. 'Demo Corp'. */
  readonly title?: string;
  /** Default 0: the OS picks. */
  readonly port?: number;
}

/** Switches for tests; a mode holds for every sign-in until another is set (`{ kind: 'normal' }` resets). */
export type IdpMode =
  | { readonly kind: 'normal' }
  | { readonly kind: 'error-status'; readonly code?: string; readonly message?: string }
  | { readonly kind: 'short-expiry'; readonly seconds: number }
  /** At STS's 100,000-character limit: several hundred roles, exactly at the limit. */
  | { readonly kind: 'huge-assertion' }
  | { readonly kind: 'encrypted' }
  /** Login succeeds, then a page that never posts. */
  | { readonly kind: 'never-posts' }
  /** After login, an HTTP 403 page with this message instead of the post. */
  | { readonly kind: 'error-page'; readonly message: string };

export interface IdpSignIn {
  readonly username: string;
  /** True when the session cookie signed the person in with no form. */
  readonly silent: boolean;
}

export interface IdpEmulator {
  readonly url: string;
  /** IdP-initiated SSO for the AWS app: what a person pastes as "the IdP's AWS app URL". */
  readonly ssoUrl: string;
  readonly issuer: string;
  readonly certificatePem: string;
  setMode(mode: IdpMode): void;
  readonly signIns: readonly IdpSignIn[];
  close(): Promise<void>;
}

const ssoPath = '/sso/aws';
const loginPath = `${ssoPath}/login`;
const totpPath = `${ssoPath}/totp`;
const logoutPath = '/logout';
const sessionCookie = 'idp_session';
const defaultAcsUrl = 'https://signin.aws.amazon.com/saml';
const maxBodyBytes = 64 * 1024;
/** How long a person has to type their code after the password. */
const pendingTotpMs = 5 * 60_000;
/** "Keep me signed in": a working day, as real IdPs' persistent SSO cookies last hours rather than a browser session. */
const keptSessionSeconds = 8 * 60 * 60;

/** The session cookie a sign-in leaves: none new (the cookie itself signed the person in), one for this browser session, or one that outlives it. */
type SessionCookie = 'reuse' | 'session' | 'persistent';

/** Starts a SAML IdP with a real login form, optional TOTP, SSO cookie ("Keep me signed in" makes it outlive the browser) and auto-post page, for tests and the demo. */
export async function startIdpEmulator(options: IdpEmulatorOptions): Promise<IdpEmulator> {
  const acsUrl = options.acsUrl ?? defaultAcsUrl;
  checkAcsUrl(acsUrl);
  const users = new Map(options.users.map((user) => [user.username, user]));
  const sessions = new Map<string, string>();
  const pendingTotp = new Map<string, { readonly username: string; readonly relayState: string; readonly cookie: SessionCookie; readonly expires: number }>();
  const signIns: IdpSignIn[] = [];
  const title = options.title ?? 'Test IdP';
  let mode: IdpMode = { kind: 'normal' };
  let issuer = options.issuer ?? '';

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, messagePage('Something went wrong', 'The sign-in service failed; try again.'));
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method ?? 'GET'} ${url.pathname}`;
    if (route === 'GET /') return redirect(response, ssoPath);
    if (route === `GET ${ssoPath}`) {
      const relayState = url.searchParams.get('RelayState') ?? '';
      const username = sessionUser(request);
      if (username !== undefined) return finishSignIn(response, username, relayState, 'reuse');
      return send(response, 200, loginPage({ relayState }));
    }
    if (route === `POST ${loginPath}`) {
      const form = await readFormBody(request);
      const username = form.get('username') ?? '';
      const relayState = form.get('RelayState') ?? '';
      const user = users.get(username);
      if (!user || !passwordMatches(user.password, form.get('password') ?? '')) {
        return send(response, 200, loginPage({ relayState, username, error: 'Incorrect username or password.' }));
      }
      // A ticked checkbox is sent as `on`; an unticked one is not sent at all.
      const cookie: SessionCookie = form.get(keepSignedInField) === 'on' ? 'persistent' : 'session';
      if (user.totpSecret === undefined) return finishSignIn(response, user.username, relayState, cookie);
      const pendingId = randomId();
      for (const [id, stale] of pendingTotp) if (stale.expires < Date.now()) pendingTotp.delete(id);
      pendingTotp.set(pendingId, { username: user.username, relayState, cookie, expires: Date.now() + pendingTotpMs });
      return send(response, 200, totpPage(pendingId));
    }
    if (route === `POST ${totpPath}`) {
      const form = await readFormBody(request);
      const pendingId = form.get('pending') ?? '';
      const pending = pendingTotp.get(pendingId);
      if (!pending || pending.expires < Date.now()) {
        pendingTotp.delete(pendingId);
        return send(response, 200, loginPage({ relayState: pending?.relayState ?? '', error: 'Your sign-in took too long. Enter your password again.' }));
      }
      const secret = users.get(pending.username)?.totpSecret ?? '';
      if (!verifyTotp(secret, form.get('code') ?? '')) {
        return send(response, 200, totpPage(pendingId, 'Incorrect code. Enter the current code from your authenticator app.'));
      }
      pendingTotp.delete(pendingId);
      return finishSignIn(response, pending.username, pending.relayState, pending.cookie);
    }
    if (url.pathname === logoutPath && (request.method === 'GET' || request.method === 'POST')) {
      const id = cookieValue(request, sessionCookie);
      if (id !== undefined) sessions.delete(id);
      response.setHeader('Set-Cookie', `${sessionCookie}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return send(response, 200, messagePage('You are signed out', `You are signed out of ${title}.`));
    }
    return send(response, 404, messagePage('Not found', 'There is no page here. Start from your AWS app link.'));
  }

  function finishSignIn(response: ServerResponse, username: string, relayState: string, cookie: SessionCookie): void {
    if (cookie !== 'reuse') {
      const id = randomId();
      sessions.set(id, username);
      const lifetime = cookie === 'persistent' ? `; Max-Age=${keptSessionSeconds}` : '';
      response.setHeader('Set-Cookie', `${sessionCookie}=${id}; Path=/; HttpOnly; SameSite=Lax${lifetime}`);
    }
    signIns.push({ username, silent: cookie === 'reuse' });
    const current = mode;
    if (current.kind === 'never-posts') {
      return send(response, 200, messagePage(`Welcome to ${title}`, 'You are signed in. Open an app from your dashboard.'));
    }
    if (current.kind === 'error-page') return send(response, 403, messagePage('Sign-in failed', current.message));
    const samlResponse = buildResponse(username, current);
    const nonce = randomId();
    send(response, 200, { html: renderAutoPostPage({ title, nonce, acsUrl, samlResponse, relayState }), nonce });
  }

  function buildResponse(username: string, current: IdpMode): string {
    const user = users.get(username);
    const spec: SamlResponseSpec = {
      roles: user?.roles ?? [],
      subject: username,
      roleSessionName: username,
      ...(user?.sessionDuration === undefined ? {} : { sessionDuration: user.sessionDuration }),
      issuer,
      destination: acsUrl,
      key: fixtureIdpKey,
      ...(current.kind === 'error-status' ? { status: { code: current.code ?? 'Responder', ...(current.message === undefined ? {} : { message: current.message }) } } : {}),
      ...(current.kind === 'short-expiry' ? { notOnOrAfter: new Date(Date.now() + current.seconds * 1000) } : {}),
      ...(current.kind === 'encrypted' ? { encryptAssertion: true } : {}),
    };
    return current.kind === 'huge-assertion' ? buildHugeSamlResponseBase64(spec) : buildSamlResponseBase64(spec);
  }

  function sessionUser(request: IncomingMessage): string | undefined {
    const id = cookieValue(request, sessionCookie);
    return id === undefined ? undefined : sessions.get(id);
  }

  function loginPage(input: { relayState: string; username?: string; error?: string }): { html: string; nonce: string } {
    const nonce = randomId();
    const demoAccounts = options.showDemoPasswords === true
      ? options.users.map((user) => ({
          username: user.username,
          password: user.password,
          hasTotp: user.totpSecret !== undefined,
          ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
        }))
      : undefined;
    const html = renderLoginPage({
      title,
      nonce,
      action: loginPath,
      relayState: input.relayState,
      ...(input.username === undefined ? {} : { username: input.username }),
      ...(input.error === undefined ? {} : { error: input.error }),
      ...(demoAccounts === undefined ? {} : { demoAccounts }),
    });
    return { html, nonce };
  }

  function totpPage(pendingId: string, error?: string): { html: string; nonce: string } {
    const nonce = randomId();
    return { html: renderTotpPage({ title, nonce, action: totpPath, pendingId, ...(error === undefined ? {} : { error }) }), nonce };
  }

  function messagePage(heading: string, message: string): { html: string; nonce: string } {
    const nonce = randomId();
    return { html: renderMessagePage({ title, nonce, heading, message }), nonce };
  }

  function send(response: ServerResponse, status: number, page: { html: string; nonce: string }): void {
    response.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(page.nonce, [acsUrl]),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    response.end(page.html);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (issuer === '') issuer = `${url}/metadata`;

  return {
    url,
    ssoUrl: `${url}${ssoPath}`,
    issuer,
    certificatePem: fixtureIdpKey.certificatePem,
    setMode: (next) => {
      mode = next;
    },
    signIns,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Only AWS sign-in endpoints, or loopback for tests that capture the post themselves. */
function checkAcsUrl(acsUrl: string): void {
  const parsed = URL.canParse(acsUrl) ? new URL(acsUrl) : undefined;
  const aws = parsed !== undefined && stsLocationOfSigninUrl(acsUrl) !== undefined && isSigninSamlPath(parsed.pathname);
  const loopback = parsed !== undefined && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
  if (!aws && !loopback) throw new Error(`The IdP emulator posts only to an AWS sign-in SAML endpoint or to http://127.0.0.1, not ${acsUrl}.`);
}

/** `/` sends people to the AWS app, as an IdP dashboard link would. */
function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  response.end();
}

/** Login forms are a few fields: a cap keeps a runaway body from filling memory. */
async function readFormBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) throw new Error('The form is too large.');
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The session cookie, read by hand: the emulator needs no cookie library. */
function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Compares in constant time so the emulator does not teach timing leaks by example. */
function passwordMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Session ids, TOTP-step ids and CSP nonces: 144 random bits, URL-safe. */
function randomId(): string {
  return randomBytes(18).toString('base64url');
}
