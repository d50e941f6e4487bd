import { describe, expect, it } from 'vitest';
import type { LinuxStorageBackend } from '../../../core/desktop/secret-storage-policy.js';
import { secretStoragePolicy } from '../../../core/desktop/secret-storage-policy.js';

describe('secretStoragePolicy', () => {
  it.each<LinuxStorageBackend>(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])('keeps sessions on Linux with a keyring (%s)', (backend) => {
    expect(secretStoragePolicy({ platform: 'linux', backend, encryptionAvailable: true })).toEqual({ keep: true });
  });

  it("refuses Linux's plain-text backend and says the keys would be stored unencrypted", () => {
    const policy = secretStoragePolicy({ platform: 'linux', backend: 'basic_text', encryptionAvailable: true });
    expect(policy.keep).toBe(false);
    expect(!policy.keep && policy.reason).toMatch(/no keyring .* would be stored unencrypted: .*memory only.*sign in again/i);
  });

  it('refuses when the Linux backend is not known yet', () => {
    expect(secretStoragePolicy({ platform: 'linux', backend: 'unknown', encryptionAvailable: true }).keep).toBe(false);
    expect(secretStoragePolicy({ platform: 'linux', backend: undefined, encryptionAvailable: true }).keep).toBe(false);
  });

  it('keeps sessions on macOS and Windows, where the OS always encrypts, unless encryption is unavailable', () => {
    expect(secretStoragePolicy({ platform: 'darwin', backend: undefined, encryptionAvailable: true })).toEqual({ keep: true });
    expect(secretStoragePolicy({ platform: 'win32', backend: undefined, encryptionAvailable: true })).toEqual({ keep: true });
    const unavailable = secretStoragePolicy({ platform: 'darwin', backend: undefined, encryptionAvailable: false });
    expect(!unavailable.keep && unavailable.reason).toMatch(/encryption .* not available/);
    expect(secretStoragePolicy({ platform: 'linux', backend: 'gnome_libsecret', encryptionAvailable: false }).keep).toBe(false);
  });
});
