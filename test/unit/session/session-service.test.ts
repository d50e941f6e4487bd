import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../core/api.js';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import type { AtlasSsoError } from '../../../core/errors.js';
import type { CaptureRequest, CapturedLogin, LoginBrowser } from '../../../core/login/login-browser.js';
import type { SessionService, SessionServicePorts } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { demoAccounts, demoRoles, roleAttributeValue, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { manualClock } from '../../support/manual-clock.js';


/**
 * The thinnest LoginBrowser seam: hands back a response signed by the Demo Corp IdP key, as the real browser would
 * after the person signed in. `holdNext` makes the next capture wait until the host aborts it, `pauseNext` until released.
 */
function signedResponseBrowser(roles: readonly string[]) {
  const captures: CaptureRequest[] = [];
  const forgotten: string[] = [];
  const issued: string[] = [];
  let hold = false;
  let gate: Promise<void> | undefined;
  const browser: LoginBrowser = {
    capture: async (request) => {
      captures.push(request);
      request.onProgress?.('starting-browser');
      if (hold) {
        hold = false;
        return await new Promise<CapturedLogin>((_resolve, reject) => {
          request.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        });
      }
      if (gate !== undefined) {
        await gate;
        gate = undefined;
      }
      const samlResponse = buildSamlResponseBase64({ roles, subject: 'alice@demo.test' });
      issued.push(samlResponse);
      request.onProgress?.('captured');
      return { samlResponse, relayState: null, acsUrl: 'https://signin.aws.amazon.com/saml' };
    },
    forget: (profileDir) => {
      forgotten.push(profileDir);
      return Promise.resolve();
    },
  };
  const pauseNext = (): (() => void) => {
    let release: () => void = () => undefined;
    gate = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  };
  return { browser, captures, forgotten, issued, holdNext: () => (hold = true), pauseNext };
}

const allRoles = [demoRoles.dba, demoRoles.reader, demoRoles.analyst].map((role) => roleAttributeValue(role));

let sts: StsEmulator;
let folder: string;
let login: ReturnType<typeof signedResponseBrowser>;
let clock: ReturnType<typeof manualClock>;
let ports: SessionServicePorts;
let service: SessionService;
let events: ApiEvent[];
const opened: string[] = [];

async function failure(promise: Promise<unknown>): Promise<AtlasSsoError> {
  return await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as AtlasSsoError,
  );
}

beforeAll(async () => {
  sts = await startDemoSts();
});

afterAll(async () => {
  await sts.close();
});

beforeEach(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-session-'));
  const store = createConnectionStore(path.join(folder, 'connections.json'));
  await store.add({
    id: 'demo',
    name: 'Demo Corp',
    idpUrl: 'https://idp.demo.test/sso/aws',
    clusters: [{ name: 'Demo cluster', uri: 'mongodb://127.0.0.1:27017/?directConnection=true' }],
    accountAliases: { [demoAccounts.production]: 'Production' },
  });
  login = signedResponseBrowser(allRoles);
  clock = manualClock();
  events = [];
  opened.length = 0;
  ports = {
    store,
    loginBrowser: login.browser,
    terminal: {
      open: ({ uri }) => {
        opened.push(uri);
        return Promise.resolve({ terminal: 'recorder' });
      },
    },
    env: {
      AWS_ENDPOINT_URL_STS: sts.url,
      HOME: folder,
      AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'),
      AWS_CONFIG_FILE: path.join(folder, 'aws', 'config'),
      PATH: '',
    },
    platform: 'linux',
    clock,
    appVersion: '0.0.0-test',
    host: 'browser',
  };
  service = createSessionService(ports);
  service.subscribe((event) => events.push(event));
});

afterEach(async () => {
  service.close();
  await rm(folder, { recursive: true, force: true });
});

async function signedIn(roleArn: string = demoRoles.dba.roleArn) {
  await service.signIn({ connectionId: 'demo' });
  return await service.pickRole({ connectionId: 'demo', roleArn });
}

describe('a connection that names a profile', () => {
  it('refuses a read-only credentials file before STS, and the sign-in stays usable once it is writable', async () => {
    await ports.store.update('demo', { profile: 'demo-profile' });
    const credentialsFile = path.join(folder, 'aws', 'credentials');
    await mkdir(path.dirname(credentialsFile));
    await writeFile(credentialsFile, '[mine]\n');
    await chmod(credentialsFile, 0o400);
    await service.signIn({ connectionId: 'demo' });
    const stsCalls = sts.requests.length;
    const error = await failure(service.pickRole({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn }));
    expect(error.message).toContain(`${credentialsFile} is read-only`);
    expect(sts.requests.length).toBe(stsCalls);
    await chmod(credentialsFile, 0o600);
    expect((await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn })).roleArn).toBe(demoRoles.dba.roleArn);
  });
});

describe('signIn', () => {
  it('returns the roles grouped by account with the aliases, and reports each step', async () => {
    const ready = await service.signIn({ connectionId: 'demo' });
    expect(ready.groups.map((group) => [group.accountId, group.accountAlias, group.roles.map((role) => role.rolePath)])).toEqual([
      [demoAccounts.production, 'Production', ['AtlasDba', 'team/AtlasReader']],
      [demoAccounts.analytics, null, ['Analyst']],
    ]);
    expect(ready.subject).toBe('alice@demo.test');
    expect(login.captures[0]?.startUrl).toBe('https://idp.demo.test/sso/aws');
    expect(login.captures[0]?.profileDir).toBe(path.join(folder, 'browser-profiles', 'demo'));
    expect(events.map((event) => event.type === 'sessionChanged' ? `changed:${event.state.status}` : event.type)).toEqual([
      'changed:signing-in',
      'signInProgress',
      'signInProgress',
      'changed:roles-ready',
      'rolesReady',
    ]);
    const listed = await service.listConnections({});
    expect(listed.sessions).toEqual([{ status: 'roles-ready', connectionId: 'demo', roles: ready }]);
  });

  it('joins a sign-in already under way instead of opening a second window', async () => {
    const release = login.pauseNext();
    const first = service.signIn({ connectionId: 'demo' });
    await vi.waitFor(() => expect(login.captures).toHaveLength(1));
    const second = service.signIn({ connectionId: 'demo' });
    release();
    expect(await second).toEqual(await first);
    expect(login.captures).toHaveLength(1);
  });

  it('is cancelled by cancelSignIn, and the connection is signed out', async () => {
    login.holdNext();
    const pending = service.signIn({ connectionId: 'demo' });
    // Cancel once the login window is open (signIn first reads the connections file).
    await vi.waitFor(() => expect(login.captures).toHaveLength(1));
    await service.cancelSignIn({ connectionId: 'demo' });
    expect(login.captures[0]?.signal?.aborted).toBe(true);
    await expect(pending).rejects.toThrow();
    expect((await service.listConnections({})).sessions[0]?.status).toBe('signed-out');
  });

  it('stays cancelled when the login window reports a step after the cancel: no more progress, the window is told to close', async () => {
    const release = login.pauseNext();
    const pending = service.signIn({ connectionId: 'demo' });
    await vi.waitFor(() => expect(login.captures).toHaveLength(1));
    await service.cancelSignIn({ connectionId: 'demo' });
    const afterCancel = events.length;
    // The window finishes starting (and even captures) after the cancel.
    release();
    expect((await failure(pending)).code).toBe('login-cancelled');
    expect(login.captures[0]?.signal?.aborted).toBe(true);
    expect(events.slice(afterCancel)).toEqual([]);
    expect((await service.listConnections({})).sessions[0]?.status).toBe('signed-out');
  });

  it('says which connection is missing', async () => {
    expect((await failure(service.signIn({ connectionId: 'nope' }))).code).toBe('connection-not-found');
  });
});

describe('describeMachineIdentity', () => {
  it('lists what the host’s environment and shared files set up, asking STS nothing', async () => {
    await mkdir(path.join(folder, 'aws'), { recursive: true });
    await writeFile(path.join(folder, 'aws', 'config'), '[profile ci]\ncredential_process = /bin/false\n');
    const stsRequests = sts.requests.length;
    const setup = await service.describeMachineIdentity({});
    expect(setup.sources).toEqual([expect.objectContaining({ source: 'shared-files', details: ['profile "ci": credential_process'] })]);
    expect(sts.requests.length).toBe(stsRequests);
  });
});

describe('pickRole', () => {
  it('assumes the role at once with STS and reports a key-free summary', async () => {
    const summary = await signedIn();
    expect(summary).toMatchObject({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn, roleName: 'AtlasDba', accountId: demoAccounts.production, accountAlias: 'Production' });
    const keys = await service.revealKeys({ connectionId: 'demo' });
    const issued = sts.issued.get(keys.accessKeyId);
    expect(issued?.arn).toBe(`arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice@demo.test`);
    expect(keys.secretAccessKey).toBe(issued?.secretAccessKey);
    // STS sends the expiry to the second.
    expect(Date.parse(summary.expiresAt)).toBe(Math.floor((issued?.expiration.getTime() ?? 0) / 1000) * 1000);
    expect(JSON.stringify(summary)).not.toContain(keys.secretAccessKey);
    const changed = events.filter((event) => event.type === 'sessionChanged').map((event) => event.state.status);
    expect(changed.slice(-2)).toEqual(['assuming', 'signed-in']);
    expect((await service.listConnections({})).connections[0]?.lastRole).toBe(demoRoles.dba.roleArn);
  });

  it('uses the assertion once: a second pick needs a new sign-in', async () => {
    await signedIn();
    expect((await failure(service.pickRole({ connectionId: 'demo', roleArn: demoRoles.reader.roleArn }))).code).toBe('session-no-sign-in');
  });

  it('refuses a role the sign-in does not grant, and keeps the sign-in for another choice', async () => {
    await service.signIn({ connectionId: 'demo' });
    const refused = await failure(service.pickRole({ connectionId: 'demo', roleArn: 'arn:aws:iam::012345678901:role/Other' }));
    expect(refused.code).toBe('role-not-found');
    expect((await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.reader.roleArn })).roleName).toBe('team/AtlasReader');
  });

  it('turns an STS refusal into a coded error and signs out', async () => {
    await service.signIn({ connectionId: 'demo' });
    sts.injectFault({ kind: 'expired' });
    const refused = await failure(service.pickRole({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn }));
    expect(refused.code).toBe('sts-expired-assertion');
    expect((await service.listConnections({})).sessions[0]?.status).toBe('signed-out');
  });
});

describe('outputs', () => {
  it('copyCommand puts the keys in the command only when asked for keys', async () => {
    await signedIn();
    const keys = await service.revealKeys({ connectionId: 'demo' });
    const withKeys = await service.copyCommand({ connectionId: 'demo', clusterName: 'Demo cluster', shell: 'bash', variant: 'keys' });
    expect(withKeys.containsKeys).toBe(true);
    expect(withKeys.command).toContain(keys.accessKeyId);
    expect(withKeys.command).toContain(keys.sessionToken);
    const withProfile = await service.copyCommand({ connectionId: 'demo', clusterName: 'demo cluster', shell: 'bash', variant: 'profile' });
    expect(withProfile.containsKeys).toBe(false);
    expect(withProfile.command).toContain("AWS_PROFILE='demo'");
    expect(withProfile.command).not.toContain(keys.secretAccessKey);
    expect(await readFile(path.join(folder, 'aws', 'credentials'), 'utf8')).toContain(`aws_access_key_id = ${keys.accessKeyId}`);
  });

  it('copyCommand names mongosh as a new terminal finds it, says when it is missing, and what the profile variant saved', async () => {
    await signedIn();
    const missing = await service.copyCommand({ connectionId: 'demo', clusterName: 'Demo cluster', shell: 'bash', variant: 'keys' });
    expect(missing.mongosh).toEqual({ found: 'missing', installHint: expect.stringMatching(/^mongosh is not installed: .*brew install mongosh.*apt or yum/) as unknown });
    const configured = path.join(folder, 'mongosh dir', 'mongosh');
    await mkdir(path.dirname(configured), { recursive: true });
    await writeFile(configured, '#!/bin/sh\n', { mode: 0o755 });
    await service.saveSettings({ changes: { mongoshPath: configured } });
    const byPath = await service.copyCommand({ connectionId: 'demo', clusterName: 'Demo cluster', shell: 'bash', variant: 'profile' });
    expect(byPath.mongosh).toEqual({ found: 'by-path' });
    expect(byPath.command).toContain(` '${configured}' 'mongodb://`);
    expect(byPath.command).toContain(`AWS_SHARED_CREDENTIALS_FILE='${path.join(folder, 'aws', 'credentials')}'`);
    expect(byPath.savedProfile).toEqual({ profile: 'demo', filePath: path.join(folder, 'aws', 'credentials'), expiresAt: (await service.listConnections({})).sessions.flatMap((state) => (state.status === 'signed-in' ? [state.session.expiresAt] : []))[0] });
  });

  it('writeProfile saves the keys under the profile asked for', async () => {
    await signedIn();
    const written = await service.writeProfile({ connectionId: 'demo', profile: 'atlas-demo' });
    expect(written.profile).toBe('atlas-demo');
    expect(await readFile(written.filePath, 'utf8')).toContain('[atlas-demo]');
  });

  it('openMongosh hands the cluster and the keys to the terminal launcher', async () => {
    await signedIn();
    expect(await service.openMongosh({ connectionId: 'demo', clusterName: 'Demo cluster' })).toEqual({ terminal: 'recorder' });
    expect(opened[0]).toContain('authMechanism=MONGODB-AWS');
  });

  it('names the clusters when one is unknown, and refuses outputs when signed out', async () => {
    expect((await failure(service.revealKeys({ connectionId: 'demo' }))).code).toBe('session-signed-out');
    await signedIn();
    const unknown = await failure(service.copyCommand({ connectionId: 'demo', clusterName: 'Prod', shell: 'bash', variant: 'keys' }));
    expect(unknown.message).toContain('"Demo cluster"');
  });
});

describe('expiry, refresh and sign-out', () => {
  it('warns before the keys expire, then forgets them', async () => {
    const summary = await signedIn();
    const leftMs = Date.parse(summary.expiresAt) - clock.now().getTime();
    clock.advance(leftMs - 9 * 60_000);
    const expiring = events.find((event) => event.type === 'sessionExpiring');
    expect(expiring).toMatchObject({ connectionId: 'demo', expiresAt: summary.expiresAt });
    expect(expiring?.type === 'sessionExpiring' && expiring.minutesLeft).toBeLessThanOrEqual(9);
    expect(events.some((event) => event.type === 'sessionExpired')).toBe(false);
    clock.advance(10 * 60_000);
    expect(events.filter((event) => event.type === 'sessionExpired')).toEqual([{ type: 'sessionExpired', connectionId: 'demo' }]);
    expect((await failure(service.revealKeys({ connectionId: 'demo' }))).code).toBe('session-signed-out');
  });

  it('a new warning time in Settings applies to the session already signed in', async () => {
    const summary = await signedIn();
    await service.saveSettings({ changes: { warnBeforeExpiryMinutes: 30 } });
    const leftMs = Date.parse(summary.expiresAt) - clock.now().getTime();
    clock.advance(leftMs - 31 * 60_000);
    expect(events.some((event) => event.type === 'sessionExpiring')).toBe(false);
    clock.advance(2 * 60_000);
    expect(events.filter((event) => event.type === 'sessionExpiring')).toHaveLength(1);
    clock.advance(30 * 60_000);
    expect(events.filter((event) => event.type === 'sessionExpired')).toEqual([{ type: 'sessionExpired', connectionId: 'demo' }]);
  });

  it('refresh signs in again and assumes the same role, with new keys', async () => {
    await signedIn(demoRoles.reader.roleArn);
    const before = await service.revealKeys({ connectionId: 'demo' });
    const refreshed = await service.refresh({ connectionId: 'demo' });
    const after = await service.revealKeys({ connectionId: 'demo' });
    expect(refreshed.roleArn).toBe(demoRoles.reader.roleArn);
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect(login.captures).toHaveLength(2);
  });

  it('refresh after sign-out uses the last role', async () => {
    await signedIn(demoRoles.analyst.roleArn);
    await service.signOut({ connectionId: 'demo' });
    expect((await service.refresh({ connectionId: 'demo' })).roleArn).toBe(demoRoles.analyst.roleArn);
  });

  it('signOut forgets the keys and cancels the expiry timers', async () => {
    await signedIn();
    await service.signOut({ connectionId: 'demo' });
    expect((await failure(service.revealKeys({ connectionId: 'demo' }))).code).toBe('session-signed-out');
    clock.advance(2 * 3600_000);
    expect(events.some((event) => event.type === 'sessionExpired' || event.type === 'sessionExpiring')).toBe(false);
  });

  it('forgetIdpSignIn signs out and deletes the login profile', async () => {
    await signedIn();
    await service.forgetIdpSignIn({ connectionId: 'demo' });
    expect(login.forgotten).toEqual([path.join(folder, 'browser-profiles', 'demo')]);
    expect((await service.listConnections({})).sessions[0]?.status).toBe('signed-out');
  });
});

describe('connections, settings and diagnostics', () => {
  it('adds, updates, exports, imports and removes connections', async () => {
    const added = await service.saveConnection({ connection: { name: 'Acme Prod', idpUrl: 'https://acme.okta.test/app/aws/sso/saml' } });
    expect(added.id).toBe('acme-prod');
    const updated = await service.saveConnection({ connectionId: 'acme-prod', connection: { name: 'Acme Production', idpUrl: 'https://acme.okta.test/app/aws/sso/saml', profile: 'acme' } });
    expect(updated).toMatchObject({ id: 'acme-prod', name: 'Acme Production', profile: 'acme' });
    const exported = await service.exportConnections({ connectionIds: ['acme-prod'] });
    await service.removeConnection({ connectionId: 'acme-prod' });
    expect((await service.listConnections({})).connections.map((connection) => connection.id)).toEqual(['demo']);
    expect(await service.importConnections({ text: exported.text })).toEqual({ added: ['acme-prod'], updated: [], skipped: [] });
    const broken = await failure(service.importConnections({ text: '{"version":1,"connections":[{"id":"x"}]}' }));
    expect(broken.code).toBe('connections-import-invalid');
    expect(broken.message).toContain('The file you imported');
  });

  it('saves settings and resets one with null', async () => {
    expect((await service.saveSettings({ changes: { warnBeforeExpiryMinutes: 5, theme: 'dark' } })).warnBeforeExpiryMinutes).toBe(5);
    const reset = await service.saveSettings({ changes: { theme: null } });
    expect(reset).toMatchObject({ theme: 'system', warnBeforeExpiryMinutes: 5 });
    expect(await service.getSettings({})).toEqual(reset);
  });

  it('diagnostics tell where each session stands and hold no key or assertion', async () => {
    await signedIn();
    const keys = await service.revealKeys({ connectionId: 'demo' });
    const { text } = await service.getDiagnostics({});
    expect(text).toContain(`signed in as ${demoRoles.dba.roleArn}`);
    expect(text).toContain('IdP https://idp.demo.test,');
    for (const secret of [keys.accessKeyId, keys.secretAccessKey, keys.sessionToken, ...login.issued]) expect(text).not.toContain(secret);
  });
});

describe('the demo and the app info', () => {
  const demo = {
    id: 'demo-corp',
    name: 'Demo Corp (demo)',
    idpUrl: 'http://127.0.0.1:4000/sso/aws',
    clusters: [{ name: 'Demo cluster', uri: 'mongodb://127.0.0.1:27018/?directConnection=true', roles: ['AtlasDba'] }],
    profile: 'demo-corp',
  };

  it('says there is no demo when the host was started without one, and refuses to add it', async () => {
    expect(await service.getAppInfo({})).toEqual({ version: '0.0.0-test', host: 'browser', demoAvailable: false });
    expect((await failure(service.addDemoConnection({}))).code).toBe('host-no-demo');
    expect((await service.listConnections({})).connections.map((connection) => connection.id)).toEqual(['demo']);
  });

  it('adds the demo connection it was started with, and brings an older one up to date keeping its last role', async () => {
    const withDemo = createSessionService({ ...ports, host: 'electron', demoConnection: demo });
    try {
      expect(await withDemo.getAppInfo({})).toEqual({ version: '0.0.0-test', host: 'electron', demoAvailable: true });
      const added = await withDemo.addDemoConnection({});
      expect(added).toMatchObject({ id: 'demo-corp', name: 'Demo Corp (demo)', clusters: [{ name: 'Demo cluster', roles: ['AtlasDba'] }] });
      await ports.store.update('demo-corp', { idpUrl: 'http://127.0.0.1:3999/sso/aws', lastRole: demoRoles.dba.roleArn });
      const again = await withDemo.addDemoConnection({});
      expect(again.idpUrl).toBe(demo.idpUrl);
      expect(again.lastRole).toBe(demoRoles.dba.roleArn);
      expect((await withDemo.listConnections({})).connections.map((connection) => connection.id)).toEqual(['demo', 'demo-corp']);
    } finally {
      withDemo.close();
    }
  });

  it('marks the roles that have a database user on a cluster, by the cluster name', async () => {
    await service.saveConnection({
      connectionId: 'demo',
      connection: {
        name: 'Demo Corp',
        idpUrl: 'https://idp.demo.test/sso/aws',
        clusters: [
          { name: 'Demo cluster', uri: 'mongodb://127.0.0.1:27017/?directConnection=true', roles: [demoRoles.dba.roleArn, 'AtlasReader'] },
          { name: 'Analytics', uri: 'mongodb://127.0.0.1:27019/?directConnection=true', roles: ['Analyst', 'AtlasDba'] },
        ],
      },
    });
    const ready = await service.signIn({ connectionId: 'demo' });
    const marks = Object.fromEntries(ready.groups.flatMap((group) => group.roles.map((role) => [role.rolePath, role.clusters])));
    expect(marks).toEqual({ AtlasDba: ['Demo cluster', 'Analytics'], 'team/AtlasReader': ['Demo cluster'], Analyst: ['Analytics'] });
  });
});
