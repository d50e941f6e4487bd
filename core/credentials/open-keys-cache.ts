import path from 'node:path';
import type { KeysCache, SecretStore } from './keys-cache.js';
import { createKeysCache } from './keys-cache.js';
import { createEncryptedFileStore } from './keys-cache-file.js';
import { createOsKeychainStore } from './keys-cache-keychain.js';

/**
 * The keys cache `atlas-sso credential-process` reads: the OS keychain, else the encrypted files in `keys-cache/`
 * beside the connections file. The CLI and the app's hosts open the same one, so a sign-in in either serves both.
 */
export function openKeysCache(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeysCache {
  return createKeysCache({ stores: keysCacheStores(connectionsFile, platform, env) });
}

/** That cache's stores, in the order it tries them (the warm credential_process reads them without the cache). */
export function keysCacheStores(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): readonly SecretStore[] {
  const folder = path.join(path.dirname(connectionsFile), 'keys-cache');
  return [createOsKeychainStore(platform, env), createEncryptedFileStore(folder)];
}
