import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import { credentialProcessJson } from '../credentials/credential-process-output.js';
import { AtlasSsoError } from '../errors.js';
import type { ProfileFiles } from '../mongodb/mongosh-command.js';
import { mongoshCommandWithKeys, mongoshCommandWithProfile } from '../mongodb/mongosh-command.js';
import { envExportLines } from '../shell/env-exports.js';
import type { Shell } from '../shell/shells.js';

export const outputFormats = ['credential-process', 'env', 'mongosh', 'json'] as const;
export type OutputFormat = (typeof outputFormats)[number];

export interface RenderRequest {
  readonly format: OutputFormat;
  readonly role: Role;
  readonly assumed: AssumedRole;
  readonly shell: Shell;
  /** A normalized, credential-free Atlas URI; needed for the mongosh format. */
  readonly clusterUri?: string | undefined;
  /** Set when the keys were written to this profile: the mongosh command then names it instead of holding keys. */
  readonly writtenProfile?: string | undefined;
  /** How the mongosh command names mongosh (mongoshForCommand); default bare `mongosh`. */
  readonly mongoshPath?: string | undefined;
  /** The AWS files the profile is in, when a new terminal would not read them by itself. */
  readonly profileFiles?: ProfileFiles | undefined;
}

/** What the person asked to see, as text for stdout. Only the formats that exist to carry keys hold them. */
export function renderCredentials(request: RenderRequest): string {
  const { credentials } = request.assumed;
  switch (request.format) {
    case 'credential-process':
      return `${credentialProcessJson(credentials)}\n`;
    case 'env':
      return `${envExportLines(request.shell, [
        ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
        ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
        ['AWS_SESSION_TOKEN', credentials.sessionToken],
        ['AWS_REGION', request.assumed.region],
        // The AWS SDKs (and mongosh) prefer a profile to keys in the environment: a profile left set would win.
        ['AWS_PROFILE', null],
        ['AWS_DEFAULT_PROFILE', null],
      ]).join('\n')}\n`;
    case 'mongosh': {
      if (request.clusterUri === undefined) {
        throw new AtlasSsoError('input-invalid', 'The mongosh format needs the cluster: add --cluster with the connection string from Atlas → Connect.');
      }
      const base = { shell: request.shell, uri: request.clusterUri, ...(request.mongoshPath === undefined ? {} : { mongoshPath: request.mongoshPath }) };
      const command = request.writtenProfile === undefined
        ? mongoshCommandWithKeys({ ...base, credentials })
        : mongoshCommandWithProfile({ ...base, profile: request.writtenProfile, ...(request.profileFiles === undefined ? {} : { files: request.profileFiles }) });
      return `${command}\n`;
    }
    case 'json':
      return `${JSON.stringify({
        roleArn: request.role.roleArn,
        principalArn: request.role.principalArn,
        assumedRoleArn: request.assumed.assumedRoleArn,
        region: request.assumed.region,
        durationSeconds: request.assumed.durationSeconds,
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        expiration: credentials.expiration.toISOString(),
      }, null, 2)}\n`;
  }
}
