import { loginProfileDir } from '../connections/config-path.js';
import type { AssertionHold } from './assertion-hold.js';
import { createAssertionHold } from './assertion-hold.js';
import type { CacheWrites } from './cache-writes.js';
import { createCacheWrites } from './cache-writes.js';
import type { Clock } from './expiry-timer.js';
import { systemClock } from './expiry-timer.js';
import type { SessionEvents } from './session-events.js';
import { createSessionEvents } from './session-events.js';
import type { SessionServicePorts } from './session-ports.js';
import type { SessionTable } from './session-table.js';
import { createSessionTable } from './session-table.js';

/** What every part of the service shares: the host's ports and the one service's state, made once per service. */
export interface SessionContext {
  readonly ports: SessionServicePorts;
  readonly clock: Clock;
  readonly events: SessionEvents;
  readonly writes: CacheWrites;
  readonly table: SessionTable;
  /** Signed-in sessions' assertions while STS would still take them: Switch role needs no second trip to the IdP. */
  readonly assertions: AssertionHold;
}

export function createSessionContext(ports: SessionServicePorts): SessionContext {
  const events = createSessionEvents();
  const writes = createCacheWrites({ keysCache: ports.keysCache, credentialProcessKeys: ports.credentialProcessKeys, env: ports.env, events });
  const assertions = createAssertionHold();
  return { ports, clock: ports.clock ?? systemClock, events, writes, table: createSessionTable(events, writes, assertions), assertions };
}

/** The connection's own browser profile, where its IdP cookies stay between sign-ins. */
export function loginProfileOf(ctx: SessionContext, connectionId: string): string {
  return loginProfileDir(ctx.ports.store.filePath, connectionId, ctx.ports.platform);
}
