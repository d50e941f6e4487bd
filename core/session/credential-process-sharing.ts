import { readFile } from 'node:fs/promises';
import type { Role } from '../aws/role.js';
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
  const text = await readFile(configFilePath(env), 'utf8').catch(() => '');
  return credentialProcessRolesFor(text, connectionId)
    .filter((named) => namesRole(named, role))
    .map((named) => ({ connectionId, role: named }));
}
