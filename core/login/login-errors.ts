import { AtlasSsoError } from '../errors.js';

/** The failures every LoginBrowser (Chromium, Electron) reports, worded once. */
export function loginWindowClosed(): AtlasSsoError {
  return new AtlasSsoError('login-cancelled', 'The sign-in window was closed before sign-in finished.');
}

export function loginCancelledByHost(): AtlasSsoError {
  return new AtlasSsoError('login-cancelled', 'Sign-in was cancelled.');
}

export function loginTimedOut(timeoutMs: number): AtlasSsoError {
  const wait = timeoutMs >= 60_000 ? plural(Math.round(timeoutMs / 60_000), 'minute') : plural(Math.ceil(timeoutMs / 1000), 'second');
  return new AtlasSsoError('login-timeout', `Sign-in did not finish within ${wait}, so the sign-in window was closed. Start again and finish signing in at your identity provider.`);
}

export function loginIdpUnreachable(url: string, errorText: string): AtlasSsoError {
  return new AtlasSsoError(
    'login-idp-unreachable',
    `The sign-in page at ${hostOf(url)} could not be reached (${errorText}). Check the connection's IdP URL, your network and your VPN.`,
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the IdP URL';
  }
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
