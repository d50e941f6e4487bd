import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { parseJsonObject } from '../parse-json-object.js';

/** Which keys: one cached session per connection and role (as the role was named: an ARN or a name). */
export interface KeysCacheKey {
  readonly connectionId: string;
  readonly role: string;
}

/** Keys are reused until this long before they expire, so a caller never starts work with keys about to die. */
export const reuseMarginMs = 10 * 60_000;

/** The name an entry is stored under, in the keychain or the cache folder. */
export function keysCacheAccount(key: KeysCacheKey): string {
  return `${key.connectionId}|${key.role}`;
}

/** True while the keys have more than `marginMs` left. */
export function isFreshEnough(credentials: TemporaryCredentials, now: Date, marginMs: number = reuseMarginMs): boolean {
  return credentials.expiration.getTime() - now.getTime() > marginMs;
}

/** The entry as stored: it names its own key, so an entry copied under another name is not taken for it. */
export function serializeCachedKeys(key: KeysCacheKey, credentials: TemporaryCredentials): string {
  return JSON.stringify({
    version: 1,
    connectionId: key.connectionId,
    role: key.role,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiration: credentials.expiration.toISOString(),
  });
}

/** The keys in a stored entry, or undefined when it is unreadable, of another version, or for another key. */
export function parseCachedKeys(text: string, key: KeysCacheKey): TemporaryCredentials | undefined {
  const entry = parseJsonObject(text);
  if (entry === undefined) return undefined;
  const texts = [entry.accessKeyId, entry.secretAccessKey, entry.sessionToken, entry.expiration];
  if (entry.version !== 1 || entry.connectionId !== key.connectionId || entry.role !== key.role) return undefined;
  if (!texts.every((field) => typeof field === 'string' && field !== '')) return undefined;
  const expiration = new Date(String(entry.expiration));
  if (Number.isNaN(expiration.getTime())) return undefined;
  return { accessKeyId: String(entry.accessKeyId), secretAccessKey: String(entry.secretAccessKey), sessionToken: String(entry.sessionToken), expiration };
}
