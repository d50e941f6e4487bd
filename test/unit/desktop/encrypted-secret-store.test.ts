import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../../../core/credentials/keys-cache-file.js';
import type { StringCipher } from '../../../core/desktop/encrypted-secret-store.js';
import { encryptedSecretStore } from '../../../core/desktop/encrypted-secret-store.js';

/** A reversible stand-in for safeStorage whose output never shows the text, with a key version to rotate. */
function xorCipher(options: { version: number; failEncrypt?: boolean }): StringCipher & { encryptions: number } {
  const cipher = {
    encryptions: 0,
    description: 'the test cipher',
    encrypt: (text: string) => {
      if (options.failEncrypt === true) return Promise.reject(new Error('keychain locked'));
      cipher.encryptions += 1;
      return Promise.resolve(Buffer.concat([Buffer.from([options.version]), Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)]));
    },
    decrypt: (data: Buffer) => {
      if (data.length === 0 || (data[0] ?? 0) > options.version) return Promise.reject(new Error('cannot decrypt'));
      return Promise.resolve({ text: Buffer.from(data.subarray(1).map((byte) => byte ^ 0x5a)).toString('utf8'), shouldReEncrypt: data[0] !== options.version });
    },
  };
  return cipher;
}

let folder: string;
let files: SecretStore;

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-encrypted-store-'));
  files = createEncryptedFileStore(path.join(folder, 'desktop-sessions'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function everythingOnDisk(): Promise<string> {
  const dir = path.join(folder, 'desktop-sessions');
  return (await Promise.all((await readdir(dir)).map((file) => readFile(path.join(dir, file), 'latin1')))).join('\n');
}

describe('encryptedSecretStore over the real file store', () => {
  it('round-trips a secret that never reaches the files as text', async () => {
    const store = encryptedSecretStore(files, xorCipher({ version: 1 }));
    await store.set('desktop-session|acme', 'SECRET-session-token');
    expect(await store.get('desktop-session|acme')).toBe('SECRET-session-token');
    expect(await store.get('desktop-session|other')).toBeNull();
    expect(await everythingOnDisk()).not.toContain('SECRET');
    expect(store.description).toBe('the test cipher');
  });

  it('stores a wipe as nothing, without encrypting it', async () => {
    const cipher = xorCipher({ version: 1 });
    const store = encryptedSecretStore(files, cipher);
    await store.set('a', 'SECRET');
    await store.set('a', '');
    expect(await store.get('a')).toBeNull();
    expect(await files.get('a')).toBe('');
    expect(cipher.encryptions).toBe(1);
  });

  it('treats what the OS cannot decrypt as missing', async () => {
    await encryptedSecretStore(files, xorCipher({ version: 2 })).set('a', 'SECRET');
    expect(await encryptedSecretStore(files, xorCipher({ version: 1 })).get('a')).toBeNull();
    await files.set('b', 'not base64 of anything ✗');
    expect(await encryptedSecretStore(files, xorCipher({ version: 1 })).get('b')).toBeNull();
  });

  it('rewrites an entry under the new key when the OS rotated it', async () => {
    await encryptedSecretStore(files, xorCipher({ version: 1 })).set('a', 'SECRET');
    const rotated = xorCipher({ version: 2 });
    expect(await encryptedSecretStore(files, rotated).get('a')).toBe('SECRET');
    expect(rotated.encryptions).toBe(1);
    expect(Buffer.from((await files.get('a')) ?? '', 'base64')[0]).toBe(2);
  });

  it('says plainly when it cannot encrypt, and holds no secret in the message', async () => {
    const store = encryptedSecretStore(files, xorCipher({ version: 1, failEncrypt: true }));
    const failure = await store.set('a', 'SECRET').then(() => undefined, (error: unknown) => error as Error & { code?: string });
    expect(failure?.code).toBe('credentials-file-io');
    expect(failure?.message).toMatch(/Could not encrypt the keys .* sign in again after a restart/);
    expect(failure?.message).not.toContain('SECRET');
  });
});
