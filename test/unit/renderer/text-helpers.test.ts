import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../core/errors.js';
import { diagnosticsText } from '../../../renderer/lib/diagnostics-text.js';
import { errorGuidance } from '../../../renderer/lib/error-guidance.js';
import { resolveTheme } from '../../../renderer/lib/theme.js';
import { timeLeftText } from '../../../renderer/lib/time-left.js';
import { createSseParser } from '../../../renderer/transport/sse-parser.js';

describe('time left on a session', () => {
  const now = Date.parse('2030-01-01T10:00:00Z');
  it.each([
    ['2030-01-01T10:59:30Z', 'expires in 59 min'],
    ['2030-01-01T10:01:30Z', 'expires in 90 s'],
    ['2030-01-01T13:10:00Z', 'expires in 3 h 10 min'],
    ['2030-01-01T10:00:00Z', 'expired'],
    ['not a date', 'expired'],
  ])('%s → %s', (expiresAt, text) => {
    expect(timeLeftText(expiresAt, now)).toBe(text);
  });
});

describe('error guidance', () => {
  it('gives every error code a heading', () => {
    for (const code of errorCodes) expect(errorGuidance(code).title.length, code).toBeGreaterThan(5);
  });

  it('sends an expired sign-in back to sign in, and a missing mongosh to Settings', () => {
    expect(errorGuidance('sts-expired-assertion').nextStep).toBe('sign-in-again');
    expect(errorGuidance('mongodb-mongosh-not-found').nextStep).toBe('open-settings');
  });
});

describe('diagnostics text', () => {
  it('holds the error as reported and the host diagnostics', () => {
    const text = diagnosticsText({ code: 'login-timeout', message: 'The sign-in took too long.', details: 'after 300 s' }, 'Atlas SSO 0.1.0');
    expect(text.split('\n')).toEqual(['Atlas SSO diagnostics', 'Error code: login-timeout', 'Message: The sign-in took too long.', 'Details: after 300 s', '', 'Atlas SSO 0.1.0']);
  });
});

describe('theme', () => {
  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });
});

describe('server-sent events from a fetch body', () => {
  it('joins data lines, skips comments, and keeps a partial event for the next chunk', () => {
    const parse = createSseParser();
    expect(parse(': connected\n\ndata: {"a":1}\n\ndata: {"b"')).toEqual(['{"a":1}']);
    expect(parse(':2}\r\n\r\ndata: one\ndata: two\n\n')).toEqual(['{"b":2}', 'one\ntwo']);
  });
});
