import { createStsClient } from '../aws/sts-client.js';
import { resolveStsEndpoint } from '../aws/sts-endpoint.js';
import { AtlasSsoError } from '../errors.js';
import type { AwsKeys } from './aws-keys.js';
import { callerIdentityFailure } from './identity-errors.js';

/** Who AWS says the keys belong to: the identity a MONGODB-AWS sign-in presents to Atlas. */
export interface CallerIdentity {
  readonly arn: string;
  readonly accountId: string;
  readonly userId: string;
}

export interface CallerIdentityRequest {
  readonly keys: AwsKeys;
  /** Where the keys came from, in words, for the sentence when AWS refuses them. */
  readonly sourceLabel: string;
  readonly region: string;
  readonly endpoint?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Overall deadline including the SDK's retries; default 15 s. */
  readonly deadlineMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The region to ask STS in when nobody said: the SDK's AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. */
export function callerIdentityRegion(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return [explicit, env.AWS_REGION, env.AWS_DEFAULT_REGION].find((value) => value !== undefined && value.trim() !== '')?.trim() ?? 'us-east-1';
}

/**
 * Calls STS GetCallerIdentity, signed with the keys, on the regional endpoint (or AWS_ENDPOINT_URL_STS), as the
 * same request Atlas replays for a MONGODB-AWS sign-in. No SDK logger: it would print the session token.
 */
export async function getCallerIdentity(request: CallerIdentityRequest): Promise<CallerIdentity> {
  const endpoint = resolveStsEndpoint(request.region, request.endpoint, request.env);
  const deadlineMs = request.deadlineMs ?? 15_000;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = request.signal === undefined ? deadline : AbortSignal.any([deadline, request.signal]);
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = request.keys;
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = await createStsClient(request.region, endpoint, { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }), ...(expiration === undefined ? {} : { expiration }) });
  try {
    const reply = await client.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    if (reply.Arn === undefined || reply.Account === undefined) {
      throw new AtlasSsoError('sts-bad-response', `The answer from ${endpoint} named no caller: check the STS endpoint (and any proxy in between).`);
    }
    return { arn: reply.Arn, accountId: reply.Account, userId: reply.UserId ?? '' };
  } catch (error) {
    throw callerIdentityFailure(error, { endpoint, deadlineMs, deadlinePassed: deadline.aborted, sourceLabel: request.sourceLabel });
  } finally {
    client.destroy();
  }
}
