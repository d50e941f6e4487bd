import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import type { ScopedVariable } from '../shell/scoped-env-command.js';
import { scopedEnvCommand } from '../shell/scoped-env-command.js';
import type { Shell } from '../shell/shells.js';

export interface MongoshCommandOptions {
  readonly shell: Shell;
  /** A credential-free connection string, as normalizeAtlasConnectionString returns it. */
  readonly uri: string;
  /** Default `mongosh` (found on PATH); an absolute path is quoted for the shell. */
  readonly mongoshPath?: string;
  /** More mongosh arguments, e.g. `--apiVersion 1`; never keys (they belong in the environment). */
  readonly extraArgs?: readonly string[];
}

/**
 * A line to paste into `shell` that runs mongosh with the temporary keys in ITS environment only: not in the URI,
 * not as flags (mongosh's --awsAccessKeyId is for KMS), not in any helper's argv. AWS_PROFILE is hidden from that
 * one command because the AWS SDK inside mongosh prefers a profile to keys in the environment.
 */
export function mongoshCommandWithKeys(options: MongoshCommandOptions & { readonly credentials: TemporaryCredentials }): string {
  const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
  return mongoshCommand(options, [['AWS_ACCESS_KEY_ID', accessKeyId], ['AWS_SECRET_ACCESS_KEY', secretAccessKey], ['AWS_SESSION_TOKEN', sessionToken], ['AWS_PROFILE', null]], true);
}

/** Where the profile was written, when a new terminal would not look there by itself (awsFilesAwayFromDefaults). */
export interface ProfileFiles {
  readonly credentialsFile?: string;
  readonly configFile?: string;
}

/**
 * A secret-free line that runs mongosh with AWS_PROFILE=`profile` for that command only, and any keys in the calling
 * shell hidden from it; it names the AWS files too when they are not the ones a terminal reads by default.
 */
export function mongoshCommandWithProfile(options: MongoshCommandOptions & { readonly profile: string; readonly files?: ProfileFiles }): string {
  const { credentialsFile, configFile } = options.files ?? {};
  return mongoshCommand(options, [
    ['AWS_ACCESS_KEY_ID', null],
    ['AWS_SECRET_ACCESS_KEY', null],
    ['AWS_SESSION_TOKEN', null],
    ['AWS_PROFILE', options.profile],
    ...(credentialsFile === undefined ? [] : [['AWS_SHARED_CREDENTIALS_FILE', credentialsFile] as const]),
    ...(configFile === undefined ? [] : [['AWS_CONFIG_FILE', configFile] as const]),
  ], false);
}

function mongoshCommand(options: MongoshCommandOptions, variables: readonly [ScopedVariable, ...ScopedVariable[]], secret: boolean): string {
  const uri = options.shell === 'cmd' ? withoutEncodedDollar(options.uri) : options.uri;
  return scopedEnvCommand({
    shell: options.shell,
    variables,
    argv: [options.mongoshPath ?? 'mongosh', uri, ...(options.extraArgs ?? [])],
    keepOutOfHistory: secret,
  });
}

/** cmd.exe expands `%…%` even between quotes; `%24` (the `$` of `$external`) may be written as a plain `$` in a connection string. */
function withoutEncodedDollar(uri: string): string {
  return uri.replaceAll('%24', '$');
}
