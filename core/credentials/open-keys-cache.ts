import path from 'node:path';
import type { KeysCache, SecretStore } from './keys-cache.js';
import { createKeysCache } from './keys-cache.js';
import { createEncryptedFileStore } from './keys-cache-file.js';
import { createOsKeychainStore } from './keys-cache-keychain.js';

/**
 * Where secrets rest between runs: the OS keychain, else the encrypted files in `keys-cache/` beside the connections
 * file. The CLI and the app's hosts open the same ones, so what either keeps serves both.
 */
export function openSecretStores(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): readonly SecretStore[] {
  return [createOsKeychainStore(platform, env), createEncryptedFileStore(path.join(path.dirname(connectionsFile), 'keys-cache'))];
}

/** The keys cache `atlas-sso credential-process` reads, in those stores. */
export function openKeysCache(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeysCache {
  return createKeysCache({ stores: openSecretStores(connectionsFile, platform, env) });
}
