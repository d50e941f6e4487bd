import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../core/api.js';
import { requestNames } from '../../../core/api.js';
import { createBridgeApi } from '../../../core/desktop/bridge-api.js';

describe('createBridgeApi', () => {
  it('offers one function per request name plus subscribe, and nothing else', () => {
    const api = createBridgeApi(requestNames, { invoke: () => Promise.resolve(undefined), listen: () => () => undefined });
    expect(Object.keys(api).sort()).toEqual([...requestNames, 'subscribe'].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the request channel with the params', async () => {
    const sent: unknown[] = [];
    const api = createBridgeApi(requestNames, {
      invoke: (channel, params) => {
        sent.push([channel, params]);
        return Promise.resolve({ ok: true, value: {} });
      },
      listen: () => () => undefined,
    });
    expect(await api.signOut({ connectionId: 'acme' })).toEqual({ ok: true, value: {} });
    expect(sent).toEqual([['atlas-sso:signOut', { connectionId: 'acme' }]]);
  });

  it('delivers events to a subscriber until it unsubscribes', () => {
    let deliver: ((payload: unknown) => void) | undefined;
    let removed = 0;
    const api = createBridgeApi(requestNames, {
      invoke: () => Promise.resolve(undefined),
      listen: (channel, listener) => {
        expect(channel).toBe('atlas-sso:event');
        deliver = listener;
        return () => {
          removed += 1;
          deliver = undefined;
        };
      },
    });
    const seen: ApiEvent[] = [];
    const unsubscribe = api.subscribe((event) => seen.push(event));
    const event: ApiEvent = { type: 'sessionExpired', connectionId: 'acme' };
    deliver?.(event);
    unsubscribe();
    deliver?.(event);
    expect(seen).toEqual([event]);
    expect(removed).toBe(1);
  });
});
