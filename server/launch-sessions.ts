import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { sessionHeaderName } from '../core/api.js';

/** 32 random bytes, URL-safe: a one-time launch token, a page's session, the instance key. */
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
  /** Spends a token: the new session's secret, or undefined when the token is unknown or was used. */
  exchange(token: string): string | undefined;
  /** Whether a session is one this server handed out. */
  isSession(value: string): boolean;
}

/**
 * The launch link's token is worth one page load: the page trades it for a session (sessionHeaderName), so a link
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

/** The session the request carries, if any. */
export function sessionFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const value = headers[sessionHeaderName.toLowerCase()];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
