import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, URL-safe: a one-time launch token, a session cookie's value, the instance key. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison (hashes make the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface LaunchSessions {
  /** A fresh one-time token for a launch link. */
  issueToken(): string;
  /** Spends a token: the new session's secret (the cookie's value), or undefined when the token is unknown or was used. */
  exchange(token: string): string | undefined;
  /** Whether a session cookie's value is one this server handed out. */
  isSession(value: string): boolean;
}

/**
 * The launch link's token is worth one page load: the page trades it for a session (an HttpOnly cookie), so a link
 * seen over a shoulder, in a screenshot or in the browser's history opens nothing once used.
 */
export function createLaunchSessions(firstToken: string = newSecret()): LaunchSessions {
  const unused = new Set<string>([firstToken]);
  const sessions = new Set<string>();
  const find = (set: ReadonlySet<string>, given: string): string | undefined => [...set].find((known) => sameSecret(given, known));
  return {
    issueToken: () => {
      const token = newSecret();
      unused.add(token);
      return token;
    },
    exchange: (token) => {
      const known = find(unused, token);
      if (known === undefined) return undefined;
      unused.delete(known);
      const session = newSecret();
      sessions.add(session);
      return session;
    },
    isSession: (value) => find(sessions, value) !== undefined,
  };
}

/** The cookie's name carries the port: cookies ignore ports, and two servers on 127.0.0.1 must not overwrite each other's. */
export function sessionCookieName(port: number): string {
  return `atlas_sso_${port}`;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Path=/; no Secure: the origin is http://127.0.0.1. */
export function sessionCookie(port: number, value: string): string {
  return `${sessionCookieName(port)}=${value}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The value of our session cookie in a Cookie header, if any. */
export function sessionFromCookies(header: string | undefined, port: number): string | undefined {
  const name = sessionCookieName(port);
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
