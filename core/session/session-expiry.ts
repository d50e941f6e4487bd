import { scheduleExpiry } from './expiry-timer.js';
import type { SessionContext } from './session-context.js';
import type { SignedInEntry } from './session-entry.js';
import { sessionInForce, signedOut } from './session-entry.js';

/** Warns `warnBefore` minutes before the keys expire, then signs the connection out; only while `entry` is current. */
export function armExpiryTimers(ctx: SessionContext, connectionId: string, entry: SignedInEntry, warnBefore: number): void {
  const { table, events } = ctx;
  entry.cancelTimers = scheduleExpiry(ctx.clock, entry.assumed.credentials.expiration, warnBefore, {
    onExpiring: (minutesLeft) => {
      if (sessionInForce(table.entryOf(connectionId)) === entry) events.emit({ type: 'sessionExpiring', connectionId, expiresAt: entry.summary.expiresAt, minutesLeft });
    },
    onExpired: () => {
      // Kept by a role switch: it ends quietly, and the switch goes on (cancelling it then signs out).
      if (!table.isCurrent(connectionId, entry)) {
        if (sessionInForce(table.entryOf(connectionId)) === entry) table.dropKept(connectionId);
        return;
      }
      table.set(connectionId, signedOut);
      events.emit({ type: 'sessionExpired', connectionId });
    },
  });
}

/** The warning time changed in Settings: sessions already signed in warn at the new time too, not only the next ones. */
export function rearmExpiryTimers(ctx: SessionContext, warnBefore: number): void {
  for (const [connectionId, entry] of ctx.table.signedIn()) {
    entry.cancelTimers();
    armExpiryTimers(ctx, connectionId, entry, warnBefore);
  }
}
