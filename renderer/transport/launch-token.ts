import { sessionHeaderName } from '../../core/api.js';

/** What this needs of `window.location`, `window.history` and `window.sessionStorage` (so it runs under Node's tests too). */
interface PageLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}
interface PageHistory {
  replaceState(data: null, unused: string, url: string): void;
}
interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's session, kept in this tab so a reload keeps it; sessionStorage is this origin's (port included) and tab's. */
const sessionKey = 'atlas-sso-session';

/**
 * Browser mode's way in: the one-time token `atlas-sso ui` put in the URL fragment (never sent to a server, a log or a
 * Referer) is traded at once for a session and wiped from the address bar; a reload (or a link already used in this
 * tab) lives on the session kept in the tab. Not a cookie: a cookie would go to every other server on 127.0.0.1 this
 * browser visits. Resolves to the session, or null when the page has none.
 */
export async function openBrowserSession(location: PageLocation, history: PageHistory, storage: TabStorage, fetchFn: typeof fetch = fetch): Promise<string | null> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token !== null) history.replaceState(null, '', `${location.pathname}${location.search}`);
  const traded = token !== null && token !== '' ? await trade(fetchFn, token) : null;
  const kept = storage.getItem(sessionKey);
  const session = traded ?? (kept !== null && (await stillValid(fetchFn, kept)) ? kept : null);
  if (session !== null) storage.setItem(sessionKey, session);
  else storage.removeItem(sessionKey);
  return session;
}

async function trade(fetchFn: typeof fetch, token: string): Promise<string | null> {
  try {
    const response = await fetchFn('/api/session', { method: 'POST', headers: { 'X-Atlas-Sso-Token': token } });
    const body: unknown = response.ok ? await response.json() : undefined;
    return typeof body === 'object' && body !== null && 'session' in body && typeof body.session === 'string' && body.session !== '' ? body.session : null;
  } catch {
    return null;
  }
}

async function stillValid(fetchFn: typeof fetch, session: string): Promise<boolean> {
  try {
    return (await fetchFn('/api/session', { method: 'GET', headers: { [sessionHeaderName]: session } })).ok;
  } catch {
    return false;
  }
}
