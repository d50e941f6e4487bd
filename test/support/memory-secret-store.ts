import type { SecretStore } from '../../core/credentials/keys-cache.js';

/** The thinnest SecretStore: what an OS keychain would hold, in a Map the test can read. */
export function memoryStore(): SecretStore & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    description: 'memory',
    entries,
    get: (account) => Promise.resolve(entries.get(account) ?? null),
    set: (account, secret) => {
      entries.set(account, secret);
      return Promise.resolve();
    },
  };
}
