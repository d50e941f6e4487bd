import type { ApiError, ApiEvent, AtlasSsoApi, Reply, RequestName } from '../../core/api.js';
import { apiEventSchema, replySchema, requestNames, requests, sessionHeaderName } from '../../core/api.js';
import { createSseParser } from './sse-parser.js';

export interface HttpClientOptions {
  /** The page's session (launch-token.ts), sent with every call. */
  readonly session: string;
  /** Where the host listens; the page's own origin by default. */
  readonly baseUrl?: string;
  /** How long to wait before opening the event stream again after it drops. */
  readonly reconnectDelayMs?: number;
}

/**
 * `window.atlasSso` in browser mode: one function per request in core/api.ts (derived from `requestNames`, so nothing
 * is kept in sync by hand) over `POST /api/<name>`, and events from `GET /api/events`. Every reply and event is
 * parsed with the contract's schemas: what crosses a boundary is unknown until parsed. Every call carries the session
 * launch-token.ts obtained, in a header.
 */
export function createHttpClient(options: HttpClientOptions): AtlasSsoApi {
  const host: Host = { baseUrl: options.baseUrl ?? '', session: options.session };
  const calls = Object.fromEntries(requestNames.map((name) => [name, (params: unknown) => call(host, name, params)]));
  const events = createEventStream(host, options.reconnectDelayMs ?? 1000);
  return { ...calls, subscribe: events.subscribe } as unknown as AtlasSsoApi;
}

/** Where the host is, and the session to show it. */
interface Host {
  readonly baseUrl: string;
  readonly session: string;
}

async function call(host: Host, name: RequestName, params: unknown): Promise<Reply<unknown>> {
  let response: Response;
  try {
    response = await fetch(`${host.baseUrl}/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [sessionHeaderName]: host.session },
      body: JSON.stringify(params),
    });
  } catch {
    return failure('Atlas SSO is not answering: it may have been closed. Start it again with "atlas-sso ui" and open the address it prints.');
  }
  if (response.status === 401 || response.status === 403) {
    return failure('This page is not allowed to talk to Atlas SSO (it has no session with this run): run "atlas-sso ui" again and use the link it opens or prints.', `HTTP ${response.status}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  const reply = replySchema(requests[name].result).safeParse(body);
  if (!reply.success) {
    return failure('Atlas SSO answered in a way this page does not understand: reload the page, and restart "atlas-sso ui" if that does not help.', `HTTP ${response.status} for ${name}`);
  }
  return reply.data;
}

function failure(message: string, details?: string): { readonly ok: false; readonly error: ApiError } {
  return { ok: false, error: details === undefined ? { code: 'host-unexpected', message } : { code: 'host-unexpected', message, details } };
}

/** One stream shared by every subscriber, opened with the first and closed with the last. */
function createEventStream(host: Host, reconnectDelayMs: number): Pick<AtlasSsoApi, 'subscribe'> {
  const listeners = new Set<(event: ApiEvent) => void>();
  let stop: (() => void) | undefined;
  const deliver = (event: ApiEvent): void => {
    for (const listener of listeners) listener(event);
  };
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      stop ??= openStream(host, reconnectDelayMs, deliver);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
  };
}

/** Reads the event stream until stopped, opening it again whenever it drops (the host restarted, the laptop slept). */
function openStream(host: Host, reconnectDelayMs: number, deliver: (event: ApiEvent) => void): () => void {
  const controller = new AbortController();
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(`${host.baseUrl}/api/events`, { headers: { Accept: 'text/event-stream', [sessionHeaderName]: host.session }, signal: controller.signal });
        if (response.ok && response.body !== null) await readEvents(response.body, deliver);
      } catch {
        // Dropped or refused: wait and open it again, unless stopped.
      }
      if (!controller.signal.aborted) await new Promise((resume) => setTimeout(resume, reconnectDelayMs));
    }
  };
  void run();
  return () => controller.abort();
}

async function readEvents(body: ReadableStream<Uint8Array>, deliver: (event: ApiEvent) => void): Promise<void> {
  const parse = createSseParser();
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const data of parse(decoder.decode(value, { stream: true }))) {
      const event = apiEventSchema.safeParse(safeJson(data));
      if (event.success) deliver(event.data);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
