import path from 'node:path';
import type { KeysCache } from './keys-cache.js';
import { createKeysCache } from './keys-cache.js';
import { createEncryptedFileStore } from './keys-cache-file.js';
import { createOsKeychainStore } from './keys-cache-keychain.js';

/**
 * The keys cache `atlas-sso credential-process` reads: the OS keychain, else the encrypted files in `keys-cache/`
 * beside the connections file. The CLI and the app's hosts open the same one, so a sign-in in either serves both.
 */
export function openKeysCache(connectionsFile: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): KeysCache {
  const folder = path.join(path.dirname(connectionsFile), 'keys-cache');
  return createKeysCache({ stores: [createOsKeychainStore(platform, env), createEncryptedFileStore(folder)] });
}
