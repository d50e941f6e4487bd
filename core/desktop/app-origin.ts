/**
 * Where the desktop app's own UI lives: a privileged custom scheme, never file:// (any local file would share its origin).
 * IPC senders and navigations are checked against these two values, compared as protocol and host: a custom
 * scheme's URL.origin is "null", so comparing origins would let every app:// page through.
 */
export const appScheme = 'app';
export const appHost = 'atlas-sso';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** True for a URL of our UI: protocol `app:` and host `atlas-sso`, nothing else. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.protocol === `${appScheme}:` && parsed.host === appHost;
}

/** The URL, or undefined when it is not one: everything from Electron's events is checked as text first. */
export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
