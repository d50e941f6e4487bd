import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../core/api.js';
import { apiEventSchema, isRequestName, replySchema, requestNames, requests } from '../../../core/api.js';
import { AtlasSsoError } from '../../../core/errors.js';
import { apiErrorOf, parseParams, runRequest } from '../../../core/session/api-dispatch.js';

describe('the contract', () => {
  it('lists every request once, and knows no other name', () => {
    expect(new Set(requestNames).size).toBe(requestNames.length);
    expect(requestNames).toContain('copyCommand');
    expect(isRequestName('pickRole')).toBe(true);
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
  });

  it('refuses unknown params and names the bad field, never its value', () => {
    const extra = parseParams('signOut', { connectionId: 'demo', samlResponse: 'PHNhbWxwOlJlc3BvbnNl' });
    expect(extra.ok).toBe(false);
    if (extra.ok) return;
    expect(extra.error.code).toBe('input-invalid');
    expect(extra.error.message).toContain('samlResponse');
    expect(extra.error.message).not.toContain('PHNhbWxwOlJlc3BvbnNl');
    const wrongShell = parseParams('copyCommand', { connectionId: 'demo', clusterName: 'c', shell: 'tcsh', variant: 'keys' });
    expect(!wrongShell.ok && wrongShell.error.message).toContain('shell');
  });

  it('takes missing params as an empty object for requests without params', () => {
    expect(parseParams('listConnections', undefined)).toEqual({ ok: true, value: {} });
    expect(parseParams('signIn', undefined).ok).toBe(false);
  });

  it('parses replies and events, and rejects an error code nobody knows', () => {
    const reply = replySchema(requests.signOut.result);
    expect(reply.safeParse({ ok: true, value: {} }).success).toBe(true);
    expect(reply.safeParse({ ok: false, error: { code: 'session-signed-out', message: 'Sign in first.' } }).success).toBe(true);
    expect(reply.safeParse({ ok: false, error: { code: 'made-up', message: 'x' } }).success).toBe(false);
    const event = apiEventSchema.safeParse({ type: 'sessionChanged', connectionId: 'demo', state: { status: 'signing-in', connectionId: 'demo', step: 'opening-idp' } });
    expect(event.success).toBe(true);
    expect(apiEventSchema.safeParse({ type: 'sessionExpired', connectionId: 'demo', accessKeyId: 'ASIA' }).data).toEqual({ type: 'sessionExpired', connectionId: 'demo' });
    expect(apiEventSchema.safeParse({ type: 'keysChanged', connectionId: 'demo' }).success).toBe(false);
  });
});

describe('dispatch', () => {
  const handlers = {
    signOut: () => Promise.reject(new AtlasSsoError('session-signed-out', 'You are not signed in.', { details: 'none' })),
    getSettings: () => Promise.reject(new TypeError('secret-looking text 0123456789abcdef')),
    getDiagnostics: () => Promise.resolve({ text: 'ok' }),
  } as unknown as ApiHandlers;

  it('returns results as values', async () => {
    expect(await runRequest(handlers, 'getDiagnostics', {})).toEqual({ ok: true, value: { text: 'ok' } });
  });

  it('turns an AtlasSsoError into its code, message and details', async () => {
    expect(await runRequest(handlers, 'signOut', { connectionId: 'demo' })).toEqual({ ok: false, error: { code: 'session-signed-out', message: 'You are not signed in.', details: 'none' } });
  });

  it('shows an unexpected failure by its type only', async () => {
    const reply = await runRequest(handlers, 'getSettings', {});
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('host-unexpected');
    expect(JSON.stringify(reply)).not.toContain('0123456789abcdef');
    expect(apiErrorOf('a string').message).toContain('string');
  });
});
