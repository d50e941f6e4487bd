import type { AssumedRole } from '../core/aws/assume-role-with-saml.js';
import type { Role } from '../core/aws/role.js';
import { awsFilesAwayFromDefaults } from '../core/credentials/aws-file-paths.js';
import { checkCredentialsProfileWritable, writeCredentialsProfile } from '../core/credentials/write-profile.js';
import { AtlasSsoError } from '../core/errors.js';
import type { AtlasConnectionString } from '../core/mongodb/connection-string.js';
import { mongoshForCommand } from '../core/mongodb/mongosh-for-command.js';
import type { OutputFormat } from '../core/session/render-credentials.js';
import { renderCredentials } from '../core/session/render-credentials.js';
import { savedProfileText } from '../core/session/saved-profile-text.js';
import type { Shell } from '../core/shell/shells.js';
import { defaultShell } from '../core/shell/shells.js';
import type { CliContext } from './context.js';

/** What to do with fresh keys, as the flags said. */
export interface CredentialsOutput {
  readonly format?: OutputFormat | undefined;
  readonly cluster?: AtlasConnectionString | undefined;
  readonly shell?: Shell | undefined;
  readonly writeProfile?: string | undefined;
}

/** The format asked for (mongosh when only a cluster was given); refuses a request that would print or save nothing. */
export function checkCredentialsOutput(output: CredentialsOutput): OutputFormat | undefined {
  const format = output.format ?? (output.cluster !== undefined ? 'mongosh' : undefined);
  if (format === undefined && output.writeProfile === undefined) {
    throw new AtlasSsoError('input-invalid', 'Say what to do with the keys: --format credential-process|env|mongosh|json, or --write-profile NAME.');
  }
  if (format === 'mongosh' && output.cluster === undefined) {
    throw new AtlasSsoError('input-invalid', 'The mongosh format needs the cluster: add --cluster with the connection string from Atlas → Connect.');
  }
  return format;
}

/** Before the sign-in is spent: the flags say what to do, and the profile asked for can be written. */
export async function checkCredentialsOutputBeforeSignIn(output: CredentialsOutput, env: NodeJS.ProcessEnv): Promise<void> {
  checkCredentialsOutput(output);
  if (output.writeProfile !== undefined) await checkCredentialsProfileWritable(env);
}

/** Writes the profile (if asked), then prints the format (if asked), as `assume` does. */
export async function emitCredentials(context: CliContext, output: CredentialsOutput, role: Role, assumed: AssumedRole): Promise<void> {
  const format = checkCredentialsOutput(output);
  context.warn(output.cluster?.warnings ?? []);
  const { env, platform } = context.io;
  if (output.writeProfile !== undefined) {
    const written = await writeCredentialsProfile({ profile: output.writeProfile, credentials: assumed.credentials, env });
    context.warn(written.warnings);
    context.io.stderr.write(`${savedProfileText({ profile: output.writeProfile, filePath: written.filePath, expiresAt: assumed.credentials.expiration }, env.HOME)}\n`);
  }
  if (format === undefined) return;
  // The printed command is pasted into a new terminal: name mongosh so that terminal finds it, or say it is missing.
  const mongosh = format === 'mongosh' ? await mongoshForCommand({ env, platform, configuredPath: await settingsMongoshPath(context) }) : undefined;
  if (mongosh?.found === 'missing') context.io.stderr.write(`${mongosh.installHint} The command runs once it is installed.\n`);
  context.io.stdout.write(renderCredentials({
    format,
    role,
    assumed,
    shell: output.shell ?? defaultShell(env, platform),
    clusterUri: output.cluster?.uri,
    writtenProfile: output.writeProfile,
    mongoshPath: mongosh?.program,
    profileFiles: awsFilesAwayFromDefaults(env),
  }));
}

/** The mongosh path set in the app's Settings (the CLI shares the connections file); none when it cannot be read. */
async function settingsMongoshPath(context: CliContext): Promise<string | undefined> {
  const { openConnectionStore } = await import('./open-connection-store.js');
  return (await openConnectionStore(context.io).settings().catch(() => undefined))?.mongoshPath;
}
