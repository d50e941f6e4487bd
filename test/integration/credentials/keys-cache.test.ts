import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitedPid } from '../../support/exited-pid.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import type { SecretStore } from '../../../core/credentials/keys-cache.js';
import { createKeysCache } from '../../../core/credentials/keys-cache.js';
import { keysCacheAccount, reuseMarginMs, serializeCachedKeys } from '../../../core/credentials/keys-cache-entry.js';
import { createEncryptedFileStore } from '../../../core/credentials/keys-cache-file.js';
import { createOsKeychainStore } from '../../../core/credentials/keys-cache-keychain.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function cacheFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'atlas-sso-keys-cache-'));
  folders.push(folder);
  return join(folder, 'keys-cache');
}

const now = new Date('2026-11-29T10:00:00Z');
const keys = (minutesLeft: number): TemporaryCredentials => ({
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'secret/with+chars=',
  sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN'.repeat(20),
  expiration: new Date(now.getTime() + minutesLeft * 60_000),
});
const dba = { connectionId: 'acme', role: 'arn:aws:iam::012345678901:role/AtlasDba' };
const reader = { connectionId: 'acme', role: 'arn:aws:iam::012345678901:role/Reader' };

/** The OS keychain as this machine has it: Linux with no Secret Service (no D-Bus session). */
const thisMachinesKeychain = (env: NodeJS.ProcessEnv = {}): SecretStore => createOsKeychainStore('linux', env);

describe('keys cache', () => {
  it('falls back to the encrypted file when the keychain cannot be used, and reads the keys back', async () => {
    const folder = await cacheFolder();
    const cache = createKeysCache({ stores: [thisMachinesKeychain(), createEncryptedFileStore(folder)], now: () => now });
    expect(await cache.put(dba, keys(60))).toBe(`the encrypted cache file in ${folder}`);
    expect(await cache.get(dba)).toEqual(keys(60));
    expect(await cache.get(reader)).toBeUndefined();
    expect(await createKeysCache({ stores: [createEncryptedFileStore(folder)], now: () => now }).get({ ...dba, connectionId: 'other' })).toBeUndefined();
  });

  it('also falls back when the keychain library itself fails (a D-Bus address with nothing behind it)', async () => {
    const keychain = thisMachinesKeychain({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmpdir(), 'no-such-bus')}` });
    await expect(keychain.get('probe')).rejects.toThrow();
    const cache = createKeysCache({ stores: [keychain, createEncryptedFileStore(await cacheFolder())], now: () => now });
    await cache.put(dba, keys(60));
    expect(await cache.get(dba)).toEqual(keys(60));
  });

  it('forgets an entry in every store that holds it, leaving the others, and a store that fails does not stop it', async () => {
    const folder = await cacheFolder();
    const cache = createKeysCache({ stores: [thisMachinesKeychain(), createEncryptedFileStore(folder)], now: () => now });
    await cache.put(dba, keys(60));
    await cache.put(reader, keys(60));
    await cache.forget(dba);
    expect(await cache.get(dba)).toBeUndefined();
    expect(await cache.get(reader)).toEqual(keys(60));
    const files = await readdir(folder);
    await cache.forget({ connectionId: 'acme', role: 'never-cached' });
    expect(await readdir(folder)).toEqual(files);
  });

  it("forgets all of a connection's entries: those it put, and those under roles the caller names, leaving other connections'", async () => {
    const folder = await cacheFolder();
    const store = createEncryptedFileStore(folder);
    const cache = createKeysCache({ stores: [thisMachinesKeychain(), store], now: () => now });
    const other = { connectionId: 'other', role: dba.role };
    for (const key of [dba, reader, other]) await cache.put(key, keys(60));
    // An entry the index does not list (written by a run that lost the race to update it).
    const unlisted = { connectionId: 'acme', role: 'AtlasDba' };
    await store.set(keysCacheAccount(unlisted), serializeCachedKeys(unlisted, keys(60)));
    await cache.forgetConnection('acme', ['AtlasDba']);
    for (const key of [dba, reader, unlisted]) expect(await cache.get(key)).toBeUndefined();
    expect(await cache.get(other)).toEqual(keys(60));
    // The same name cached again is found again.
    await cache.put(dba, keys(60));
    await cache.forgetConnection('acme', []);
    expect(await cache.get(dba)).toBeUndefined();
  });

  it('reuses keys until 10 minutes before they expire', async () => {
    const folder = await cacheFolder();
    const at = (time: Date) => createKeysCache({ stores: [createEncryptedFileStore(folder)], now: () => time });
    await at(now).put(dba, keys(30));
    expect(await at(new Date(now.getTime() + 30 * 60_000 - reuseMarginMs - 1000)).get(dba)).toEqual(keys(30));
    expect(await at(new Date(now.getTime() + 30 * 60_000 - reuseMarginMs)).get(dba)).toBeUndefined();
  });

  it('writes 0600 files in a 0700 folder, with no key in clear', async () => {
    const folder = await cacheFolder();
    await createKeysCache({ stores: [createEncryptedFileStore(folder)] }).put(dba, keys(60));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const files = await readdir(folder);
    // The entry, the connection's list of cached roles, and the key.
    expect(files.filter((file) => /^[0-9a-f]{40}\.json$/.test(file))).toHaveLength(2);
    expect(files).toContain('cache.key');
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect((await stat(join(folder, file))).mode & 0o777).toBe(0o600);
      const text = await readFile(join(folder, file), 'latin1');
      expect(text).not.toContain(keys(60).secretAccessKey);
      expect(text).not.toContain('FwoGZXIvYXdz');
    }
  });

  it('ignores a corrupt entry, a foreign entry and a damaged key, and replaces them on the next write', async () => {
    const folder = await cacheFolder();
    const cache = createKeysCache({ stores: [createEncryptedFileStore(folder)], now: () => now });
    await cache.put(dba, keys(60));
    await cache.put(reader, { ...keys(60), accessKeyId: 'ASIAREADER' });
    const entries = (await readdir(folder)).filter((file) => file.endsWith('.json'));
    const [first = '', second = ''] = entries;

    // Foreign: another entry's file put in this one's place fails authentication.
    await rename(join(folder, second), join(folder, first));
    expect(await cache.get(dba)).toBeUndefined();
    expect(await cache.get(reader)).toBeUndefined();
    await cache.put(dba, keys(60));
    await cache.put(reader, keys(60));
    expect(await cache.get(dba)).toEqual(keys(60));

    // Corrupt: not JSON, or a flipped byte.
    const dbaFile = (await readdir(folder)).filter((file) => file.endsWith('.json'));
    for (const file of dbaFile) await writeFile(join(folder, file), '{"version":1,"iv":"AAAA","tag":"AAAA","data":"AAAA"}');
    expect(await cache.get(dba)).toBeUndefined();
    await cache.put(dba, keys(45));
    expect(await cache.get(dba)).toEqual(keys(45));

    // A damaged key: every entry stops decrypting, and the next write makes a new key.
    await writeFile(join(folder, 'cache.key'), 'short');
    expect(await cache.get(dba)).toBeUndefined();
    await cache.put(dba, keys(50));
    expect((await readFile(join(folder, 'cache.key'))).length).toBe(32);
    expect(await cache.get(dba)).toEqual(keys(50));
  });

  it('says which folder could not be written when there is nowhere to cache', async () => {
    const parent = await cacheFolder();
    await writeFile(parent, 'a file where the folder should be');
    const cache = createKeysCache({ stores: [thisMachinesKeychain(), createEncryptedFileStore(join(parent, 'sub'))] });
    await expect(cache.put(dba, keys(60))).rejects.toMatchObject({ code: 'credentials-file-io', message: expect.stringContaining(join(parent, 'sub')) as unknown });
  });

  it('removes temp files of writers that died, and only those: its own names, this user\'s files, no live writer\'s', async () => {
    const folder = await cacheFolder();
    const store = createEncryptedFileStore(folder);
    await store.set('first', 'secret-1');
    const entry = (await readdir(folder)).find((name) => name.endsWith('.json')) ?? '';
    const dead = await exitedPid();
    const deadWriters = [`${entry}.${dead}-0123456789ab.tmp`, `cache.key.${dead}-ba9876543210.tmp`];
    const kept = [`${entry}.${process.pid}-0123456789ab.tmp`, `notes.${dead}-0123456789ab.tmp`, `${entry}.${dead}-xyz.tmp`];
    for (const name of [...deadWriters, ...kept]) await writeFile(join(folder, name), 'torn');
    if (process.getuid?.() === 0) {
      const someoneElses = `${entry}.${dead}-aaaaaaaaaaaa.tmp`;
      await writeFile(join(folder, someoneElses), 'theirs');
      await chown(join(folder, someoneElses), 4321, 4321);
      kept.push(someoneElses);
    }
    await store.set('second', 'secret-2');
    const left = await readdir(folder);
    for (const name of deadWriters) expect(left).not.toContain(name);
    for (const name of kept) expect(left).toContain(name);
    expect(await store.get('first')).toBe('secret-1');
  });

  it('narrows an existing folder with wider permissions to 0700 before writing', async () => {
    const folder = await cacheFolder();
    await mkdir(folder, { mode: 0o755 });
    await chmod(folder, 0o755);
    await createEncryptedFileStore(folder).set('first', 'secret-1');
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('refuses a folder another user owns, writing nothing there', async (context) => {
    if (process.getuid?.() !== 0) context.skip('only root can give a folder to another user on this machine');
    const folder = await cacheFolder();
    await mkdir(folder, { mode: 0o700 });
    await chown(folder, 4321, 4321);
    await expect(createEncryptedFileStore(folder).set('first', 'secret-1')).rejects.toMatchObject({ code: 'credentials-file-io', message: expect.stringContaining(`${folder} belongs to another user`) as unknown });
    expect(await readdir(folder)).toEqual([]);
  });
});
