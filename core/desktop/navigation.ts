import { isAppUrl, parseUrl } from './app-origin.js';

/**
 * What may load where. The app window shows only our UI; the login window shows the IdP, which may send the person
 * through other https hosts (MFA providers, federation), so it is held to https, with plain http on this computer only (tests).
 */

/** The app window never leaves app://atlas-sso: a link elsewhere goes to the person's browser if it is https. */
export function isAllowedAppNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** The login window follows the IdP anywhere over https; http only to 127.0.0.1/localhost; never file:, data:, app: or javascript:. */
export function isAllowedLoginNavigation(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === undefined) return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

/** Only an https page may be handed to the OS (shell.openExternal): never a file, a custom scheme or a command. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
}

export type WindowOpenDecision =
  | { readonly action: 'deny' }
  /** Open it in the person's browser instead. */
  | { readonly action: 'open-external'; readonly url: string }
  /** A popup of the IdP's own, in the login window's partition (some IdPs sign in through one). */
  | { readonly action: 'allow-popup' };

/** window.open and target=_blank in the app UI: never a new app window; https links go to the browser. */
export function decideAppWindowOpen(url: string): WindowOpenDecision {
  return isSafeExternalUrl(url) ? { action: 'open-external', url } : { action: 'deny' };
}

/** A popup from the IdP page: only to the IdP's own https origin (its host and port), else refused. */
export function decideLoginWindowOpen(url: string, idpUrl: string): WindowOpenDecision {
  const target = parseUrl(url);
  const idp = parseUrl(idpUrl);
  if (target === undefined || idp === undefined) return { action: 'deny' };
  const secure = target.protocol === 'https:' || (target.protocol === 'http:' && isLoopbackHost(target.hostname));
  return secure && target.protocol === idp.protocol && target.host === idp.host ? { action: 'allow-popup' } : { action: 'deny' };
}

/** The host shown in the login window's title, so the person sees whose page asks for the password. */
export function loginWindowTitle(url: string): string {
  const parsed = parseUrl(url);
  return parsed === undefined || parsed.host === '' ? 'Sign in — Atlas SSO' : `Sign in at ${parsed.host} — Atlas SSO`;
}

/** Which window asks: permissions differ between our UI and the IdP's page. */
export type PermissionAsker = 'app' | 'login';

/**
 * Permissions are refused by default. Our UI may write the clipboard and read it back (for the auto-clear check only
 * when it still holds what we copied); the IdP's page gets nothing: no camera, notifications, geolocation, USB…
 */
export function isPermissionGranted(asker: PermissionAsker, permission: string, requestingUrl: string): boolean {
  if (asker !== 'app' || !isAppUrl(requestingUrl)) return false;
  return permission === 'clipboard-sanitized-write' || permission === 'clipboard-read';
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
