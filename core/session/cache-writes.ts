import type { Connection } from '../connections/schema.js';
import type { KeysCache } from '../credentials/keys-cache.js';
import { apiErrorOf } from './api-dispatch.js';
import { credentialProcessKeysFor, forgetCachedKeysOf } from './credential-process-sharing.js';
import type { SignedInEntry } from './session-entry.js';
import type { SessionEvents } from './session-events.js';
import type { SessionKeysCache } from './session-ports.js';

export interface CacheWritesPorts {
  /** The host's sessions cache (the desktop app's safeStorage); absent: memory only. */
  readonly keysCache?: SessionKeysCache | undefined;
  /** The cache `atlas-sso credential-process` reads; absent: not shared. */
  readonly credentialProcessKeys?: KeysCache | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly events: SessionEvents;
}

/** Every write to the two keys caches, in order (a wipe never overtakes the put before it). */
export interface CacheWrites {
  /** Runs `write` after the writes before it; a failure is reported as an `error` event, never thrown. */
  queue(connectionId: string, write: () => Promise<unknown>): Promise<void>;
  /** A write to the host's sessions cache, when it has one. */
  toKeysCache(connectionId: string, write: (cache: SessionKeysCache) => Promise<void>): Promise<void>;
  /**
   * Puts a session's keys where `credential-process` looks for them and notes where on the entry, so its end can wipe
   * them; `isCurrent` is asked after the AWS config is read (signed out meanwhile: nothing to share).
   */
  share(connectionId: string, entry: SignedInEntry, isCurrent: () => boolean): Promise<void>;
  /** Wipes what `share` put for this session. */
  unshare(connectionId: string, entry: SignedInEntry): void;
  /** Wipes every key `credential-process` holds for the connection (it is being removed). */
  forgetShared(connection: Pick<Connection, 'id' | 'defaultRole' | 'lastRole'>): Promise<void>;
  /** Resolves when every write queued so far has finished. */
  settled(): Promise<void>;
}

export function createCacheWrites(ports: CacheWritesPorts): CacheWrites {
  const { keysCache, credentialProcessKeys: shared, env, events } = ports;
  let tail: Promise<void> = Promise.resolve();
  const queue = (connectionId: string, write: () => Promise<unknown>): Promise<void> => {
    tail = tail.then(write).then(
      () => undefined,
      (error: unknown) => events.emit({ type: 'error', connectionId, error: apiErrorOf(error) }),
    );
    return tail;
  };
  return {
    queue,
    toKeysCache: (connectionId, write) => (keysCache === undefined ? tail : queue(connectionId, () => write(keysCache))),
    share: async (connectionId, entry, isCurrent) => {
      if (shared === undefined) return;
      const keys = await credentialProcessKeysFor(env, connectionId, entry.role);
      if (!isCurrent()) return;
      entry.sharedAs = keys;
      await Promise.all(keys.map((key) => queue(connectionId, () => shared.put(key, entry.assumed.credentials))));
    },
    unshare: (connectionId, entry) => {
      if (shared !== undefined) for (const key of entry.sharedAs) void queue(connectionId, () => shared.forget(key));
    },
    forgetShared: async (connection) => {
      if (shared !== undefined) await queue(connection.id, () => forgetCachedKeysOf(shared, env, connection));
    },
    settled: () => tail,
  };
}
