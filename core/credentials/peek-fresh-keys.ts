import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import type { SecretStore } from './keys-cache.js';
import type { KeysCacheKey } from './keys-cache-entry.js';
import { keysCacheAccount, parseCachedKeys } from './keys-cache-entry.js';
import { refreshStage } from './refresh-window.js';
import { readFirstAccepted } from './secret-store-chain.js';

/**
 * Cached keys that need no refresh at all, read the way the keys cache reads them (stores in order, a store that
 * throws or holds nothing usable skipped). The first readable entry decides: when it is in a refresh window (or past),
 * the answer is undefined and the caller takes the full path, which decides about refreshing.
 */
export async function peekFreshKeys(stores: readonly SecretStore[], key: KeysCacheKey, now: Date): Promise<TemporaryCredentials | undefined> {
  const credentials = await readFirstAccepted(stores, keysCacheAccount(key), (text) => parseCachedKeys(text, key));
  return credentials !== undefined && refreshStage(credentials.expiration, now) === 'fresh' ? credentials : undefined;
}
