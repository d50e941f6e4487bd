/** What Electron's `safeStorage.getSelectedStorageBackend()` reports on Linux ('unknown' before the app is ready). */
export type LinuxStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Whether signed-in sessions may be kept for the next start, and when not, the sentence that says why. */
export type SecretStoragePolicy = { readonly keep: true } | { readonly keep: false; readonly reason: string };

export interface SecretStorageFacts {
  readonly platform: NodeJS.Platform;
  /** Linux only; undefined elsewhere (the Keychain on macOS and DPAPI on Windows need no choice). */
  readonly backend: LinuxStorageBackend | undefined;
  /** `safeStorage.isAsyncEncryptionAvailable()`. */
  readonly encryptionAvailable: boolean;
}

const memoryOnly = 'Atlas SSO keeps your keys in memory only, so you will sign in again after the app restarts.';

/**
 * Keys rest on disk only when the OS encrypts them. On Linux without a keyring (GNOME Keyring, KWallet) Electron
 * falls back to `basic_text`, a key hard-coded in Chromium: that is plain text to anyone who can read the file.
 */
export function secretStoragePolicy(facts: SecretStorageFacts): SecretStoragePolicy {
  if (facts.platform === 'linux' && facts.backend === 'basic_text') {
    return { keep: false, reason: `No keyring (GNOME Keyring or KWallet) is running in this desktop session, so the keys would be stored unencrypted: ${memoryOnly}` };
  }
  if (facts.platform === 'linux' && (facts.backend === undefined || facts.backend === 'unknown')) {
    return { keep: false, reason: `Could not tell which keyring this desktop session uses, so the keys might be stored unencrypted: ${memoryOnly}` };
  }
  if (!facts.encryptionAvailable) {
    return { keep: false, reason: `The operating system's encryption for app secrets is not available: ${memoryOnly}` };
  }
  return { keep: true };
}
