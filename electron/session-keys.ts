import { safeStorage } from 'electron';
import { createEncryptedFileStore } from '../core/credentials/keys-cache-file.js';
import { encryptedSecretStore } from '../core/desktop/encrypted-secret-store.js';
import { secretStoragePolicy } from '../core/desktop/secret-storage-policy.js';
import { createSessionKeysCache } from '../core/desktop/session-keys-cache.js';
import type { SessionKeysCache } from '../core/session/session-service.js';

/**
 * Signed-in sessions kept for the next start in `folder`, encrypted by the OS through safeStorage's async API (after
 * the app is ready). Undefined when secretStoragePolicy refuses (Linux without a keyring): its reason is logged once,
 * and the keys then live in memory only.
 */
export async function openSessionKeysCache(folder: string): Promise<SessionKeysCache | undefined> {
  // Initializes the async encryptor first, so the Linux backend is known when asked.
  const encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
  const policy = secretStoragePolicy({
    platform: process.platform,
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    encryptionAvailable,
  });
  if (!policy.keep) {
    console.warn(policy.reason);
    return undefined;
  }
  const store = encryptedSecretStore(createEncryptedFileStore(folder), {
    description: 'the session store encrypted by your OS keyring',
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    decrypt: async (data) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(data);
      return { text: result, shouldReEncrypt };
    },
  });
  return createSessionKeysCache({ store });
}
