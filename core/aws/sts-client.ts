import type { Credentials } from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { AtlasSsoError } from '../errors.js';
import type { TemporaryCredentials } from './temporary-credentials.js';

/** Keys that sign a call (GetCallerIdentity); the SDK's own identity type, without its transitive package. */
export interface SigningKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * An STS client as every call here needs it: a concrete region (the SDK signs for 'aws-global'), connection and
 * request timeouts (the SDK has none by default), three attempts, and no logger (the SDK's prints the SessionToken).
 * Without `credentials` it is only good for the unsigned calls (AssumeRoleWithSAML / WithWebIdentity). The SDK loads
 * here, at the first call, so that the hosts start without it.
 */
export async function createStsClient(region: string, endpoint: string, credentials?: SigningKeys): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({
    region,
    endpoint,
    ...(credentials === undefined ? {} : { credentials }),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
    maxAttempts: 3,
  });
}

/** The keys of an STS reply; a 200 with the wrong body parses to `{}`, so their presence is checked. */
export function temporaryCredentialsOf(keys: Credentials | undefined, endpoint: string): TemporaryCredentials {
  if (!keys?.AccessKeyId || !keys.SecretAccessKey || !keys.SessionToken || !(keys.Expiration instanceof Date)) {
    throw new AtlasSsoError('sts-bad-response', `The answer from ${endpoint} held no credentials: check the STS endpoint (and any proxy in between).`);
  }
  return { accessKeyId: keys.AccessKeyId, secretAccessKey: keys.SecretAccessKey, sessionToken: keys.SessionToken, expiration: keys.Expiration };
}
