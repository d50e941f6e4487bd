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

/** Set in this tab once it has a session: a reload then asks the host, a page opened bare asks nothing. Not a secret. */
const sessionFlag = 'atlas-sso-session';

/**
 * Browser mode's way in: the one-time token `atlas-sso ui` put in the URL fragment (never sent to a server, a log or a
 * Referer) is traded at once for the host's HttpOnly session cookie and wiped from the address bar; a reload (or a
 * link already used in this tab) lives on the cookie. Resolves whether the page has a session.
 */
export async function openBrowserSession(location: PageLocation, history: PageHistory, storage: TabStorage, fetchFn: typeof fetch = fetch): Promise<boolean> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token !== null) history.replaceState(null, '', `${location.pathname}${location.search}`);
  const traded = token !== null && token !== '' && (await ask(fetchFn, { method: 'POST', headers: { 'X-Atlas-Sso-Token': token } }));
  const has = traded || (storage.getItem(sessionFlag) !== null && (await ask(fetchFn, { method: 'GET' })));
  if (has) storage.setItem(sessionFlag, '1');
  else storage.removeItem(sessionFlag);
  return has;
}

async function ask(fetchFn: typeof fetch, init: RequestInit): Promise<boolean> {
  try {
    const response = await fetchFn('/api/session', { ...init, credentials: 'same-origin' });
    return response.ok;
  } catch {
    return false;
  }
}
