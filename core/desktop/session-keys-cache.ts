import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import { parseRoleValue } from '../aws/role.js';
import type { SecretStore } from '../credentials/keys-cache.js';
import { createOsKeychainStore } from '../credentials/keys-cache-keychain.js';
import { isFreshEnough, parseCachedKeys, serializeCachedKeys } from '../credentials/keys-cache-entry.js';
import type { CachedSession, SessionKeysCache } from '../session/session-service.js';
import { parseJsonObject } from '../parse-json-object.js';

export interface SessionKeysCacheOptions {
  readonly store: SecretStore;
  readonly now?: () => Date;
  /**
   * Names the entries apart from the CLI's `credential-process` ones (`connection|role`) should both share a store;
   * `desktop-session` by default. A store shared by several connections files (the OS keychain) needs the file in it.
   */
  readonly accountPrefix?: string;
}

/**
 * The desktop app's signed-in sessions over a SecretStore, so a restart does not cost a sign-in while the keys have
 * more than 10 minutes left (the same margin as `credential-process`). SecretStore has no delete: a wipe overwrites the
 * entry with nothing. An entry that is unreadable, for another connection or about to expire counts as missing.
 */
export function createSessionKeysCache(options: SessionKeysCacheOptions): SessionKeysCache {
  const now = options.now ?? (() => new Date());
  const { store } = options;
  // One entry per connection.
  const accountOf = (connectionId: string): string => `${options.accountPrefix ?? 'desktop-session'}|${connectionId}`;
  return {
    get: async (connectionId) => {
      const text = await store.get(accountOf(connectionId)).catch(() => null);
      const session = text === null || text === '' ? undefined : parseCachedSession(text, connectionId);
      return session !== undefined && isFreshEnough(session.assumed.credentials, now()) ? session : undefined;
    },
    put: async (connectionId, session) => {
      await store.set(accountOf(connectionId), serializeCachedSession(connectionId, session));
    },
    forget: async (connectionId) => {
      await store.set(accountOf(connectionId), '');
    },
  };
}

/**
 * Browser mode's sessions across restarts (its server stops when its last window closes): in the OS keychain only,
 * never in a file, as the desktop app writes nothing without a keyring. Whether the keychain answers is asked once,
 * at the first use; without one, nothing is kept and nothing is reported, as before.
 */
export function createKeychainSessionKeysCache(keychain: SecretStore, connectionsFile: string): SessionKeysCache {
  // Scoped by the connections file: two files (ATLAS_SSO_CONFIG) may both have a connection "prod", each its own IdP.
  const accountPrefix = `browser-session|${connectionsFile}`;
  const cache = createSessionKeysCache({ store: keychain, accountPrefix });
  let usable: Promise<boolean> | undefined;
  const whenUsable = (): Promise<boolean> => (usable ??= keychain.get(`${accountPrefix}|`).then(() => true, () => false));
  return {
    get: async (connectionId) => ((await whenUsable()) ? await cache.get(connectionId) : undefined),
    put: async (connectionId, session) => {
      if (await whenUsable()) await cache.put(connectionId, session);
    },
    forget: async (connectionId) => {
      if (await whenUsable()) await cache.forget(connectionId);
    },
  };
}

/** Browser mode's sessions of this connections file, in this computer's keychain (the server keeps them, `connections remove` wipes them). */
export function openBrowserSessionKeysCache(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): SessionKeysCache {
  return createKeychainSessionKeysCache(createOsKeychainStore(platform, env), connectionsFile);
}

/** The entry as stored: the keys in the keys cache's own format, bound to the connection and the role. */
export function serializeCachedSession(connectionId: string, session: CachedSession): string {
  const { role, assumed } = session;
  return JSON.stringify({
    version: 1,
    connectionId,
    role: `${role.roleArn},${role.principalArn}`,
    assumedRoleArn: assumed.assumedRoleArn,
    durationSeconds: assumed.durationSeconds,
    region: assumed.region,
    endpoint: assumed.endpoint,
    warnings: session.warnings,
    keys: serializeCachedKeys({ connectionId, role: role.roleArn }, assumed.credentials),
  });
}

/** The session in a stored entry, or undefined when anything in it is missing, malformed or for another connection. */
export function parseCachedSession(text: string, connectionId: string): CachedSession | undefined {
  const entry = parseJsonObject(text);
  if (entry === undefined) return undefined;
  if (entry.version !== 1 || entry.connectionId !== connectionId || typeof entry.role !== 'string' || typeof entry.keys !== 'string') return undefined;
  const role = parseRoleValue(entry.role);
  const credentials = role === undefined ? undefined : parseCachedKeys(entry.keys, { connectionId, role: role.roleArn });
  const { assumedRoleArn, durationSeconds, region, endpoint, warnings } = entry;
  if (role === undefined || credentials === undefined) return undefined;
  if (typeof region !== 'string' || region === '' || typeof endpoint !== 'string' || endpoint === '') return undefined;
  if (!(assumedRoleArn === null || typeof assumedRoleArn === 'string') || !Number.isInteger(durationSeconds)) return undefined;
  if (!Array.isArray(warnings) || !warnings.every((warning): warning is string => typeof warning === 'string')) return undefined;
  const assumed: AssumedRole = { credentials, assumedRoleArn, durationSeconds: Number(durationSeconds), region, endpoint, warnings: [] };
  return { role, assumed, warnings };
}
