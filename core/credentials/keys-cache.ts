import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import type { KeysCacheKey } from './keys-cache-entry.js';
import { isFreshEnough, keysCacheAccount, parseCachedKeys, serializeCachedKeys } from './keys-cache-entry.js';
import { readFirstAccepted, wipeEverywhere, writeFirstAccepting } from './secret-store-chain.js';

/** The port for where secrets rest: the OS keychain, or the encrypted file beside the connections. */
export interface SecretStore {
  /** For messages: "the OS keychain", "the encrypted cache file". */
  readonly description: string;
  /** The secret, or null when there is none; throws when the store cannot be used at all. */
  get(account: string): Promise<string | null>;
  /** Throws when the store cannot be used at all. */
  set(account: string, secret: string): Promise<void>;
}

/** Temporary keys kept between runs of `credential-process`, so SDKs that start often need no new sign-in. */
export interface KeysCache {
  /** Keys with more than 10 minutes left, else undefined. */
  get(key: KeysCacheKey): Promise<TemporaryCredentials | undefined>;
  /** Where the keys went (the first store that took them). */
  put(key: KeysCacheKey, credentials: TemporaryCredentials): Promise<string>;
  /** Wipes the entry wherever one is kept (a SecretStore has no delete: it is overwritten with nothing); never throws. */
  forget(key: KeysCacheKey): Promise<void>;
  /** Wipes every entry of the connection: those its index lists, and those under `roles`; never throws. */
  forgetConnection(connectionId: string, roles: readonly string[]): Promise<void>;
}

export interface KeysCacheOptions {
  /** Tried in order: the keychain first, the file when the keychain cannot be used. */
  readonly stores: readonly SecretStore[];
  readonly now?: () => Date;
}

/**
 * A cache over secret stores in order of preference. A store that throws is skipped (no Secret Service on this
 * Linux, a locked keychain); an entry that is unreadable, foreign or about to expire counts as missing.
 */
export function createKeysCache(options: KeysCacheOptions): KeysCache {
  const now = options.now ?? (() => new Date());
  return {
    get: async (key) => {
      const account = keysCacheAccount(key);
      return readFirstAccepted(options.stores, account, (text) => {
        const credentials = parseCachedKeys(text, key);
        return credentials !== undefined && isFreshEnough(credentials, now()) ? credentials : undefined;
      });
    },
    put: async (key, credentials) => {
      const store = await writeFirstAccepting(options.stores, keysCacheAccount(key), serializeCachedKeys(key, credentials));
      await addToIndex(store, key).catch(() => undefined);
      return store.description;
    },
    forget: async (key) => {
      await wipeEverywhere(options.stores, keysCacheAccount(key));
    },
    forgetConnection: async (connectionId, roles) => {
      await Promise.all(
        options.stores.map(async (store) => {
          const listed: readonly string[] = await readIndex(store, connectionId).catch(() => []);
          for (const role of new Set([...listed, ...roles])) await wipeEverywhere([store], keysCacheAccount({ connectionId, role }));
          await wipeEverywhere([store], indexAccount(connectionId));
        }),
      );
    },
  };
}

/**
 * Each store also lists, per connection, the roles it holds keys under, so removing a connection or signing out can
 * find every entry (their names are hashed in the file store, and keychains cannot be searched the same way on every
 * OS). `#` is in no connection id, so this name is never an entry's. Not a secret: role names only.
 */
function indexAccount(connectionId: string): string {
  return `#roles|${connectionId}`;
}

async function readIndex(store: SecretStore, connectionId: string): Promise<readonly string[]> {
  const text = await store.get(indexAccount(connectionId));
  const parsed: unknown = text === null || text === '' ? [] : JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((role): role is string => typeof role === 'string') : [];
}

/** Two runs caching at once may lose one name here; forgetConnection also wipes the roles its caller knows of. */
async function addToIndex(store: SecretStore, key: KeysCacheKey): Promise<void> {
  const listed: readonly string[] = await readIndex(store, key.connectionId).catch(() => []);
  if (!listed.includes(key.role)) await store.set(indexAccount(key.connectionId), JSON.stringify([...listed, key.role]));
}
