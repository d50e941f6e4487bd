import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBrowserSession } from '../../../renderer/transport/launch-token.js';
import { reportWindowBounds } from '../../../renderer/transport/window-bounds.js';

type PageParts = Parameters<typeof openBrowserSession>;

function page(hash: string): { location: PageParts[0]; history: PageParts[1]; storage: PageParts[2]; replaced: string[] } {
  const replaced: string[] = [];
  const items = new Map<string, string>();
  return {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_data, _unused, url) => void replaced.push(url) },
    storage: { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) },
    replaced,
  };
}

/** A host that takes `valid` once, for the session "s-1", and then knows only that session. */
function host(valid: string): { fetchFn: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  let traded = false;
  const fetchFn = ((url: string, init: RequestInit) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const sent = headers['X-Atlas-Sso-Token'] ?? headers['X-Atlas-Sso-Session'];
    calls.push(`${init.method ?? 'GET'} ${url}${sent === undefined ? '' : ` ${sent}`}${init.credentials === undefined ? '' : ` credentials: ${init.credentials}`}`);
    if (init.method === 'POST') {
      const ok = headers['X-Atlas-Sso-Token'] === valid && !traded;
      traded ||= ok;
      return Promise.resolve(ok ? Response.json({ session: 's-1' }) : new Response(null, { status: 401 }));
    }
    return Promise.resolve(new Response(null, { status: traded && headers['X-Atlas-Sso-Session'] === 's-1' ? 204 : 401 }));
  }) as typeof fetch;
  return { fetchFn, calls };
}

describe('openBrowserSession', () => {
  it('trades the token in the fragment once and wipes it from the address; a reload lives on the session kept in the tab', async () => {
    const first = page('#token=abc');
    const server = host('abc');
    expect(await openBrowserSession(first.location, first.history, first.storage, server.fetchFn)).toBe('s-1');
    expect(first.replaced).toEqual(['/']);
    const reload = { ...page(''), storage: first.storage };
    expect(await openBrowserSession(reload.location, reload.history, reload.storage, server.fetchFn)).toBe('s-1');
    // No cookie is asked for or sent: the session goes in a header, to this origin only.
    expect(server.calls).toEqual(['POST /api/session abc', 'GET /api/session s-1']);
  });

  it('asks nothing when opened bare in a new tab, and says no', async () => {
    const bare = page('');
    const server = host('abc');
    expect(await openBrowserSession(bare.location, bare.history, bare.storage, server.fetchFn)).toBeNull();
    expect(server.calls).toEqual([]);
  });

  it('says no for a used or foreign link in a new tab, still wiping it from the address', async () => {
    const used = page('#token=old');
    const server = host('abc');
    expect(await openBrowserSession(used.location, used.history, used.storage, server.fetchFn)).toBeNull();
    expect(used.replaced).toEqual(['/']);
  });

  it('forgets a kept session the host no longer knows (it was restarted)', async () => {
    const first = page('#token=abc');
    expect(await openBrowserSession(first.location, first.history, first.storage, host('abc').fetchFn)).toBe('s-1');
    const restarted = { ...page(''), storage: first.storage };
    expect(await openBrowserSession(restarted.location, restarted.history, restarted.storage, host('other').fetchFn)).toBeNull();
    expect(restarted.storage.getItem('atlas-sso-session')).toBeNull();
  });

  it('says no when the host is gone', async () => {
    const gone = page('#token=abc');
    expect(await openBrowserSession(gone.location, gone.history, gone.storage, () => Promise.reject(new TypeError('failed')))).toBeNull();
  });
});

describe('reportWindowBounds', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the window where it is, and again only when it moved or changed size', () => {
    const view = { screenX: 10, screenY: 20, outerWidth: 900, outerHeight: 700 };
    const sent: unknown[] = [];
    const fetchFn = ((url: string, init: RequestInit) => {
      sent.push([url, (init.headers as Record<string, string>)['X-Atlas-Sso-Session'], JSON.parse(typeof init.body === 'string' ? init.body : '')]);
      return Promise.resolve(new Response(null, { status: 204 }));
    }) as typeof fetch;
    const stop = reportWindowBounds(view, 's-1', fetchFn);
    vi.advanceTimersByTime(10_000);
    view.screenX = 50;
    vi.advanceTimersByTime(2000);
    stop();
    view.screenX = 70;
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([
      ['/api/window-bounds', 's-1', { left: 10, top: 20, width: 900, height: 700 }],
      ['/api/window-bounds', 's-1', { left: 50, top: 20, width: 900, height: 700 }],
    ]);
  });
});
