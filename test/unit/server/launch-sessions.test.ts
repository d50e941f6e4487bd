import { describe, expect, it } from 'vitest';
import { createLaunchSessions, newSecret, sessionCookie, sessionFromCookies } from '../../../server/launch-sessions.js';
import { withLastCharacterChanged } from '../../support/tamper.js';

describe('launch tokens', () => {
  it('each work once, for a new session', () => {
    const first = newSecret();
    const sessions = createLaunchSessions(first);
    const session = sessions.exchange(first);
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(sessions.isSession(session ?? '')).toBe(true);
    expect(sessions.exchange(first)).toBeUndefined();
    const second = sessions.issueToken();
    expect(second).not.toBe(first);
    const other = sessions.exchange(second);
    expect(other).not.toBe(session);
    expect(sessions.exchange(second)).toBeUndefined();
  });

  it('refuse what was never issued, and a token is no session', () => {
    const first = newSecret();
    const sessions = createLaunchSessions(first);
    expect(sessions.exchange(withLastCharacterChanged(first))).toBeUndefined();
    expect(sessions.isSession(first)).toBe(false);
    expect(sessions.exchange(first)).toBeDefined();
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, named for the port', () => {
    expect(sessionCookie(4321, 'abc')).toBe('atlas_sso_4321=abc; HttpOnly; SameSite=Strict; Path=/');
  });

  it("is read from a Cookie header by this server's name only", () => {
    expect(sessionFromCookies('theme=dark; atlas_sso_4321=abc=; atlas_sso_1=zzz', 4321)).toBe('abc=');
    expect(sessionFromCookies('atlas_sso_43210=abc', 4321)).toBeUndefined();
    expect(sessionFromCookies(undefined, 4321)).toBeUndefined();
  });
});
