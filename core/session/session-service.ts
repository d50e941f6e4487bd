import type { ApiEvent, ApiHandlers } from '../api.js';
import { connectionFieldIssues } from '../connections/field-issues.js';
import { appHandlers } from './app-handlers.js';
import { connectionHandlers } from './connection-handlers.js';
import { identityHandlers } from './identity-handlers.js';
import { outputHandlers } from './output-handlers.js';
import { refreshHandler } from './refresh-handler.js';
import { restoreCachedSessions } from './restore-sessions.js';
import { roleHandlers } from './role-handlers.js';
import { createSessionContext } from './session-context.js';
import type { SessionServicePorts } from './session-ports.js';
import { signInHandlers } from './sign-in-handlers.js';
import { withKeys } from './signed-in-session.js';
import { signOutHandlers } from './sign-out-handlers.js';
import { writtenProfileHandlers } from './written-profile-handlers.js';

// Hosts import the service's ports from here, with the service.
export type { CachedSession, SessionKeysCache, SessionServicePorts } from './session-ports.js';

/** The whole flow behind api.ts for one host, plus its events. */
export interface SessionService extends ApiHandlers {
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** The host is stopping: closes login windows, cancels timers, forgets every key held in memory (not the keys cache). */
  close(): void;
  /** The host starts: signs in again, from the keys cache, each connection whose cached session still has time left. */
  restoreCachedSessions(): Promise<readonly string[]>;
}

/**
 * One service for every host: sign in through the LoginBrowser, list the roles, redeem the assertion for the chosen role
 * at once (then drop it), keep the keys in memory with their expiry, and make every output from them. Each group of
 * requests lives in its own module; they share only the context (ports, the session table, events, cache writes).
 */
export function createSessionService(ports: SessionServicePorts): SessionService {
  const ctx = createSessionContext(ports);
  const signIn = signInHandlers(ctx);
  const roles = roleHandlers(ctx);
  return {
    subscribe: (listener) => ctx.events.subscribe(listener),
    close: () => {
      ctx.table.close();
      ctx.events.clear();
    },
    restoreCachedSessions: () => restoreCachedSessions(ctx),
    ...connectionHandlers(ctx),
    ...signIn,
    ...roles,
    ...refreshHandler(ctx, { signIn: signIn.signIn, pickRole: roles.pickRole }),
    ...outputHandlers(ctx),
    ...identityHandlers(ctx),
    ...signOutHandlers(ctx),
    ...writtenProfileHandlers({ withKeys: (connectionId) => withKeys(ctx, connectionId), env: ports.env }),
    checkConnection: ({ connection }) => Promise.resolve({ issues: connectionFieldIssues(connection) }),
    ...appHandlers(ctx),
  };
}
