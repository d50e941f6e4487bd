import { AtlasSsoError } from '../errors.js';
import type { SecretStore } from './keys-cache.js';

/**
 * Reading, writing and wiping one account across secret stores in order of preference (the OS keychain, then the
 * encrypted file): a store that throws is skipped, as when there is no Secret Service on this Linux or the keychain
 * is locked.
 */

/** The first value `parse` accepts, reading the stores in order; undefined when none holds one. */
export async function readFirstAccepted<T>(stores: readonly SecretStore[], account: string, parse: (text: string) => T | undefined): Promise<T | undefined> {
  for (const store of stores) {
    let text: string | null;
    try {
      text = await store.get(account);
    } catch {
      continue;
    }
    const value = text === null ? undefined : parse(text);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Writes to the first store that takes it and returns that store; throws the last store's failure (the file's: one a person can fix). */
export async function writeFirstAccepting(stores: readonly SecretStore[], account: string, secret: string): Promise<SecretStore> {
  let failure: unknown = new AtlasSsoError('credentials-file-io', 'There is no place to keep secrets on this computer.');
  for (const store of stores) {
    try {
      await store.set(account, secret);
      return store;
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

/** Overwrites the account with nothing wherever it is kept (a SecretStore has no delete); never throws. */
export async function wipeEverywhere(stores: readonly SecretStore[], account: string): Promise<void> {
  await Promise.all(
    stores.map(async (store) => {
      if ((await store.get(account).catch(() => null)) !== null) await store.set(account, '').catch(() => undefined);
    }),
  );
}
