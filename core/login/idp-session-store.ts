import path from 'node:path';
import type { Cookie } from 'playwright-core';
import type { SecretStore } from '../credentials/keys-cache.js';
import { openSecretStores } from '../credentials/open-keys-cache.js';
import { readFirstAccepted, wipeEverywhere, writeFirstAccepting } from '../credentials/secret-store-chain.js';
import { parseJsonObject } from '../parse-json-object.js';

/**
 * An IdP's session cookie (no expiry) lives as long as the browser stays open; a browser left open all working day
 * keeps it that long. So it is kept for at most this long after the sign-in that saved it; the IdP's own session
 * limit (SimpleSAMLphp: 8 h by default) still applies on top, since the IdP checks its session itself.
 */
export const idpSessionMaxAgeMs = 12 * 60 * 60_000;

/**
 * The login browser's session-only cookies, per connection (by its browser profile folder), kept between sign-ins so
 * the next one is as silent as in a browser left open. Cookies are secrets: they rest where the cached keys rest.
 */
export interface IdpSessionStore {
  /** The cookies saved for the profile, or none when there are none, they are older than the cap, or unreadable. */
  load(profileDir: string): Promise<readonly Cookie[]>;
  /** True while a sign-in of this profile completed within the cap and was not forgotten: a sign-in may then be silent. */
  isKept(profileDir: string): Promise<boolean>;
  /** Saves the cookies (throws when no store takes them). */
  save(profileDir: string, cookies: readonly Cookie[]): Promise<void>;
  /** Wipes them everywhere; never throws. */
  forget(profileDir: string): Promise<void>;
}

export interface IdpSessionStoreOptions {
  readonly stores: readonly SecretStore[];
  readonly now?: () => Date;
  readonly maxAgeMs?: number;
}

interface SavedSession {
  readonly savedAt: number;
  readonly cookies: readonly Cookie[];
}

export function createIdpSessionStore(options: IdpSessionStoreOptions): IdpSessionStore {
  const now = options.now ?? (() => new Date());
  const maxAgeMs = options.maxAgeMs ?? idpSessionMaxAgeMs;
  const read = (profileDir: string): Promise<SavedSession | undefined> =>
    readFirstAccepted(options.stores, accountOf(profileDir), (text) => {
      const saved = parseSavedSession(text);
      const age = saved === undefined ? Infinity : now().getTime() - saved.savedAt;
      return age >= 0 && age <= maxAgeMs ? saved : undefined;
    });
  return {
    load: async (profileDir) => (await read(profileDir))?.cookies ?? [],
    isKept: async (profileDir) => (await read(profileDir)) !== undefined,
    save: async (profileDir, cookies) => {
      await writeFirstAccepting(options.stores, accountOf(profileDir), JSON.stringify({ version: 1, savedAt: now().getTime(), cookies }));
    },
    forget: (profileDir) => wipeEverywhere(options.stores, accountOf(profileDir)),
  };
}

/**
 * The IdP sessions of the connections in this connections file, protected as their cached keys are: the keychain,
 * else encrypted 0600 files in `idp-sessions/` (a folder of their own: no keys rest where no profile reads them).
 */
export function openIdpSessionStore(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): IdpSessionStore {
  return createIdpSessionStore({ stores: openSecretStores(connectionsFile, 'idp-sessions', platform, env) });
}

/** `#` starts no connection id, so this never names a cached keys entry. */
function accountOf(profileDir: string): string {
  return `#idp-session|${path.resolve(profileDir)}`;
}

function parseSavedSession(text: string): SavedSession | undefined {
  const entry = parseJsonObject(text);
  if (entry?.version !== 1 || typeof entry.savedAt !== 'number' || !Array.isArray(entry.cookies)) return undefined;
  const cookies = entry.cookies.filter(isCookie);
  return { savedAt: entry.savedAt, cookies };
}

function isCookie(value: unknown): value is Cookie {
  if (typeof value !== 'object' || value === null) return false;
  const cookie = value as Record<string, unknown>;
  return ['name', 'value', 'domain', 'path'].every((field) => typeof cookie[field] === 'string') && typeof cookie.expires === 'number';
}
