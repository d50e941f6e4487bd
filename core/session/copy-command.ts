import type { RequestResult } from '../api.js';
import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { awsFilesAwayFromDefaults } from '../credentials/aws-file-paths.js';
import type { MongoshForCommand } from '../mongodb/mongosh-for-command.js';
import { mongoshForCommand } from '../mongodb/mongosh-for-command.js';
import { mongoshCommandWithKeys, mongoshCommandWithProfile } from '../mongodb/mongosh-command.js';
import type { Shell } from '../shell/shells.js';

export interface CopyCommandRequest {
  readonly shell: Shell;
  readonly variant: 'keys' | 'profile';
  /** A normalized, credential-free cluster URI. */
  readonly uri: string;
  readonly credentials: TemporaryCredentials;
  /** The host's environment: $SHELL to ask, PATH, HOME and the AWS files the profile goes to. */
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly configuredMongoshPath?: string | undefined;
  /** Writes the keys as the connection's profile (the profile variant only). */
  readonly writeProfile: () => Promise<{ readonly profile: string; readonly filePath: string; readonly expiresAt: string; readonly warnings: readonly string[] }>;
}

/** The mongosh finding as the UI may see it: no path, just how it was found and how to get it. */
export function mongoshFinding(mongosh: MongoshForCommand): RequestResult<'copyCommand'>['mongosh'] {
  return mongosh.found === 'missing' ? { found: 'missing', installHint: mongosh.installHint } : { found: mongosh.found };
}

/** A command that runs when pasted into a new terminal: mongosh named so that terminal finds it, the profile's files named when it would not. */
export async function copyCommandFor(request: CopyCommandRequest): Promise<RequestResult<'copyCommand'>> {
  const mongosh = await mongoshForCommand({ env: request.env, platform: request.platform, configuredPath: request.configuredMongoshPath });
  const base = { shell: request.shell, uri: request.uri, mongoshPath: mongosh.program };
  if (request.variant === 'keys') {
    return { command: mongoshCommandWithKeys({ ...base, credentials: request.credentials }), containsKeys: true, warnings: [], mongosh: mongoshFinding(mongosh) };
  }
  const written = await request.writeProfile();
  return {
    command: mongoshCommandWithProfile({ ...base, profile: written.profile, files: awsFilesAwayFromDefaults(request.env) }),
    containsKeys: false,
    warnings: written.warnings,
    mongosh: mongoshFinding(mongosh),
    savedProfile: { profile: written.profile, filePath: written.filePath, expiresAt: written.expiresAt },
  };
}
