import type { ApiError, ApiEvent, Connection, SessionState } from '../../core/api.js';
import { assertNever } from './assert-never.js';

/** What the UI knows of the host: connections, where each stands, and what it warned about. */
export interface AppState {
  readonly connections: readonly Connection[] | null;
  readonly sessions: Readonly<Record<string, SessionState>>;
  /** Minutes left when the host last warned that a session is about to expire. */
  readonly expiring: Readonly<Record<string, number>>;
  /** Sessions that ended by running out, so the card can say why it is signed out. */
  readonly expired: Readonly<Record<string, true>>;
  /** Failures nobody awaited (a background refresh), by connection; '' for the app as a whole. */
  readonly hostErrors: Readonly<Record<string, ApiError>>;
}

export type AppAction =
  | { readonly type: 'loaded'; readonly connections: readonly Connection[]; readonly sessions: readonly SessionState[] }
  | { readonly type: 'session'; readonly state: SessionState }
  | { readonly type: 'dismissHostError'; readonly connectionId: string }
  | { readonly type: 'event'; readonly event: ApiEvent };

export const initialAppState: AppState = { connections: null, sessions: {}, expiring: {}, expired: {}, hostErrors: {} };

/** Folds a listing, a reply or a host event into the state, so cards always show the latest word. */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'loaded':
      return { ...state, connections: action.connections, sessions: Object.fromEntries(action.sessions.map((session) => [session.connectionId, session])) };
    case 'session':
      return withSession(state, action.state);
    case 'dismissHostError':
      return { ...state, hostErrors: without(state.hostErrors, action.connectionId) };
    case 'event':
      return applyEvent(state, action.event);
    default:
      return assertNever(action);
  }
}

function applyEvent(state: AppState, event: ApiEvent): AppState {
  switch (event.type) {
    case 'signInProgress':
      return withSession(state, { status: 'signing-in', connectionId: event.connectionId, step: event.step });
    case 'rolesReady':
      return withSession(state, { status: 'roles-ready', connectionId: event.connectionId, roles: event.roles });
    case 'sessionChanged':
      return withSession(state, event.state);
    case 'sessionExpiring':
      return { ...state, expiring: { ...state.expiring, [event.connectionId]: event.minutesLeft } };
    case 'sessionExpired':
      return {
        ...withSession(state, { status: 'signed-out', connectionId: event.connectionId }),
        expired: { ...state.expired, [event.connectionId]: true },
      };
    case 'error':
      return { ...state, hostErrors: { ...state.hostErrors, [event.connectionId ?? '']: event.error } };
    default:
      return assertNever(event);
  }
}

/** A new state for one connection; a fresh sign-in clears the old warnings. */
function withSession(state: AppState, session: SessionState): AppState {
  const id = session.connectionId;
  const previous = state.sessions[id];
  const sameKeys = previous?.status === 'signed-in' && session.status === 'signed-in' && previous.session.expiresAt === session.session.expiresAt;
  return {
    ...state,
    sessions: { ...state.sessions, [id]: session },
    expiring: sameKeys ? state.expiring : without(state.expiring, id),
    expired: session.status === 'signed-out' ? state.expired : without(state.expired, id),
  };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!Object.hasOwn(record, key)) return record;
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}
