import path from 'node:path';
import type { KeysCache, SecretStore } from './keys-cache.js';
import { createKeysCache } from './keys-cache.js';
import { createEncryptedFileStore } from './keys-cache-file.js';
import { createOsKeychainStore } from './keys-cache-keychain.js';

/**
 * Where secrets rest between runs: the OS keychain, else encrypted files in `folder` beside the connections file.
 * The CLI and the app's hosts open the same ones, so what either keeps serves both.
 */
export function openSecretStores(connectionsFile: string, folder: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): readonly SecretStore[] {
  return [createOsKeychainStore(platform, env), createEncryptedFileStore(path.join(path.dirname(connectionsFile), folder))];
}

/** The keys cache's stores, in the order it tries them (the warm credential_process reads them without the cache). */
export function keysCacheStores(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): readonly SecretStore[] {
  return openSecretStores(connectionsFile, 'keys-cache', platform, env);
}

/** The keys cache `atlas-sso credential-process` reads: the keychain, else `keys-cache/`. */
export function openKeysCache(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeysCache {
  return createKeysCache({ stores: keysCacheStores(connectionsFile, platform, env) });
}
