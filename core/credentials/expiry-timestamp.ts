import { AtlasSsoError } from '../errors.js';

/**
 * An expiry as RFC 3339 UTC to the second (`2026-11-29T10:00:00Z`), the form credential_process and the
 * credentials file use. Milliseconds are dropped (rounded down), so the keys never look valid for longer than they are.
 */
export function expiryTimestamp(expiration: Date): string {
  if (Number.isNaN(expiration.getTime())) {
    throw new AtlasSsoError('credentials-invalid-value', 'The expiry time of the temporary keys is not a valid date, so they were not written.');
  }
  return expiration.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
