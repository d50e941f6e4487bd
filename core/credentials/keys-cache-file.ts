import type { SecretStore } from './keys-cache.js';
import { readEncryptedEntry } from './keys-cache-file-read.js';

/**
 * Where keys rest when there is no OS keychain: one AES-256-GCM file per entry (0600, folder 0700), with the random
 * key in `cache.key` beside them. Be clear about what this protects: the key sits next to the data, so anyone who can
 * read this folder can decrypt it. It only keeps the keys out of casual reading, `grep`, search indexes and backups
 * that skip the key file; the real protection is the file mode, as for ~/.aws/credentials. An entry that does not
 * decrypt (corrupt, from another key, copied under another name) counts as missing and is replaced on the next write.
 */
export function createEncryptedFileStore(folder: string): SecretStore {
  return {
    description: `the encrypted cache file in ${folder}`,
    get: (account) => Promise.resolve(readEncryptedEntry(folder, account)),
    // Loaded only to write: the warm credential_process only reads.
    set: async (account, secret) => (await import('./keys-cache-file-write.js')).writeEncryptedEntry(folder, account, secret),
  };
}
