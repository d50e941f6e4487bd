import type { Command } from 'commander';
import type { AssumedRole } from '../core/aws/assume-role-with-saml.js';
import { AtlasSsoError } from '../core/errors.js';
import type { AtlasConnectionString } from '../core/mongodb/connection-string.js';
import { normalizeAtlasConnectionString } from '../core/mongodb/connection-string.js';
import type { AssumeStepOptions } from './assume-options.js';
import { addAssumeOptions, prepareAssume } from './assume-options.js';
import type { CliContext } from './context.js';
import { progress } from './io.js';

/** The assume options plus the EKS path: a third place keys can come from. */
export interface CredentialSourceOptions extends AssumeStepOptions {
  readonly webIdentity?: true;
}

/** Options that only make sense with a SAML sign-in, refused beside --web-identity so nothing is silently ignored. */
const samlOnly = [['role', '--role'], ['principal', '--principal'], ['duration', '--duration'], ['browser', '--browser'], ['timeout', '--timeout']] as const;

/** Adds the sign-in options and `--web-identity`, for the commands that run a program with the keys. */
export function addCredentialSourceOptions(command: Command): Command {
  return addAssumeOptions(command)
    .option('--web-identity', 'get the keys with AssumeRoleWithWebIdentity from AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN (EKS), instead of a sign-in');
}

/** The two steps of a command that needs keys: resolve what can fail cheaply first, then get them. */
export interface PreparedKeys {
  readonly cluster: (nameOrUri: string) => Promise<AtlasConnectionString>;
  readonly obtain: () => Promise<AssumedRole>;
}

/** Checks that exactly one source was named, then prepares it: a SAML response, a saved connection, or the pod's web identity. */
export async function prepareKeys(options: CredentialSourceOptions, context: CliContext): Promise<PreparedKeys> {
  const named = [options.samlResponse, options.connection, options.webIdentity].filter((value) => value !== undefined).length;
  if (named !== 1) {
    throw new AtlasSsoError('input-invalid', 'Say where the keys come from, once: --connection NAME (signs in in your browser), --saml-response FILE, or --web-identity (EKS).');
  }
  if (options.webIdentity === undefined) {
    const prepared = await prepareAssume(options, context);
    return { cluster: prepared.cluster, obtain: async () => (await prepared.assume()).assumed };
  }
  const extra = samlOnly.find(([key]) => options[key] !== undefined);
  if (extra !== undefined) throw new AtlasSsoError('input-invalid', `${extra[1]} is for a SAML sign-in; with --web-identity the role is AWS_ROLE_ARN.`);
  const [{ readWebIdentityConfig }, { assumeRoleWithWebIdentity }] = await Promise.all([
    import('../core/identity/web-identity-config.js'),
    import('../core/identity/web-identity.js'),
  ]);
  readWebIdentityConfig(context.io.env);
  return {
    cluster: (uri) => Promise.resolve(normalizeAtlasConnectionString(uri)),
    obtain: async () => {
      progress(context.io, context.verbose(), 'Asking AWS STS for temporary keys with the web identity token…');
      return assumeRoleWithWebIdentity({ env: context.io.env, region: options.region, endpoint: options.stsEndpoint });
    },
  };
}
