import { readFile } from 'node:fs/promises';
import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import { defaultDurationSeconds } from '../aws/assume-role-with-saml.js';
import { createStsClient, temporaryCredentialsOf } from '../aws/sts-client.js';
import { resolveStsEndpoint } from '../aws/sts-endpoint.js';
import { AtlasSsoError } from '../errors.js';
import { webIdentityFailure } from './identity-errors.js';
import { readWebIdentityConfig } from './web-identity-config.js';
import { fileProblem } from '../file-problem.js';

export interface WebIdentityRequest {
  readonly env: NodeJS.ProcessEnv;
  /** Overrides the region from the environment. */
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  /** Overall deadline including the SDK's retries; default 30 s. */
  readonly deadlineMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Projected service account tokens are about 1 KB; far more is not a token. */
const maxTokenBytes = 64 * 1024;

async function readToken(tokenFile: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(tokenFile, 'utf8')).trim();
  } catch (error) {
    throw new AtlasSsoError('identity-token-unreadable', `${fileProblem(tokenFile, error)} (the web identity token file): check AWS_WEB_IDENTITY_TOKEN_FILE and the pod's projected volume.`, { cause: error });
  }
  if (token.length < 4 || Buffer.byteLength(token) > maxTokenBytes) {
    throw new AtlasSsoError('identity-token-unreadable', `The web identity token file ${tokenFile} holds no token (it is empty or far too large).`);
  }
  return token;
}

/**
 * The EKS path for tools that do not do it themselves: AssumeRoleWithWebIdentity with the pod's token file and
 * AWS_ROLE_ARN. Unsigned by design (the token is the proof), on a concrete regional endpoint; the token never leaves
 * this call except to STS.
 */
export async function assumeRoleWithWebIdentity(request: WebIdentityRequest): Promise<AssumedRole> {
  const config = readWebIdentityConfig(request.env);
  const region = request.region ?? config.region;
  const endpoint = resolveStsEndpoint(region, request.endpoint, request.env);
  const token = await readToken(config.tokenFile);
  const deadlineMs = request.deadlineMs ?? 30_000;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal = request.signal === undefined ? deadline : AbortSignal.any([deadline, request.signal]);
  const [client, { AssumeRoleWithWebIdentityCommand }] = await Promise.all([createStsClient(region, endpoint), import('@aws-sdk/client-sts')]);
  try {
    const reply = await client.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: config.roleArn, RoleSessionName: config.sessionName, WebIdentityToken: token, DurationSeconds: defaultDurationSeconds }),
      { abortSignal: signal },
    );
    return {
      credentials: temporaryCredentialsOf(reply.Credentials, endpoint),
      assumedRoleArn: reply.AssumedRoleUser?.Arn ?? null,
      durationSeconds: defaultDurationSeconds,
      region,
      endpoint,
      warnings: [],
    };
  } catch (error) {
    throw webIdentityFailure(error, { endpoint, roleArn: config.roleArn, tokenFile: config.tokenFile, deadlineMs, deadlinePassed: deadline.aborted });
  } finally {
    client.destroy();
  }
}
