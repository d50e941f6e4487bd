import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiEvent, SessionSummary } from '../../../core/api.js';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import type { KeysCache } from '../../../core/credentials/keys-cache.js';
import { createKeysCache } from '../../../core/credentials/keys-cache.js';
import { createSessionKeysCache } from '../../../core/desktop/session-keys-cache.js';
import type { CaptureRequest, CapturedLogin, LoginBrowser } from '../../../core/login/login-browser.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { demoRoles, roleAttributeValue, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { manualClock } from '../../support/manual-clock.js';
import { memoryStore } from '../../support/memory-secret-store.js';

// Switch role: the session in use stays in force (keys served to credential_process, cached for the next start, expiry
// timers running) until another role is picked; a closed picker, a cancelled sign-in or a refused role puts it back.

const dba = demoRoles.dba.roleArn;
const reader = demoRoles.reader.roleArn;

let sts: StsEmulator;
let folder: string;
let clock: ReturnType<typeof manualClock>;
let service: SessionService;
let events: ApiEvent[];
let shared: KeysCache;
let sessions: ReturnType<typeof memoryStore>;
let captures: CaptureRequest[];
/** The next capture waits until the host aborts it (the person is still at the IdP's page). */
let holdNext: boolean;

const loginBrowser: LoginBrowser = {
  capture: async (request) => {
    captures.push(request);
    if (holdNext) {
      holdNext = false;
      return await new Promise<CapturedLogin>((_resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      });
    }
    const roles = [demoRoles.dba, demoRoles.reader].map((role) => roleAttributeValue(role));
    return { samlResponse: buildSamlResponseBase64({ roles, subject: 'alice@demo.test' }), relayState: null, acsUrl: 'https://signin.aws.amazon.com/saml' };
  },
  forget: () => Promise.resolve(),
};

beforeAll(async () => {
  sts = await startDemoSts();
});

afterAll(async () => {
  await sts.close();
});

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-switch-'));
  const store = createConnectionStore(path.join(folder, 'connections.json'));
  await store.add({ id: 'demo', name: 'Demo Corp', idpUrl: 'https://idp.demo.test/sso/aws' });
  // An AWS profile runs credential_process for the DBA role: its keys are shared while that session is in force.
  const config = path.join(folder, 'aws', 'config');
  await mkdir(path.dirname(config), { recursive: true });
  await writeFile(config, `[profile atlas-dba]\ncredential_process = atlas-sso credential-process --connection demo --role ${dba}\n`);
  clock = manualClock();
  events = [];
  captures = [];
  holdNext = false;
  // Both caches on real time: an entry is gone only when the service wipes it, not because the test clock moved.
  shared = createKeysCache({ stores: [memoryStore()] });
  sessions = memoryStore();
  service = createSessionService({
    store,
    loginBrowser,
    terminal: { open: () => Promise.resolve({ terminal: 'none' }) },
    env: { AWS_ENDPOINT_URL_STS: sts.url, HOME: folder, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'), PATH: '' },
    platform: 'linux',
    clock,
    appVersion: '0.0.0-test',
    host: 'electron',
    keysCache: createSessionKeysCache({ store: sessions }),
    credentialProcessKeys: shared,
  });
  service.subscribe((event) => events.push(event));
});

afterEach(async () => {
  service.close();
  await rm(folder, { recursive: true, force: true });
});

async function signedInAsDba(): Promise<SessionSummary> {
  await service.signIn({ connectionId: 'demo' });
  return await service.pickRole({ connectionId: 'demo', roleArn: dba });
}

/** What credential_process would hand out for the DBA profile, once the service's queued cache writes have run. */
async function servedToCredentialProcess(): Promise<string | undefined> {
  await new Promise((settled) => setTimeout(settled, 50));
  return (await shared.get({ connectionId: 'demo', role: dba }))?.accessKeyId;
}

async function status(): Promise<string | undefined> {
  return (await service.listConnections({})).sessions[0]?.status;
}

describe('Switch role', () => {
  it('keeps the session in use while the roles are offered, and a closed picker (cancelSignIn) puts it back, keys and all', async () => {
    const before = await signedInAsDba();
    const keys = await service.revealKeys({ connectionId: 'demo' });
    expect(await servedToCredentialProcess()).toBe(keys.accessKeyId);

    const roles = await service.signIn({ connectionId: 'demo' });
    expect(roles.groups.flatMap((group) => group.roles).map((role) => role.roleArn)).toContain(reader);
    expect(await status()).toBe('roles-ready');
    // Still served while the person chooses: an SDK starting now gets the DBA keys, not an error.
    expect(await servedToCredentialProcess()).toBe(keys.accessKeyId);

    await service.cancelSignIn({ connectionId: 'demo' });
    expect(await status()).toBe('signed-in');
    expect(events.at(-1)).toEqual({ type: 'sessionChanged', connectionId: 'demo', state: { status: 'signed-in', connectionId: 'demo', session: before } });
    expect((await service.revealKeys({ connectionId: 'demo' })).accessKeyId).toBe(keys.accessKeyId);
    expect(await servedToCredentialProcess()).toBe(keys.accessKeyId);
    expect([...sessions.entries.values()].join('')).toContain(keys.accessKeyId);

    // Its timers were never stopped: it still warns and expires on time.
    clock.advance(Date.parse(before.expiresAt) - clock.now().getTime() + 1000);
    expect(events.filter((event) => event.type === 'sessionExpiring' || event.type === 'sessionExpired').map((event) => event.type)).toEqual(['sessionExpiring', 'sessionExpired']);
    expect(await status()).toBe('signed-out');
    expect(await servedToCredentialProcess()).toBeUndefined();
  });

  it('replaces the kept session once another role is picked: its keys are no longer served', async () => {
    await signedInAsDba();
    const dbaKeys = await service.revealKeys({ connectionId: 'demo' });
    await service.signIn({ connectionId: 'demo' });
    expect(await servedToCredentialProcess()).toBe(dbaKeys.accessKeyId);
    const switched = await service.pickRole({ connectionId: 'demo', roleArn: reader });
    expect(switched.roleArn).toBe(reader);
    expect((await service.revealKeys({ connectionId: 'demo' })).accessKeyId).not.toBe(dbaKeys.accessKeyId);
    expect(await servedToCredentialProcess()).toBeUndefined();
    // The old session's timers stopped with it: one expiry, the new session's.
    clock.advance(2 * 3600_000);
    expect(events.filter((event) => event.type === 'sessionExpired')).toHaveLength(1);
  });

  it('puts the kept session back when the sign-in for the switch is cancelled at the IdP', async () => {
    const before = await signedInAsDba();
    clock.advance(6 * 60_000); // the session's assertion is past its 5 minutes: the switch signs in again
    holdNext = true;
    const switching = service.signIn({ connectionId: 'demo' });
    await expect.poll(() => captures.length).toBe(2);
    expect(await status()).toBe('signing-in');
    await service.cancelSignIn({ connectionId: 'demo' });
    expect(captures[1]?.signal?.aborted).toBe(true);
    await expect(switching).rejects.toThrow();
    expect((await service.listConnections({})).sessions[0]).toEqual({ status: 'signed-in', connectionId: 'demo', session: before });
    expect(await servedToCredentialProcess()).toBeDefined();
  });

  it('puts the kept session back when STS refuses the new role', async () => {
    const before = await signedInAsDba();
    const keys = await service.revealKeys({ connectionId: 'demo' });
    await service.signIn({ connectionId: 'demo' });
    sts.injectFault({ kind: 'expired' });
    await expect(service.pickRole({ connectionId: 'demo', roleArn: reader })).rejects.toMatchObject({ code: 'sts-expired-assertion' });
    expect((await service.listConnections({})).sessions[0]).toEqual({ status: 'signed-in', connectionId: 'demo', session: before });
    expect(await servedToCredentialProcess()).toBe(keys.accessKeyId);
  });

  it('lets the kept session expire on time while the picker is open; closing the picker then signs out', async () => {
    const before = await signedInAsDba();
    await service.signIn({ connectionId: 'demo' });
    expect(await servedToCredentialProcess()).toBeDefined();
    clock.advance(Date.parse(before.expiresAt) - clock.now().getTime() + 1000);
    expect(await status()).toBe('roles-ready');
    expect(events.some((event) => event.type === 'sessionExpired')).toBe(false);
    expect(await servedToCredentialProcess()).toBeUndefined();
    await service.cancelSignIn({ connectionId: 'demo' });
    expect(await status()).toBe('signed-out');
  });

  it('signing out during a switch ends the kept session too', async () => {
    await signedInAsDba();
    await service.signIn({ connectionId: 'demo' });
    expect(await servedToCredentialProcess()).toBeDefined();
    await service.signOut({ connectionId: 'demo' });
    expect(await status()).toBe('signed-out');
    expect(await servedToCredentialProcess()).toBeUndefined();
    await expect(service.revealKeys({ connectionId: 'demo' })).rejects.toMatchObject({ code: 'session-signed-out' });
  });
});
