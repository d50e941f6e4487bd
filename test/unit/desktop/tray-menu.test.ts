import { describe, expect, it } from 'vitest';
import type { Connection, SessionState } from '../../../core/api.js';
import type { TrayItem } from '../../../core/desktop/tray-menu.js';
import { timeLeftLabel, trayMenuModel } from '../../../core/desktop/tray-menu.js';

const now = new Date('2030-01-01T12:00:00Z');
const connection = (id: string, clusters: readonly string[]): Connection => ({
  id,
  name: id.toUpperCase(),
  idpUrl: 'https://login.example.com/sso',
  clusters: clusters.map((name) => ({ name, uri: `mongodb+srv://${name}.example.mongodb.net` })),
  accountAliases: {},
});
const signedIn = (connectionId: string, minutesLeft: number): SessionState => ({
  status: 'signed-in',
  connectionId,
  session: {
    connectionId,
    roleArn: 'arn:aws:iam::123456789012:role/dba',
    roleName: 'dba',
    accountId: '123456789012',
    accountAlias: 'Production',
    assumedRoleArn: null,
    region: 'us-east-1',
    expiresAt: new Date(now.getTime() + minutesLeft * 60_000).toISOString(),
    warnings: [],
  },
});

function labels(items: readonly TrayItem[]): string[] {
  return items.flatMap((item) => (item.type === 'separator' ? [] : [item.label]));
}

describe('timeLeftLabel', () => {
  it('counts down in hours and minutes', () => {
    expect(timeLeftLabel(new Date(now.getTime() + 65 * 60_000).toISOString(), now)).toBe('1 h 05 min left');
    expect(timeLeftLabel(new Date(now.getTime() + 42 * 60_000 + 30_000).toISOString(), now)).toBe('42 min left');
    expect(timeLeftLabel(new Date(now.getTime() + 20_000).toISOString(), now)).toBe('less than a minute left');
    expect(timeLeftLabel(new Date(now.getTime() - 1).toISOString(), now)).toBe('expired');
  });
});

describe('trayMenuModel', () => {
  it('shows a signed-in session with its countdown and quick actions', () => {
    const model = trayMenuModel([connection('acme', ['main'])], [signedIn('acme', 42)], now);
    expect(model.title).toBe('42m');
    expect(model.tooltip).toContain('ACME: dba in Production, 42 min left');
    const actions = model.items.flatMap((item) => (item.type === 'action' ? [item.action] : []));
    expect(actions).toContainEqual({ kind: 'copy-command', connectionId: 'acme', clusterName: 'main' });
    expect(actions).toContainEqual({ kind: 'open-mongosh', connectionId: 'acme', clusterName: 'main' });
    expect(actions).toContainEqual({ kind: 'refresh', connectionId: 'acme' });
    expect(actions.at(-1)).toEqual({ kind: 'quit' });
  });

  it('offers a submenu per cluster when there are several', () => {
    const model = trayMenuModel([connection('acme', ['a', 'b'])], [signedIn('acme', 10)], now);
    const copy = model.items.find((item) => item.type === 'submenu' && item.label === 'Copy mongosh command');
    expect(copy?.type === 'submenu' ? labels(copy.items) : []).toEqual(['a', 'b']);
  });

  it('offers sign-in for a signed-out connection, disabled while signing in', () => {
    const model = trayMenuModel([connection('one', []), connection('two', [])], [{ status: 'signing-in', connectionId: 'two', step: null }], now);
    const signIns = model.items.filter((item) => item.type === 'action' && item.action.kind === 'sign-in');
    expect(signIns.map((item) => (item.type === 'action' ? item.enabled : null))).toEqual([true, false]);
    expect(model.title).toBe('');
  });

  it('uses the soonest expiry for the menu-bar title', () => {
    expect(trayMenuModel([connection('a', []), connection('b', [])], [signedIn('a', 90), signedIn('b', 5)], now).title).toBe('5m');
  });

  it('says when there is nothing yet', () => {
    expect(labels(trayMenuModel([], [], now).items)).toEqual(['No connections yet', 'Show Atlas SSO', 'Quit Atlas SSO']);
  });
});
