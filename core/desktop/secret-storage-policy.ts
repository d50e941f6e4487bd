/** Electron's safeStorage backends on Linux (getSelectedStorageBackend). */
export type SafeStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export type SecretStorageVerdict = { readonly usable: true } | { readonly usable: false; readonly reason: string };

/**
 * Whether safeStorage really protects what we give it. On Linux without a keyring (no Secret Service, no KWallet)
 * Chromium falls back to `basic_text`: a hard-coded key that any process of the user can undo, so the keys would
 * effectively sit on disk in clear. Then we keep nothing on disk and the person signs in again after a restart.
 */
export function secretStorageVerdict(platform: NodeJS.Platform, available: boolean, backend: SafeStorageBackend | undefined): SecretStorageVerdict {
  if (!available) return { usable: false, reason: 'This computer offers no encryption for app secrets, so keys are kept in memory only.' };
  if (platform === 'linux' && (backend === 'basic_text' || backend === 'unknown' || backend === undefined)) {
    return {
      usable: false,
      reason: 'No keyring (GNOME Keyring, KWallet) is running, and its stand-in only obscures secrets, so keys are kept in memory only. Start a keyring to keep them across restarts.',
    };
  }
  return { usable: true };
}
