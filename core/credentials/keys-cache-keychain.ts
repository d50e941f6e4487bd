import { AtlasSsoError } from '../errors.js';
import type { SecretStore } from './keys-cache.js';

const service = 'Atlas SSO';

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) through @napi-rs/keyring,
 * loaded only when first used. On Linux the Secret Service is required: the library would otherwise fall back to the
 * kernel keyring, which forgets everything when the login session ends and is not shared between processes here, so
 * it would cache nothing. Without a D-Bus session bus there is no Secret Service to reach: that is known at once.
 */
export function createOsKeychainStore(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): SecretStore {
  const entry = async (account: string) => {
    if (platform === 'linux' && (env.DBUS_SESSION_BUS_ADDRESS ?? '') === '') {
      throw new AtlasSsoError('credentials-file-io', 'There is no Secret Service (no D-Bus session) to keep the keys in.');
    }
    const { Entry } = await import('@napi-rs/keyring');
    return new Entry(service, account, platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  };
  return {
    description: 'the OS keychain',
    get: async (account) => (await entry(account)).getPassword(),
    set: async (account, secret) => {
      (await entry(account)).setPassword(secret);
    },
  };
}
