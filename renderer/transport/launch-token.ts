const storageKey = 'atlas-sso-token';

/**
 * The per-launch token `atlas-sso ui` put in the URL fragment (never sent to a server, never in a log or Referer).
 * Kept in sessionStorage so a reload still works, and wiped from the address bar so it is not bookmarked or shared.
 */
export function takeLaunchToken(location: Location, history: History, storage: Storage): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment !== null && fromFragment !== '') {
    storage.setItem(storageKey, fromFragment);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return storage.getItem(storageKey);
}
