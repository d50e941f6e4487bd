import { readFile } from 'node:fs/promises';
import type { Role } from '../aws/role.js';
import type { Connection } from '../connections/schema.js';
import { configFilePath } from '../credentials/aws-file-paths.js';
import { credentialProcessRolesFor } from '../credentials/credential-process-profile.js';
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
 * The roles `credential-process` may have cached keys of this connection under, beyond those the cache lists itself:
 * the roles its AWS profiles name, and the connection's default and last role.
 */
export async function knownCacheRoles(env: NodeJS.ProcessEnv, connection: Pick<Connection, 'id' | 'defaultRole' | 'lastRole'>): Promise<readonly string[]> {
  const roles = [...(await configuredRoles(env, connection.id)), connection.defaultRole, connection.lastRole];
  return [...new Set(roles.filter((role): role is string => role !== undefined))];
}

async function configuredRoles(env: NodeJS.ProcessEnv, connectionId: string): Promise<readonly string[]> {
  return credentialProcessRolesFor(await readFile(configFilePath(env), 'utf8').catch(() => ''), connectionId);
}
