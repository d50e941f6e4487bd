import { describe, expect, it } from 'vitest';
import type { SessionState, SessionSummary } from '../../../core/api.js';
import { appReducer, initialAppState } from '../../../renderer/lib/app-state.js';

const summary = (expiresAt: string): SessionSummary => ({
  connectionId: 'acme',
  roleArn: 'arn:aws:iam::012345678901:role/AtlasDba',
  roleName: 'AtlasDba',
  accountId: '012345678901',
  accountAlias: 'Production',
  assumedRoleArn: null,
  region: 'us-east-1',
  expiresAt,
  warnings: [],
});
const signedIn = (expiresAt: string): SessionState => ({ status: 'signed-in', connectionId: 'acme', session: summary(expiresAt) });

describe('the UI state folded from listings, replies and host events', () => {
  it('indexes the listed sessions by connection', () => {
    const state = appReducer(initialAppState, { type: 'loaded', connections: [], sessions: [signedIn('2030-01-01T10:00:00Z')] });
    expect(state.sessions.acme?.status).toBe('signed-in');
    expect(state.connections).toEqual([]);
  });

  it('keeps an expiry warning while the same keys stay, and drops it when new keys arrive', () => {
    let state = appReducer(initialAppState, { type: 'session', state: signedIn('2030-01-01T10:00:00Z') });
    state = appReducer(state, { type: 'event', event: { type: 'sessionExpiring', connectionId: 'acme', expiresAt: '2030-01-01T10:00:00Z', minutesLeft: 9 } });
    state = appReducer(state, { type: 'event', event: { type: 'sessionChanged', connectionId: 'acme', state: signedIn('2030-01-01T10:00:00Z') } });
    expect(state.expiring.acme).toBe(9);
    state = appReducer(state, { type: 'event', event: { type: 'sessionChanged', connectionId: 'acme', state: signedIn('2030-01-01T11:00:00Z') } });
    expect(state.expiring).toEqual({});
  });

  it('remembers that a session expired until the next sign-in starts', () => {
    let state = appReducer(initialAppState, { type: 'session', state: signedIn('2030-01-01T10:00:00Z') });
    state = appReducer(state, { type: 'event', event: { type: 'sessionExpired', connectionId: 'acme' } });
    expect(state.sessions.acme).toEqual({ status: 'signed-out', connectionId: 'acme' });
    expect(state.expired.acme).toBe(true);
    state = appReducer(state, { type: 'event', event: { type: 'signInProgress', connectionId: 'acme', step: 'opening-idp' } });
    expect(state.sessions.acme).toEqual({ status: 'signing-in', connectionId: 'acme', step: 'opening-idp' });
    expect(state.expired).toEqual({});
  });

  it('files background errors under their connection (or the app) until dismissed', () => {
    const error = { code: 'sts-network', message: 'STS could not be reached: check your network.' } as const;
    let state = appReducer(initialAppState, { type: 'event', event: { type: 'error', connectionId: null, error } });
    expect(state.hostErrors['']).toEqual(error);
    state = appReducer(state, { type: 'dismissHostError', connectionId: '' });
    expect(state.hostErrors).toEqual({});
  });
});
