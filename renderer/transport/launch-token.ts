/**
 * Browser mode's way in: the one-time token `atlas-sso ui` put in the URL fragment (never sent to a server, a log or a
 * Referer) is traded at once for the host's HttpOnly session cookie and wiped from the address bar; a reload, or a
 * link already used in this browser, lives on the cookie. Resolves whether the page has a session.
 */
export async function openBrowserSession(location: Location, history: History, fetchFn: typeof fetch = fetch): Promise<boolean> {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token !== null) {
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    if (token !== '' && (await ask(fetchFn, { method: 'POST', headers: { 'X-Atlas-Sso-Token': token } }))) return true;
  }
  return await ask(fetchFn, { method: 'GET' });
}

async function ask(fetchFn: typeof fetch, init: RequestInit): Promise<boolean> {
  try {
    const response = await fetchFn('/api/session', { ...init, credentials: 'same-origin' });
    return response.ok;
  } catch {
    return false;
  }
}
