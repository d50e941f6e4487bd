import type { Connection, SessionState } from '../api.js';

/** What a tray item does when clicked; electron/tray.ts maps each to a call on the session service. */
export type TrayAction =
  | { readonly kind: 'show' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'sign-in'; readonly connectionId: string }
  | { readonly kind: 'refresh'; readonly connectionId: string }
  | { readonly kind: 'sign-out'; readonly connectionId: string }
  | { readonly kind: 'copy-command'; readonly connectionId: string; readonly clusterName: string }
  | { readonly kind: 'open-mongosh'; readonly connectionId: string; readonly clusterName: string };

export type TrayItem =
  | { readonly type: 'label'; readonly label: string }
  | { readonly type: 'separator' }
  | { readonly type: 'action'; readonly label: string; readonly action: TrayAction; readonly enabled: boolean }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly TrayItem[] };

export interface TrayModel {
  /** Hover text: every connection's state in one line each. */
  readonly tooltip: string;
  /** Next to the icon in the macOS menu bar: the shortest time left, or empty. */
  readonly title: string;
  readonly items: readonly TrayItem[];
}

/** "1 h 05 min left", "42 min left", "less than a minute left", "expired": the countdown shown in the tray. */
export function timeLeftLabel(expiresAt: string, now: Date): string {
  const leftMs = Date.parse(expiresAt) - now.getTime();
  if (!(leftMs > 0)) return 'expired';
  const minutes = Math.floor(leftMs / 60_000);
  if (minutes < 1) return 'less than a minute left';
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min left`;
}

/** The tray menu for the saved connections and their states, at `now`; pure, rebuilt on every event and each minute. */
export function trayMenuModel(connections: readonly Connection[], states: readonly SessionState[], now: Date): TrayModel {
  const stateOf = (id: string): SessionState => states.find((state) => state.connectionId === id) ?? { status: 'signed-out', connectionId: id };
  const lines: string[] = [];
  const items: TrayItem[] = [];
  let soonest: number | undefined;
  for (const connection of connections) {
    const state = stateOf(connection.id);
    const line = `${connection.name}: ${stateLine(state, now)}`;
    lines.push(line);
    items.push({ type: 'label', label: line });
    items.push(...connectionActions(connection, state));
    items.push({ type: 'separator' });
    if (state.status === 'signed-in') {
      const left = Date.parse(state.session.expiresAt) - now.getTime();
      soonest = soonest === undefined ? left : Math.min(soonest, left);
    }
  }
  if (connections.length === 0) items.push({ type: 'label', label: 'No connections yet' }, { type: 'separator' });
  items.push({ type: 'action', label: 'Show Atlas SSO', action: { kind: 'show' }, enabled: true });
  items.push({ type: 'action', label: 'Quit Atlas SSO', action: { kind: 'quit' }, enabled: true });
  return {
    tooltip: lines.length === 0 ? 'Atlas SSO' : ['Atlas SSO', ...lines].join('\n'),
    title: soonest === undefined ? '' : soonest <= 0 ? 'expired' : `${Math.max(1, Math.floor(soonest / 60_000))}m`,
    items,
  };
}

function stateLine(state: SessionState, now: Date): string {
  switch (state.status) {
    case 'signed-out':
      return 'signed out';
    case 'signing-in':
      return 'signing in…';
    case 'roles-ready':
      return 'pick a role';
    case 'assuming':
      return 'signing in…';
    case 'signed-in': {
      const account = state.session.accountAlias ?? state.session.accountId;
      return `${state.session.roleName} in ${account}, ${timeLeftLabel(state.session.expiresAt, now)}`;
    }
  }
}

function connectionActions(connection: Connection, state: SessionState): readonly TrayItem[] {
  const connectionId = connection.id;
  if (state.status !== 'signed-in') {
    const busy = state.status === 'signing-in' || state.status === 'assuming';
    return [{ type: 'action', label: state.status === 'roles-ready' ? 'Pick a role…' : 'Sign in', action: state.status === 'roles-ready' ? { kind: 'show' } : { kind: 'sign-in', connectionId }, enabled: !busy }];
  }
  const perCluster = (kind: 'copy-command' | 'open-mongosh', label: string): TrayItem => {
    const [only, ...others] = connection.clusters;
    if (only !== undefined && others.length === 0) return { type: 'action', label, action: { kind, connectionId, clusterName: only.name }, enabled: true };
    if (only === undefined) return { type: 'action', label, action: { kind: 'show' }, enabled: false };
    return { type: 'submenu', label, items: connection.clusters.map((cluster) => ({ type: 'action', label: cluster.name, action: { kind, connectionId, clusterName: cluster.name }, enabled: true })) };
  };
  return [
    perCluster('copy-command', 'Copy mongosh command'),
    perCluster('open-mongosh', 'Open mongosh'),
    { type: 'action', label: 'Refresh', action: { kind: 'refresh', connectionId }, enabled: true },
    { type: 'action', label: 'Sign out', action: { kind: 'sign-out', connectionId }, enabled: true },
  ];
}
