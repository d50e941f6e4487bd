import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import { parseRoleValue } from '../aws/role.js';
import type { SecretStore } from '../credentials/keys-cache.js';
import { isFreshEnough, parseCachedKeys, serializeCachedKeys } from '../credentials/keys-cache-entry.js';
import type { CachedSession, SessionKeysCache } from '../session/session-service.js';
import { parseJsonObject } from '../parse-json-object.js';

export interface SessionKeysCacheOptions {
  readonly store: SecretStore;
  readonly now?: () => Date;
}

/** One entry per connection, apart from the CLI's `credential-process` entries (`connection|role`) should both share a store. */
function accountOf(connectionId: string): string {
  return `desktop-session|${connectionId}`;
}

/**
 * The desktop app's signed-in sessions over a SecretStore, so a restart does not cost a sign-in while the keys have
 * more than 10 minutes left (the same margin as `credential-process`). SecretStore has no delete: a wipe overwrites the
 * entry with nothing. An entry that is unreadable, for another connection or about to expire counts as missing.
 */
export function createSessionKeysCache(options: SessionKeysCacheOptions): SessionKeysCache {
  const now = options.now ?? (() => new Date());
  const { store } = options;
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
