import { readFile } from 'node:fs/promises';
import type { Role } from '../aws/role.js';
import type { Connection } from '../connections/schema.js';
import { configFilePath } from '../credentials/aws-file-paths.js';
import { credentialProcessRolesFor } from '../credentials/credential-process-profile.js';
import type { KeysCache } from '../credentials/keys-cache.js';
import type { KeysCacheKey } from '../credentials/keys-cache-entry.js';
import { namesRole } from './pick-role.js';

/**
 * Where `atlas-sso credential-process` would look for keys of this connection and role: one key per AWS profile set up
 * for them (by ARN or name), none when no profile uses them, so keys are kept at rest only where something reads them.
 * An AWS config that cannot be read shares nothing.
 */
export async function credentialProcessKeysFor(env: NodeJS.ProcessEnv, connectionId: string, role: Role): Promise<readonly KeysCacheKey[]> {
  return (await configuredRoles(env, connectionId))
    .filter((named) => namesRole(named, role))
    .map((named) => ({ connectionId, role: named }));
}

/**
 * Wipes every key cached for the connection (signing out, removing it): those the cache lists itself, and, for an entry
 * whose listing lost a race, the roles its AWS profiles name and its default and last role.
 */
export async function forgetCachedKeysOf(cache: KeysCache, env: NodeJS.ProcessEnv, connection: Pick<Connection, 'id' | 'defaultRole' | 'lastRole'>): Promise<void> {
  const roles = [...(await configuredRoles(env, connection.id)), connection.defaultRole, connection.lastRole];
  await cache.forgetConnection(connection.id, [...new Set(roles.filter((role): role is string => role !== undefined))]);
}

async function configuredRoles(env: NodeJS.ProcessEnv, connectionId: string): Promise<readonly string[]> {
  return credentialProcessRolesFor(await readFile(configFilePath(env), 'utf8').catch(() => ''), connectionId);
}
