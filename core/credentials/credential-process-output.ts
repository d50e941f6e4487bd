import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { expiryTimestamp } from './expiry-timestamp.js';

/**
 * What a `credential_process` prints on stdout: exactly the five fields the AWS SDKs and CLI read, in their
 * documented order, and nothing else (any other output breaks the caller).
 */
export function credentialProcessJson(credentials: TemporaryCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: expiryTimestamp(credentials.expiration),
  });
}
