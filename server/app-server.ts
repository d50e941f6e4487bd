import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent, ApiHandlers, Reply } from '../core/api.js';
import { isRequestName } from '../core/api.js';
import { parseParams, runRequest } from '../core/session/api-dispatch.js';
import type { WindowBounds } from '../core/launch/window-bounds.js';
import { windowBoundsSchema } from '../core/launch/window-bounds.js';
import { createLaunchSessions, newSecret, sameSecret, sessionFromHeaders } from './launch-sessions.js';
import { checkCaller, headerSecret, securityHeaders } from './request-guard.js';
import { readUiFile } from './static-files.js';

export interface AppServerOptions {
  readonly api: ApiHandlers & { readonly subscribe: (listener: (event: ApiEvent) => void) => () => void };
  /** The built UI (index.html and its assets). */
  readonly uiDir: string;
  /** 0 (default): the OS picks a free port. */
  readonly port?: number;
  /** The first launch link's one-time token: tests pass their own; a fresh random one otherwise. */
  readonly token?: string;
  /** The app window's hooks (`atlas-sso ui` without --tab or --no-open): absent, the page's window bounds are ignored and no other instance is answered. */
  readonly host?: AppServerHost;
}

/** How another `atlas-sso ui` asks this one for a page: in an app window, a browser tab, or just a fresh link to print. */
export type LaunchKind = 'app' | 'tab' | 'link';

export interface AppServerHost {
  /** The secret in the private instance file that another `atlas-sso ui` of the same person shows to be answered. */
  readonly instanceKey: string;
  /** Opens a page on a fresh one-time link (never called for 'link': that link goes back to the asker). */
  readonly open: (kind: Exclude<LaunchKind, 'link'>, launchUrl: string) => Promise<void>;
  /** The app window's size and position, as its page last reported them. */
  readonly onWindowBounds?: (bounds: WindowBounds) => void;
}

export interface AppServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** The first link's one-time token; it reaches the page only in the URL fragment. */
  readonly token: string;
  /** The address to open: the origin with `#token=…` (a fragment is never sent to a server, a log or a Referer). Works once. */
  readonly launchUrl: string;
  /** Another one-time link, for another window. */
  newLaunchUrl(): string;
  /** Called with the number of pages holding the event stream whenever it changes: the app window's close shows here. */
  watchPages(listener: (open: number) => void): () => void;
  close(): Promise<void>;
}

/** A team file is the largest params (512 KiB of text, escaped in JSON); anything bigger is not ours. */
const maxBodyBytes = 1024 * 1024;
const keepAliveMs = 15_000;

/**
 * Browser mode's HTTP host: the built UI, `POST /api/<request>` for api.ts, `GET /api/events` as server-sent events.
 * Listens on 127.0.0.1 only, answers only our own page (Host, Origin, Sec-Fetch-Site) and only with a session header,
 * whose value a page gets once for a one-time launch token (`POST /api/session`).
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const token = options.token ?? newSecret();
  const sessions = createLaunchSessions(token);
  const streams = new Set<ServerResponse>();
  const pageWatchers = new Set<(open: number) => void>();
  const pagesChanged = (): void => {
    for (const watcher of pageWatchers) watcher(streams.size);
  };
  let port = 0;
  const origin = (): string => `http://127.0.0.1:${port}`;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    // No keep-alive: a browser that reuses an idle socket just as the server times it out sees a POST fail as if the
    // host were gone (it retries only idempotent requests). On 127.0.0.1 a connection per request costs nothing.
    response.setHeader('Connection', 'close');
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'host-unexpected', message: 'Atlas SSO failed to answer: try again.' } });
      else response.destroy();
    });
  });
  // Deadlines for receiving a request; answering may take the person's whole sign-in, which the service bounds itself.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const api = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const verdict = checkCaller(request.headers, port, api);
    if (!verdict.ok) return sendText(response, verdict.status, verdict.reason);
    if (api) {
      response.setHeader('Cache-Control', 'no-store');
      if (url.pathname === '/api/session' && request.method === 'POST') return startSession(request, response);
      if (url.pathname === '/api/instance') return await answerInstance(request, response);
      const session = sessionFromHeaders(request.headers);
      if (session === undefined || !sessions.isSession(session)) {
        return sendJson(response, 401, failure('input-invalid', 'This page has no session: open the one-time link "atlas-sso ui" printed (or run it again for a new one).'));
      }
      if (url.pathname === '/api/session') return sendStatus(response, request.method === 'GET' ? 204 : 405);
      if (url.pathname === '/api/window-bounds') return await takeWindowBounds(request, response);
      if (url.pathname === '/api/events') return openEvents(request, response);
      return await handleApi(request, response, url.pathname.slice('/api/'.length));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendText(response, 405, 'Method not allowed.');
    }
    const file = await readUiFile(options.uiDir, url.pathname);
    if (file === undefined) {
      const indexMissing = (await readUiFile(options.uiDir, '/index.html')) === undefined;
      return sendText(response, indexMissing ? 503 : 404, indexMissing ? `The UI is not built (no index.html in ${options.uiDir}): run "npm run build".` : 'Not found.');
    }
    response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.length, 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (!isRequestName(name)) return sendJson(response, 404, failure('input-invalid', `There is no request "${name.slice(0, 64)}".`));
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return sendJson(response, 405, failure('input-invalid', `${name} takes POST.`));
    }
    if (!/^application\/json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '')) {
      return sendJson(response, 415, failure('input-invalid', 'Send the params as JSON (Content-Type: application/json).'));
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      // Node discards the rest of the body once this answer is sent.
      return sendJson(response, 413, failure('input-invalid', `The request is over ${maxBodyBytes / 1024} KiB.`));
    }
    let raw: unknown;
    try {
      raw = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch {
      return sendJson(response, 400, failure('input-invalid', 'The request body is not valid JSON.'));
    }
    const params = parseParams(name, raw);
    if (!params.ok) return sendJson(response, 400, params);
    sendJson(response, 200, await runRequest(options.api, name, params.value));
  }

  /** The page's first call: its one-time token for a session. A token works once; the page then lives on the session. */
  function startSession(request: IncomingMessage, response: ServerResponse): void {
    const given = headerSecret(request.headers);
    const session = given === undefined ? undefined : sessions.exchange(given);
    if (session === undefined) {
      return sendJson(response, 401, failure('input-invalid', 'This link was already used, or is not from this Atlas SSO: run "atlas-sso ui" again for a new one.'));
    }
    sendJson(response, 200, { session });
  }

  /** Another `atlas-sso ui` of the same person (it read the key from the private instance file) asks for a page. */
  async function answerInstance(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const given = headerSecret(request.headers);
    if (options.host === undefined || given === undefined || !sameSecret(given, options.host.instanceKey)) {
      return sendJson(response, 401, failure('input-invalid', 'Only another "atlas-sso ui" of this person may ask for a window.'));
    }
    const body = await readJson(request);
    const kind = body !== undefined && typeof body === 'object' && body !== null && 'kind' in body ? body.kind : undefined;
    if (kind !== 'app' && kind !== 'tab' && kind !== 'link') return sendJson(response, 400, failure('input-invalid', 'Ask for kind "app", "tab" or "link".'));
    const launchUrl = `${origin()}/#token=${sessions.issueToken()}`;
    if (kind === 'link') return sendJson(response, 200, { ok: true, value: { launchUrl } });
    await options.host.open(kind, launchUrl);
    sendJson(response, 200, { ok: true, value: {} });
  }

  async function takeWindowBounds(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bounds = windowBoundsSchema.safeParse(await readJson(request));
    if (!bounds.success) return sendJson(response, 400, failure('input-invalid', 'Send the window bounds as {left, top, width, height}.'));
    options.host?.onWindowBounds?.(bounds.data);
    sendStatus(response, 204);
  }

  function openEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return sendJson(response, 405, failure('input-invalid', 'The event stream takes GET.'));
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    response.write(': connected\n\n');
    streams.add(response);
    pagesChanged();
    const unsubscribe = options.api.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    // A comment now and then keeps idle proxies and the client's reader from giving up on a quiet stream.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
    keepAlive.unref();
    response.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(response);
      pagesChanged();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    origin: origin(),
    port,
    token,
    launchUrl: `${origin()}/#token=${token}`,
    newLaunchUrl: () => `${origin()}/#token=${sessions.issueToken()}`,
    watchPages: (listener) => {
      pageWatchers.add(listener);
      return () => pageWatchers.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        pageWatchers.clear();
        for (const stream of streams) stream.end();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A small JSON body (the host's own requests), or undefined when it is not JSON. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readBody(request);
  if (body === 'too-large' || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The body, or 'too-large' once it passes the limit; the rest is read and dropped, so the client gets the answer rather than a reset. */
async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? 'too-large' : Buffer.concat(chunks);
}

function failure(code: 'input-invalid', message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendStatus(response: ServerResponse, status: 204 | 405): void {
  if (status === 405) response.setHeader('Allow', 'GET, POST');
  response.writeHead(status, { 'Cache-Control': 'no-store' });
  response.end();
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}
