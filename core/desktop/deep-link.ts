import { parseUrl } from './app-origin.js';

/** The scheme the OS hands to us: `atlas-sso://open?connection=ID` shows it, `atlas-sso://sign-in?connection=ID` starts signing in. */
export const deepLinkScheme = 'atlas-sso';

export type DeepLink = { readonly action: 'open' | 'sign-in'; readonly connectionId: string };

/** Connection ids are slugs (core/connections/schema.ts): anything else in a link is not one of ours. */
const connectionIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A link from anywhere (a web page, a chat message): read as data only, never as a command. Anything but the two
 * actions with one well-formed connection id is ignored; the person still confirms at the IdP, so a link can start at most a sign-in.
 */
export function parseDeepLink(url: string): DeepLink | undefined {
  const parsed = parseUrl(url);
  if (parsed === undefined || parsed.protocol !== `${deepLinkScheme}:`) return undefined;
  // `atlas-sso://open?…` puts the action in the host; `atlas-sso:open?…` in the path.
  const action = (parsed.host !== '' ? parsed.host : parsed.pathname).replace(/\/+$/, '').toLowerCase();
  if (action !== 'open' && action !== 'sign-in') return undefined;
  const ids = parsed.searchParams.getAll('connection');
  const [connectionId] = ids;
  if (ids.length !== 1 || connectionId === undefined || connectionId.length > 64 || !connectionIdPattern.test(connectionId)) return undefined;
  return { action, connectionId };
}

/** On Windows and Linux the link arrives as a command-line argument of the second instance: the first one that is ours. */
export function deepLinkInArgv(argv: readonly string[]): DeepLink | undefined {
  for (const argument of argv) {
    if (!argument.toLowerCase().startsWith(`${deepLinkScheme}:`)) continue;
    const link = parseDeepLink(argument);
    if (link !== undefined) return link;
  }
  return undefined;
}

/** A question for the person, shaped like Electron's message box options (button 0 goes ahead). */
export interface DeepLinkQuestion {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly [string, string];
  /** Enter and Escape both pick Cancel: a link must never sign in on a reflex key press. */
  readonly defaultId: 1;
  readonly cancelId: 1;
}

/**
 * What to ask before a link opens a sign-in window: any web page can fire `atlas-sso://sign-in`, so the person
 * confirms they meant it. `connectionName` is undefined when no saved connection has the id (nothing is started then).
 */
export function deepLinkSignInQuestion(link: DeepLink, connectionName: string | undefined): DeepLinkQuestion | undefined {
  if (link.action !== 'sign-in' || connectionName === undefined) return undefined;
  return {
    message: `Sign in to "${connectionName}"?`,
    detail: 'A link asked Atlas SSO to open the sign-in window for this connection. Sign in only if you clicked such a link yourself just now.',
    buttons: ['Sign in', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

/** True only for the "Sign in" button: closing the box or Cancel starts nothing. */
export function deepLinkSignInConfirmed(response: number): boolean {
  return response === 0;
}
