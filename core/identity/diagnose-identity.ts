import type { ErrorCode } from '../errors.js';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import type { ConnectionReport } from '../mongodb/test-connection.js';
import { addressOfUri, testConnection } from '../mongodb/test-connection.js';
import type { AtlasUser } from './atlas-user-arn.js';
import { atlasUserOfCaller } from './atlas-user-arn.js';
import type { AwsKeys } from './aws-keys.js';
import { callerIdentityRegion, getCallerIdentity } from './caller-identity.js';
import type { CredentialSource, CredentialStep } from './credential-sources.js';
import { credentialSourceLabels } from './credential-sources.js';
import { resolveCredentials } from './resolve-credentials.js';

/** Whose identity to diagnose: this machine's own credential chain, or keys the app already holds (a signed-in session). */
export type IdentityInput =
  | { readonly kind: 'machine' }
  | { readonly kind: 'keys'; readonly keys: AwsKeys; readonly label: string };

export interface DiagnoseIdentityRequest {
  readonly input: IdentityInput;
  /** A credential-free Atlas connection string: also try to sign in there with the keys. */
  readonly clusterUri?: string | undefined;
  readonly region?: string | undefined;
  readonly stsEndpoint?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal | undefined;
}

/** Everything "which identity will Atlas see, and why not?" needs, as plain values a UI or `--json` can show. */
export interface IdentityDiagnosis {
  /** The chain source that answered, `session` for keys handed in, null when none did. */
  readonly source: CredentialSource | 'session' | null;
  readonly sourceLabel: string | null;
  readonly detail: string | null;
  /** The chain's steps up to the one that answered (or stopped it); empty for handed-in keys. */
  readonly steps: readonly CredentialStep[];
  readonly callerArn: string | null;
  readonly accountId: string | null;
  readonly atlasUser: AtlasUser | null;
  readonly expiration: Date | null;
  /** `host[:port]` of the cluster tested, when one was given. */
  readonly cluster: string | null;
  /** What Atlas said after signing in, when it did. */
  readonly connection: ConnectionReport | null;
  /** The first thing that went wrong, as a code and a sentence; null when all asked for worked. */
  readonly problem: { readonly code: ErrorCode; readonly message: string } | null;
}

/** Where to add a database user for `user`, in the words of Atlas's screens. */
export function atlasUserPlace(user: AtlasUser): string {
  return `Atlas → Database Access → Add New Database User → AWS IAM → ${user.kind === 'user' ? 'IAM User' : 'IAM Role'}`;
}

function problemOf(error: unknown): IdentityDiagnosis['problem'] {
  if (isAtlasSsoError(error)) return { code: error.code, message: error.message };
  return { code: 'host-unexpected', message: `Unexpected ${error instanceof Error ? error.name : typeof error} while checking the identity.` };
}

/** The sentence when nothing answered: the SDK stopped at a failing source, or found none. */
function unresolvedProblem(steps: readonly CredentialStep[]): IdentityDiagnosis['problem'] {
  const stopped = steps.find((step) => step.stopsChain === true);
  if (stopped !== undefined) {
    return { code: 'identity-source-failed', message: `${credentialSourceLabels[stopped.source]} is set up but failed, so Atlas SSO asked no further source (mongosh and the driver would meet the same failure): ${stopped.reason ?? 'no reason given'}.` };
  }
  return { code: 'identity-no-credentials', message: 'No AWS credentials found for this process: set keys in the environment, AWS_PROFILE, or AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN, or run where ECS or EC2 provide them (each source tried is listed with the result).' };
}

/**
 * Finds the keys (the chain, or the ones handed in), asks STS who they belong to, derives the Atlas database user,
 * and with a cluster signs in there. Never throws for a failure a person can fix: it is in `problem`, with what was
 * learned before it. No secret is in the result.
 */
export async function diagnoseIdentity(request: DiagnoseIdentityRequest): Promise<IdentityDiagnosis> {
  let diagnosis: IdentityDiagnosis = {
    source: null, sourceLabel: null, detail: null, steps: [], callerArn: null, accountId: null, atlasUser: null, expiration: null,
    cluster: request.clusterUri === undefined ? null : addressOfUri(request.clusterUri), connection: null, problem: null,
  };
  let keys: AwsKeys;
  if (request.input.kind === 'keys') {
    keys = request.input.keys;
    diagnosis = { ...diagnosis, source: 'session', sourceLabel: request.input.label, expiration: keys.expiration ?? null };
  } else {
    const resolved = await resolveCredentials();
    if (resolved.source === null) return { ...diagnosis, steps: resolved.steps, problem: unresolvedProblem(resolved.steps) };
    keys = resolved.keys;
    diagnosis = { ...diagnosis, source: resolved.source, sourceLabel: credentialSourceLabels[resolved.source], detail: resolved.detail ?? null, steps: resolved.steps, expiration: keys.expiration ?? null };
  }

  try {
    const caller = await getCallerIdentity({
      keys,
      sourceLabel: diagnosis.sourceLabel ?? 'these keys',
      region: callerIdentityRegion(request.region, request.env),
      endpoint: request.stsEndpoint,
      env: request.env,
      signal: request.signal,
    });
    diagnosis = { ...diagnosis, callerArn: caller.arn, accountId: caller.accountId, atlasUser: atlasUserOfCaller(caller.arn) ?? null };
  } catch (error) {
    return { ...diagnosis, problem: problemOf(error) };
  }
  const user = diagnosis.atlasUser;
  if (user === null || user.kind === 'unsupported') {
    return { ...diagnosis, problem: { code: 'identity-unsupported-caller', message: `Atlas maps only IAM roles and IAM users to database users, not ${diagnosis.callerArn ?? 'this caller'}: use keys of an IAM role or user.` } };
  }
  if (request.clusterUri === undefined) return diagnosis;

  try {
    const connection = await testConnection({
      uri: request.clusterUri,
      // The driver's provider wants a token and an expiry: an IAM user's keys have neither (the driver skips an empty token).
      credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken ?? '', expiration: keys.expiration ?? new Date(Date.now() + 3_600_000) },
      expectedUser: user.arn,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    return { ...diagnosis, connection };
  } catch (error) {
    if (isAtlasSsoError(error, 'mongodb-no-database-user')) {
      const missing = new AtlasSsoError('mongodb-no-database-user', `Atlas sees you as ${diagnosis.callerArn ?? user.arn} and has no database user for it: add ${user.arn} in ${atlasUserPlace(user)}.`);
      return { ...diagnosis, problem: problemOf(missing) };
    }
    return { ...diagnosis, problem: problemOf(error) };
  }
}
