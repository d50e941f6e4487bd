import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../core/api.js';
import type { ConnectionStore } from '../../../core/connections/connection-store.js';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import type { SecretStore } from '../../../core/credentials/keys-cache.js';
import { createEncryptedFileStore } from '../../../core/credentials/keys-cache-file.js';
import type { StringCipher } from '../../../core/desktop/encrypted-secret-store.js';
import { encryptedSecretStore } from '../../../core/desktop/encrypted-secret-store.js';
import { createSessionKeysCache } from '../../../core/desktop/session-keys-cache.js';
import type { LoginBrowser } from '../../../core/login/login-browser.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { demoRoles, roleAttributeValue, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { manualClock } from '../../support/manual-clock.js';
import { memoryStore } from '../../support/memory-secret-store.js';


/** Real AES-256-GCM with a key held in memory, standing in for safeStorage (which only Electron has). */
function testCipher(): StringCipher {
  const key = randomBytes(32);
  return {
    description: 'the test cipher',
    encrypt: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), data]));
    },
    decrypt: (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Promise.resolve({ text: Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'), shouldReEncrypt: false });
    },
  };
}


const roles = [demoRoles.dba, demoRoles.reader].map((role) => roleAttributeValue(role));

let sts: StsEmulator;
let folder: string;
let store: ConnectionStore;
let captures: number;
let clock: ReturnType<typeof manualClock>;
const services: SessionService[] = [];

const loginBrowser: LoginBrowser = {
  capture: () => {
    captures += 1;
    return Promise.resolve({ samlResponse: buildSamlResponseBase64({ roles, subject: 'alice@demo.test' }), relayState: null, acsUrl: 'https://signin.aws.amazon.com/saml' });
  },
  forget: () => Promise.resolve(),
};

/** One run of the app: a new service over the same connections file and secret store, as after a restart. */
function startApp(secrets: SecretStore, cacheNow?: () => Date): { readonly service: SessionService; readonly events: ApiEvent[] } {
  const service = createSessionService({
    store,
    loginBrowser,
    terminal: { open: () => Promise.resolve({ terminal: 'none' }) },
    env: { AWS_ENDPOINT_URL_STS: sts.url, HOME: folder, AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'), PATH: '' },
    platform: 'linux',
    clock,
    appVersion: '0.0.0-test',
    host: 'electron',
    keysCache: createSessionKeysCache({ store: secrets, ...(cacheNow === undefined ? {} : { now: cacheNow }) }),
  });
  const events: ApiEvent[] = [];
  service.subscribe((event) => events.push(event));
  services.push(service);
  return { service, events };
}

async function signInAs(service: SessionService, roleArn: string = demoRoles.dba.roleArn) {
  await service.signIn({ connectionId: 'demo' });
  return await service.pickRole({ connectionId: 'demo', roleArn });
}

beforeAll(async () => {
  sts = await startDemoSts();
});

afterAll(async () => {
  await sts.close();
});

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-session-keys-'));
  store = createConnectionStore(path.join(folder, 'connections.json'));
  await store.add({ id: 'demo', name: 'Demo Corp', idpUrl: 'https://idp.demo.test/sso/aws' });
  captures = 0;
  clock = manualClock();
});

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  await rm(folder, { recursive: true, force: true });
});

const stores: readonly (readonly [string, () => SecretStore])[] = [
  ['an in-memory SecretStore', () => memoryStore()],
  ['the encrypted file store of core/credentials under the OS cipher', () => encryptedSecretStore(createEncryptedFileStore(path.join(folder, 'desktop-sessions')), testCipher())],
];

describe.each(stores)('the session service with a keys cache in %s', (_name, makeStore) => {
  it('restores a signed-in session after a restart, with no sign-in and no STS call, and it still refreshes', async () => {
    const secrets = makeStore();
    const first = startApp(secrets).service;
    const summary = await signInAs(first);
    const keys = await first.revealKeys({ connectionId: 'demo' });
    first.close();
    const issuedBefore = sts.issued.size;

    const { service: second, events } = startApp(secrets);
    expect(await second.restoreCachedSessions()).toEqual(['demo']);
    expect(captures).toBe(1);
    expect(sts.issued.size).toBe(issuedBefore);
    expect((await second.listConnections({})).sessions).toEqual([{ status: 'signed-in', connectionId: 'demo', session: summary }]);
    expect(await second.revealKeys({ connectionId: 'demo' })).toEqual(keys);
    expect(events.map((event) => event.type)).toEqual(['sessionChanged']);

    // The restored session knows its role and SAML provider: a refresh assumes it again.
    const refreshed = await second.refresh({ connectionId: 'demo' });
    expect(refreshed.roleArn).toBe(demoRoles.dba.roleArn);
    expect((await second.revealKeys({ connectionId: 'demo' })).accessKeyId).not.toBe(keys.accessKeyId);
  });

  it('wipes the keys on sign-out: the next start is signed out', async () => {
    const secrets = makeStore();
    const first = startApp(secrets).service;
    await signInAs(first);
    await first.signOut({ connectionId: 'demo' });
    first.close();
    const second = startApp(secrets).service;
    expect(await second.restoreCachedSessions()).toEqual([]);
    expect((await second.listConnections({})).sessions[0]?.status).toBe('signed-out');
  });

  it('keeps the newest session when the role changes, and wipes when the connection is removed', async () => {
    const secrets = makeStore();
    const first = startApp(secrets).service;
    await signInAs(first);
    await signInAs(first, demoRoles.reader.roleArn);
    first.close();
    const second = startApp(secrets).service;
    await second.restoreCachedSessions();
    expect((await second.revealKeys({ connectionId: 'demo' })).accessKeyId).toBe([...sts.issued.keys()].at(-1));
    await second.removeConnection({ connectionId: 'demo' });
    await store.add({ id: 'demo', name: 'Demo Corp', idpUrl: 'https://idp.demo.test/sso/aws' });
    expect(await startApp(secrets).service.restoreCachedSessions()).toEqual([]);
  });
});

describe('what the keys cache holds', () => {
  it('restores keys only while they have more than 10 minutes left', async () => {
    const secrets = memoryStore();
    const summary = await signInAs(startApp(secrets).service);
    const expiresAt = Date.parse(summary.expiresAt);
    expect(await startApp(secrets, () => new Date(expiresAt - 11 * 60_000)).service.restoreCachedSessions()).toEqual(['demo']);
    expect(await startApp(secrets, () => new Date(expiresAt - 9 * 60_000)).service.restoreCachedSessions()).toEqual([]);
  });

  it('wipes the keys when the session expires, and keeps them when the app quits', async () => {
    const secrets = memoryStore();
    const { service, events } = startApp(secrets);
    const summary = await signInAs(service);
    const { secretAccessKey, sessionToken } = await service.revealKeys({ connectionId: 'demo' });
    expect(secrets.entries.get('desktop-session|demo')).toContain(sessionToken);
    clock.advance(Date.parse(summary.expiresAt) - clock.now().getTime() + 1000);
    expect(events.at(-1)?.type).toBe('sessionExpired');
    // Wipes are written in order after the event: wait for the entry to be overwritten.
    await service.signOut({ connectionId: 'demo' });
    expect(secrets.entries.get('desktop-session|demo')).toBe('');
    expect([...secrets.entries.values()].join()).not.toContain(secretAccessKey);
  });

  it('never writes a key in clear to disk through the file store', async () => {
    const folderOf = path.join(folder, 'desktop-sessions');
    const service = startApp(encryptedSecretStore(createEncryptedFileStore(folderOf), testCipher())).service;
    await signInAs(service);
    const { accessKeyId, secretAccessKey, sessionToken } = await service.revealKeys({ connectionId: 'demo' });
    const files = await readdir(folderOf);
    expect(files.length).toBeGreaterThan(0);
    const everything = (await Promise.all(files.map((file) => readFile(path.join(folderOf, file), 'utf8')))).join('\n');
    for (const secret of [accessKeyId, secretAccessKey, sessionToken]) expect(everything).not.toContain(secret);
  });

  it('signs in even when the cache cannot be written, and says so as an error event', async () => {
    const broken: SecretStore = { description: 'broken', get: () => Promise.resolve(null), set: () => Promise.reject(new Error('disk full')) };
    const { service, events } = startApp(broken);
    const summary = await signInAs(service);
    expect(summary.roleArn).toBe(demoRoles.dba.roleArn);
    expect(events.some((event) => event.type === 'error' && event.connectionId === 'demo')).toBe(true);
    expect((await service.listConnections({})).sessions[0]?.status).toBe('signed-in');
  });
});
