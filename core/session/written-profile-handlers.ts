import type { ApiHandlers } from '../api.js';
import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import type { Connection } from '../connections/schema.js';
import { findWrittenProfile, removeWrittenProfile } from '../credentials/written-profile.js';

interface WrittenProfilePorts {
  /** The connection and its live keys; throws when signed out. */
  readonly withKeys: (connectionId: string) => Promise<{ readonly connection: Connection; readonly session: { readonly assumed: { readonly credentials: TemporaryCredentials } } }>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Sign-out's offer: the AWS profile "Write to AWS profile" (or a profile command) fills is the connection's profile, or
 * its id; it is ours to remove only while it still holds this session's keys.
 */
export function writtenProfileHandlers({ withKeys, env }: WrittenProfilePorts): Pick<ApiHandlers, 'writtenProfile' | 'removeWrittenProfile'> {
  const target = async (connectionId: string) => {
    const { connection, session } = await withKeys(connectionId);
    return { profile: connection.profile ?? connection.id, accessKeyId: session.assumed.credentials.accessKeyId, env };
  };
  return {
    writtenProfile: async ({ connectionId }) => findWrittenProfile(await target(connectionId)),
    removeWrittenProfile: async ({ connectionId }) => removeWrittenProfile(await target(connectionId)),
  };
}
