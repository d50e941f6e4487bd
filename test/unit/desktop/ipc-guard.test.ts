import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../core/api.js';
import { requestNames } from '../../../core/api.js';
import { handleIpcRequest, ipcChannelOf, isTrustedSender } from '../../../core/desktop/ipc-guard.js';
import { AtlasSsoError } from '../../../core/errors.js';

const top = { url: 'app://atlas-sso/index.html', isTopFrame: true };

/** Handlers that record what reached them: only signOut and getSettings answer. */
function recordingHandlers(): { readonly handlers: ApiHandlers; readonly calls: unknown[] } {
  const calls: unknown[] = [];
  const handlers = new Proxy({} as ApiHandlers, {
    get: (_target, name: string) => (params: unknown) => {
      calls.push({ name, params });
      if (name === 'signOut') return Promise.resolve({});
      return Promise.reject(new AtlasSsoError('session-signed-out', 'You are signed out of "acme": sign in first.'));
    },
  });
  return { handlers, calls };
}

describe('isTrustedSender', () => {
  it('trusts only the top frame of app://atlas-sso', () => {
    expect(isTrustedSender(top)).toBe(true);
    expect(isTrustedSender({ url: 'app://atlas-sso/deep/page.html?x=1', isTopFrame: true })).toBe(true);
  });

  it('refuses subframes, file:, http:, other app:// hosts and vanished frames', () => {
    expect(isTrustedSender({ ...top, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/dist/renderer/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'http://atlas-sso/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'https://atlas-sso/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://atlas-sso.evil/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: '', isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('handleIpcRequest', () => {
  it('gives every request its own channel', () => {
    expect(new Set(requestNames.map(ipcChannelOf)).size).toBe(requestNames.length);
    expect(ipcChannelOf('signIn')).toBe('atlas-sso:signIn');
  });

  it('runs a request from our UI with its parsed params', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await handleIpcRequest(handlers, 'signOut', top, { connectionId: 'acme' })).toEqual({ ok: true, value: {} });
    expect(calls).toEqual([{ name: 'signOut', params: { connectionId: 'acme' } }]);
  });

  it('refuses an untrusted sender before anything runs', async () => {
    const { handlers, calls } = recordingHandlers();
    const reply = await handleIpcRequest(handlers, 'signOut', { ...top, isTopFrame: false }, { connectionId: 'acme' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'host-unexpected' } });
    expect(calls).toEqual([]);
  });

  it('refuses params that do not fit the schema, naming the field and not its value', async () => {
    const { handlers, calls } = recordingHandlers();
    const reply = await handleIpcRequest(handlers, 'signOut', top, { connectionId: 'acme', extra: 'SECRET-VALUE' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'input-invalid' } });
    expect(JSON.stringify(reply)).not.toContain('SECRET-VALUE');
    expect(await handleIpcRequest(handlers, 'signOut', top, { connectionId: 42 })).toMatchObject({ ok: false, error: { code: 'input-invalid' } });
    expect(calls).toEqual([]);
  });

  it('refuses a channel name that is no request', async () => {
    const { handlers } = recordingHandlers();
    expect(await handleIpcRequest(handlers, 'constructor' as 'signOut', top, {})).toMatchObject({ ok: false, error: { code: 'host-unexpected' } });
  });

  it('answers a handler failure as a value with its code', async () => {
    const { handlers } = recordingHandlers();
    expect(await handleIpcRequest(handlers, 'revealKeys', top, { connectionId: 'acme' })).toEqual({ ok: false, error: { code: 'session-signed-out', message: 'You are signed out of "acme": sign in first.' } });
  });
});
