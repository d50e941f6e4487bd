import { AtlasSsoError } from '../errors.js';
import type { SecretStore } from '../credentials/keys-cache.js';

/** Encryption the OS does for us (Electron's safeStorage: the Keychain, DPAPI, the Linux keyring). */
export interface StringCipher {
  /** For messages: "the keychain-encrypted session store". */
  readonly description: string;
  encrypt(text: string): Promise<Buffer>;
  /** `shouldReEncrypt`: the OS rotated its key; the entry is rewritten with the new one. */
  decrypt(data: Buffer): Promise<{ readonly text: string; readonly shouldReEncrypt: boolean }>;
}

/**
 * A SecretStore whose secrets are encrypted by `cipher` before `inner` (files written atomically, mode 0600) keeps
 * them as base64. An entry that does not decrypt (another user's key, a reinstalled OS) counts as missing; an empty
 * secret is a wipe and is stored as such, never encrypted.
 */
export function encryptedSecretStore(inner: SecretStore, cipher: StringCipher): SecretStore {
  const seal = async (secret: string): Promise<string> => {
    if (secret === '') return '';
    try {
      return (await cipher.encrypt(secret)).toString('base64');
    } catch (error) {
      throw new AtlasSsoError('credentials-file-io', `Could not encrypt the keys for ${cipher.description}: they stay in memory only, so sign in again after a restart.`, { cause: error });
    }
  };
  return {
    description: cipher.description,
    get: async (account) => {
      const stored = await inner.get(account);
      if (stored === null || stored === '') return null;
      let opened: Awaited<ReturnType<StringCipher['decrypt']>>;
      try {
        opened = await cipher.decrypt(Buffer.from(stored, 'base64'));
      } catch {
        return null;
      }
      // Best effort: the secret is read either way, and the next write uses the new key.
      if (opened.shouldReEncrypt) await seal(opened.text).then((sealed) => inner.set(account, sealed)).catch(() => undefined);
      return opened.text;
    },
    set: async (account, secret) => {
      await inner.set(account, await seal(secret));
    },
  };
}
