import type { AssertionHold } from './assertion-hold.js';
import type { CacheWrites } from './cache-writes.js';
import type { Entry, SignedInEntry, SigningInEntry } from './session-entry.js';
import { sessionInForce, signedOut, stateOf } from './session-entry.js';
import type { SessionEvents } from './session-events.js';

/** Where each connection stands, in memory; every change of it goes through `set`, which stops what the old entry ran. */
export interface SessionTable {
  entryOf(connectionId: string): Entry;
  /** True while `entry` is still the connection's entry: a sign-out or a newer sign-in replaces it. */
  isCurrent(connectionId: string, entry: Entry): boolean;
  /** Replaces a connection's entry, stopping what the old one ran (timers, a login window, a refresh), and says so. */
  set(connectionId: string, next: Entry): void;
  /** The same sign-in at a new step: no `sessionChanged` (the step has its own event). */
  setStep(connectionId: string, entry: SigningInEntry): void;
  signOut(connectionId: string): void;
  /** Ends the session a role switch keeps (it expired), leaving the switch under way. */
  dropKept(connectionId: string): void;
  /** Every session in force, a kept one included. */
  signedIn(): readonly (readonly [string, SignedInEntry])[];
  /** The host is stopping: signs every connection out but leaves both keys caches for the next start. */
  close(): void;
}

export function createSessionTable(events: SessionEvents, writes: CacheWrites, assertions: AssertionHold): SessionTable {
  const entries = new Map<string, Entry>();
  /** Quitting keeps the cached sessions for the next start: only a sign-out, expiry or removal wipes them. */
  let closing = false;
  const entryOf = (connectionId: string): Entry => entries.get(connectionId) ?? signedOut;
  /** Stops what a session ran and, unless the host is quitting, takes its keys back from both caches. */
  const end = (connectionId: string, session: SignedInEntry, next: Entry): void => {
    session.cancelTimers();
    session.refreshing?.abort.abort();
    if (closing) return;
    // A new session puts its own keys after this wipe; quitting leaves them for credential-process until they expire.
    if (next.status !== 'signed-in') void writes.toKeysCache(connectionId, (cache) => cache.forget(connectionId));
    writes.unshare(connectionId, session);
  };
  const set = (connectionId: string, next: Entry): void => {
    const previous = entryOf(connectionId);
    if (previous === next) return;
    const ending = sessionInForce(previous);
    if (ending !== undefined && ending !== sessionInForce(next)) end(connectionId, ending, next);
    if (previous.status === 'signing-in' && next.status !== 'roles-ready') previous.abort.abort();
    if (next.status === 'signed-out') assertions.drop(connectionId);
    if (next.status === 'signed-out') entries.delete(connectionId);
    else entries.set(connectionId, next);
    events.emit({ type: 'sessionChanged', connectionId, state: stateOf(connectionId, next) });
  };
  return {
    entryOf,
    isCurrent: (connectionId, entry) => entries.get(connectionId) === entry,
    set,
    setStep: (connectionId, entry) => void entries.set(connectionId, entry),
    signOut: (connectionId) => set(connectionId, signedOut),
    dropKept: (connectionId) => {
      const current = entryOf(connectionId);
      if (current.status === 'signed-in' || current.status === 'signed-out' || current.keeping === undefined) return;
      end(connectionId, current.keeping, current);
      delete current.keeping;
    },
    signedIn: () =>
      [...entries].flatMap(([connectionId, entry]) => {
        const session = sessionInForce(entry);
        return session === undefined ? [] : [[connectionId, session] as const];
      }),
    close: () => {
      closing = true;
      for (const connectionId of [...entries.keys()]) set(connectionId, signedOut);
    },
  };
}
