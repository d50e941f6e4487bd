import { describe, expect, it } from 'vitest';
import { createLaunchSessions, newSecret, sessionFromHeaders } from '../../../server/launch-sessions.js';
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

describe('the session header', () => {
  it('is read from X-Atlas-Sso-Session only, never from a cookie', () => {
    expect(sessionFromHeaders({ 'x-atlas-sso-session': 'abc=' })).toBe('abc=');
    expect(sessionFromHeaders({ 'x-atlas-sso-session': '' })).toBeUndefined();
    expect(sessionFromHeaders({ cookie: 'atlas_sso_4321=abc' })).toBeUndefined();
    expect(sessionFromHeaders({})).toBeUndefined();
  });
});
