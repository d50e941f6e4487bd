import os from 'node:os';
import path from 'node:path';
import { connectionsFilePath } from '../core/connections/config-path.js';
import type { ConnectionStore } from '../core/connections/connection-store.js';
import { createConnectionStore } from '../core/connections/connection-store.js';
import type { KeysCache } from '../core/credentials/keys-cache.js';
import { createKeysCache } from '../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { createOsKeychainStore } from '../core/credentials/keys-cache-keychain.js';
import type { CliIo } from './io.js';

/** The connections file this terminal's environment names (ATLAS_SSO_CONFIG, else the OS config folder). */
export function openConnectionStore(io: CliIo): ConnectionStore {
  return createConnectionStore(connectionsFilePath({ platform: io.platform, env: io.env, homeDir: io.env.HOME ?? os.homedir() }));
}

/** The keys cache: the OS keychain, else the encrypted files in `keys-cache/` beside the connections file. */
export function openKeysCache(io: CliIo, store: ConnectionStore): KeysCache {
  const folder = path.join(path.dirname(store.filePath), 'keys-cache');
  return createKeysCache({ stores: [createOsKeychainStore(io.platform, io.env), createEncryptedFileStore(folder)] });
}
