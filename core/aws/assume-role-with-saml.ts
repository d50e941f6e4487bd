import { AtlasSsoError } from '../errors.js';
import type { Role } from './role.js';
import { partitionFacts } from './partitions.js';
import { createStsClient, temporaryCredentialsOf } from './sts-client.js';
import { resolveStsEndpoint } from './sts-endpoint.js';
import { isMaxSessionDurationError, stsFailure } from './sts-errors.js';
import type { TemporaryCredentials } from './temporary-credentials.js';

export const defaultDurationSeconds = 3600;
const minDurationSeconds = 900;
const maxDurationSeconds = 43_200;

export interface AssumeRoleWithSamlRequest {
  /** The SAMLResponse base64 exactly as posted. Secret. */
  readonly assertion: string;
  readonly role: Pick<Role, 'roleArn' | 'principalArn' | 'partition'>;
  /** STS region; defaults to the partition's default region. */
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  /** What the person asked for; default one hour. */
  readonly durationSeconds?: number | undefined;
  /** The assertion's SessionDuration attribute: the IdP's cap. */
  readonly sessionDurationCap?: number | undefined;
  /** Overall deadline for the call including the SDK's retries. */
  readonly deadlineMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export interface AssumedRole {
  readonly credentials: TemporaryCredentials;
  readonly assumedRoleArn: string | null;
  readonly durationSeconds: number;
  readonly region: string;
  readonly endpoint: string;
  /** Sentences for people, e.g. that a shorter session was granted. */
  readonly warnings: readonly string[];
}

/** The duration to ask for: what the person wants, within STS's limits and the IdP's SessionDuration. */
export function requestedDuration(wanted: number | undefined, cap: number | undefined): number {
  const asked = wanted ?? defaultDurationSeconds;
  if (!Number.isInteger(asked) || asked < minDurationSeconds || asked > maxDurationSeconds) {
    throw new AtlasSsoError('input-invalid', `The session duration must be a whole number of seconds from ${minDurationSeconds} to ${maxDurationSeconds}, not ${String(asked)}.`);
  }
  return cap === undefined ? asked : Math.min(asked, cap);
}

/**
 * Exchanges a SAML assertion for temporary keys with STS AssumeRoleWithSAML.
 * Unsigned by design (the assertion is the proof), so a concrete region is always set: the SDK signs for 'aws-global'.
 * Expiry is STS's call: a stale assertion is still sent and STS's ExpiredTokenException becomes "sign in again".
 */
export async function assumeRoleWithSaml(request: AssumeRoleWithSamlRequest): Promise<AssumedRole> {
  const region = request.region ?? partitionFacts[request.role.partition].defaultRegion;
  const endpoint = resolveStsEndpoint(region, request.endpoint, request.env ?? process.env);
  const deadlineMs = request.deadlineMs ?? 30_000;
  const asked = requestedDuration(request.durationSeconds, request.sessionDurationCap);
  const warnings: string[] = [];
  if (request.sessionDurationCap !== undefined && request.durationSeconds !== undefined && request.sessionDurationCap < request.durationSeconds) {
    warnings.push(`Your identity provider allows sessions of at most ${formatDuration(request.sessionDurationCap)}; asked for that.`);
  }

  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = request.signal === undefined ? deadline : AbortSignal.any([deadline, request.signal]);
  const [client, { AssumeRoleWithSAMLCommand }] = await Promise.all([createStsClient(region, endpoint), import('@aws-sdk/client-sts')]);
  const send = async (durationSeconds: number): Promise<AssumedRole> => {
    const reply = await client.send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: request.role.roleArn,
        PrincipalArn: request.role.principalArn,
        SAMLAssertion: request.assertion,
        DurationSeconds: durationSeconds,
      }),
      { abortSignal: signal },
    );
    return {
      credentials: temporaryCredentialsOf(reply.Credentials, endpoint),
      assumedRoleArn: reply.AssumedRoleUser?.Arn ?? null,
      durationSeconds,
      region,
      endpoint,
      warnings,
    };
  };

  try {
    try {
      return await send(asked);
    } catch (error) {
      if (!isMaxSessionDurationError(error) || asked <= defaultDurationSeconds) throw error;
      warnings.push(`The role allows no session of ${formatDuration(asked)}; got ${formatDuration(defaultDurationSeconds)} instead.`);
      return await send(defaultDurationSeconds);
    }
  } catch (error) {
    throw stsFailure(error, { endpoint, roleArn: request.role.roleArn, deadlineMs, deadlinePassed: deadline.aborted });
  } finally {
    client.destroy();
  }
}

function formatDuration(seconds: number): string {
  const hours = seconds / 3600;
  return Number.isInteger(hours) ? `${hours} h` : `${Math.round(seconds / 60)} min`;
}
