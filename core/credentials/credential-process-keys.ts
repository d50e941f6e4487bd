import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import type { KeysCache } from './keys-cache.js';
import type { KeysCacheKey } from './keys-cache-entry.js';
import { refreshStage } from './refresh-window.js';
import { signInIfFree, signInOnce } from './sign-in-lock.js';

export interface CredentialProcessKeysRequest {
  readonly cache: KeysCache;
  /** Undefined when no role is known yet (no --role, default or last role): nothing cached can be for it. */
  readonly key: KeysCacheKey | undefined;
  readonly connectionId: string;
  /** For messages: the connection's name, quoted. */
  readonly label: string;
  /** The sign-in lock's folder (beside the connections file). */
  readonly lockFolder: string;
  /** The sign-in timeout; others wait this long and a minute more (the STS call) for a sign-in already running. */
  readonly timeoutMs: number;
  /** Signs in (showing the IdP as needed), caches the keys and returns them. */
  readonly signIn: () => Promise<TemporaryCredentials>;
  /** A sign-in nobody has to look at (the IdP session is kept), or undefined when none can be silent. */
  readonly silentSignIn: (() => Promise<TemporaryCredentials>) | undefined;
  /** One sentence for the person (stderr). */
  readonly warn: (line: string) => void;
  readonly now?: () => Date;
}

/**
 * What `credential-process` prints when the cached keys are not fresh, as botocore refreshes: missing keys and keys
 * inside the mandatory margin need a sign-in, one across all processes asking at once; keys inside the advisory window
 * are renewed when that can happen silently and no other process is at it, and are served as they are otherwise.
 */
export async function credentialProcessKeys(request: CredentialProcessKeysRequest): Promise<TemporaryCredentials> {
  const now = request.now ?? (() => new Date());
  const { cache, key } = request;
  const cached = key === undefined ? undefined : await cache.get(key);
  const lock = { folder: request.lockFolder, name: `${request.connectionId}|${key?.role ?? ''}`, label: request.label };
  if (cached === undefined || refreshStage(cached.expiration, now()) === 'mandatory') {
    return signInOnce({
      ...lock,
      waitMs: request.timeoutMs + 60_000,
      ready: async () => (key === undefined ? undefined : await cache.get(key)),
      signIn: request.signIn,
      onWaiting: () => request.warn(`Another atlas-sso run is signing in to ${request.label}; waiting for it.`),
    });
  }
  if (refreshStage(cached.expiration, now()) === 'fresh') return cached;
  const until = cached.expiration.toISOString();
  const { silentSignIn } = request;
  if (silentSignIn === undefined) {
    request.warn(`The cached keys for ${request.label} expire at ${until}; they were served as they are, since renewing them needs you to sign in: run atlas-sso login --connection ${request.connectionId}.`);
    return cached;
  }
  try {
    const renewed = await signInIfFree({
      ...lock,
      // Another process renewed them meanwhile.
      ready: async () => {
        const latest = key === undefined ? undefined : await cache.get(key);
        return latest !== undefined && latest.expiration > cached.expiration ? latest : undefined;
      },
      signIn: silentSignIn,
    });
    return renewed === 'busy' ? cached : renewed;
  } catch (error) {
    request.warn(`The cached keys for ${request.label} expire at ${until}; they were served as they are, since renewing them without a sign-in window failed: ${error instanceof Error ? error.message : String(error)}`);
    return cached;
  }
}
