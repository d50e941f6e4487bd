import { access, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { atlasVerdictsPath } from '../../../core/connections/atlas-verdicts.js';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import type { LoginBrowser } from '../../../core/login/login-browser.js';
import type { SessionService } from '../../../core/session/session-service.js';
import { createSessionService } from '../../../core/session/session-service.js';
import { demoRoles, roleAttributeValue, startDemoAtlas, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import type { StsEmulator } from '../../emulators/sts/index.js';

/** Compass cannot be installed here: this stand-in records its argv and AWS_* environment in $STAND_IN_RECORD. */
const standIn = path.resolve('test/fixtures/stand-in-compass/mongodb-compass');
const roles = [demoRoles.dba, demoRoles.noDbUser].map((role) => roleAttributeValue(role));

let sts: StsEmulator;
let atlas: AtlasEmulator;
let folder: string;
let service: SessionService;
let connectionsFile: string;
/** What the IdP sends as SessionDuration: AWS (and the STS emulator) refuse anything outside 900–43200. */
let sessionDuration = 3600;

/** The thinnest LoginBrowser seam: a response signed by the Demo Corp IdP key, as the real browser would capture. */
const browser: LoginBrowser = {
  capture: () =>
    Promise.resolve({
      samlResponse: buildSamlResponseBase64({ roles, subject: 'alice@demo.test', roleSessionName: 'alice', sessionDuration }),
      relayState: null,
      acsUrl: 'https://signin.aws.amazon.com/saml',
    }),
  forget: () => Promise.resolve(),
};

beforeAll(async () => {
  sts = await startDemoSts();
  atlas = await startDemoAtlas(sts);
});
afterAll(async () => {
  await atlas.close();
  await sts.close();
});

beforeEach(async () => {
  sessionDuration = 3600;
  folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-findings-'));
  connectionsFile = path.join(folder, 'connections.json');
  const store = createConnectionStore(connectionsFile);
  await store.add({ id: 'demo', name: 'Demo Corp', idpUrl: 'https://idp.demo.test/sso/aws', clusters: [{ name: 'Demo cluster', uri: atlas.uri }] });
  const bin = path.join(folder, 'bin');
  await mkdir(bin);
  await symlink(standIn, path.join(bin, 'mongodb-compass'));
  service = createSessionService({
    store,
    loginBrowser: browser,
    terminal: { open: () => Promise.resolve({ terminal: 'unused' }) },
    env: { AWS_ENDPOINT_URL_STS: sts.url, HOME: folder, PATH: `${bin}:/usr/bin:/bin`, AWS_PROFILE: 'work', AWS_EC2_METADATA_DISABLED: 'true', STAND_IN_RECORD: path.join(folder, 'compass.json') },
    platform: 'linux',
    appVersion: '0.0.0-test',
    host: 'browser',
  });
});
afterEach(async () => {
  service.close();
  await rm(folder, { recursive: true, force: true });
});

const roleOptions = async () => (await service.signIn({ connectionId: 'demo' })).groups.flatMap((group) => group.roles);
/** The picker lists the last role first: find each by ARN. */
const verdictOf = async (role: { readonly roleArn: string }) => (await roleOptions()).find((option) => option.roleArn === role.roleArn)?.atlas;

describe('What the IdP sent, after a sign-in', () => {
  it('comes with the roles: facts and one sentence per problem, never the assertion', async () => {
    sessionDuration = 600;
    const ready = await service.signIn({ connectionId: 'demo' });
    expect(ready.idp).toMatchObject({ destination: 'https://signin.aws.amazon.com/saml', roleSessionName: 'alice', sessionDuration: '600', responseSigned: true, assertionSigned: true, encrypted: false });
    expect(ready.idp?.clockSkewSeconds).toBeTypeOf('number');
    expect(ready.idp?.roles.map((role) => role.roleArn)).toEqual([demoRoles.dba.roleArn, demoRoles.noDbUser.roleArn]);
    expect(ready.idp?.problems.map((problem) => problem.code)).toEqual(['session-duration-out-of-range']);
    expect(JSON.stringify(ready)).not.toMatch(/SignatureValue|PHNhbWxw/);
  });
});

describe('which roles Atlas accepts', () => {
  it('remembers what Atlas said for each role, shows it beside the role at the next sign-in, and keeps it out of the export', async () => {
    expect((await roleOptions()).map((role) => role.atlas)).toEqual([undefined, undefined]);
    await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn });
    await service.testConnection({ connectionId: 'demo', clusterName: 'Demo cluster' });

    await roleOptions();
    await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.noDbUser.roleArn });
    await expect(service.testConnection({ connectionId: 'demo', clusterName: 'Demo cluster' })).rejects.toMatchObject({ code: 'mongodb-no-database-user' });

    expect(await verdictOf(demoRoles.dba)).toMatchObject({ verdict: 'user-found', cluster: 'Demo cluster' });
    const noUser = await verdictOf(demoRoles.noDbUser);
    expect(noUser).toMatchObject({ verdict: 'no-user', cluster: 'Demo cluster' });
    expect(Date.parse(noUser?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);

    const stored = await readFile(atlasVerdictsPath(connectionsFile), 'utf8');
    expect(stored).not.toMatch(/ASIA|secret|token/i);
    expect((await service.exportConnections({})).text).not.toMatch(/user-found|no-user/);
    await service.removeConnection({ connectionId: 'demo' });
    expect(await readFile(atlasVerdictsPath(connectionsFile), 'utf8')).not.toContain('"demo"');
  });

  it('learns from Check my identity on a cluster too', async () => {
    await roleOptions();
    await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.noDbUser.roleArn });
    const check = await service.checkIdentity({ target: { kind: 'session', connectionId: 'demo', clusterName: 'Demo cluster' } });
    expect(check.problem?.code).toBe('mongodb-no-database-user');
    expect((await verdictOf(demoRoles.noDbUser))?.verdict).toBe('no-user');
    expect(await verdictOf(demoRoles.dba)).toBeUndefined();
  });
});

describe('openCompass', () => {
  it('opens the stand-in Compass with the credential-free URI and the session keys in its environment, AWS_PROFILE removed', async () => {
    await roleOptions();
    await service.pickRole({ connectionId: 'demo', roleArn: demoRoles.dba.roleArn });
    const keys = await service.revealKeys({ connectionId: 'demo' });
    expect(await service.openCompass({ connectionId: 'demo', clusterName: 'Demo cluster' })).toEqual({ compassPath: path.join(folder, 'bin', 'mongodb-compass') });
    const record = path.join(folder, 'compass.json');
    for (let waited = 0; waited < 10_000 && !(await access(record).then(() => true, () => false)); waited += 50) await new Promise((done) => setTimeout(done, 50));
    const seen = JSON.parse(await readFile(record, 'utf8')) as { argv: string[]; environment: Record<string, string> };
    expect(seen.argv).toEqual([atlas.uri]);
    expect(seen.argv.join(' ')).not.toContain(keys.secretAccessKey);
    expect(seen.environment).toMatchObject({ AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_SESSION_TOKEN: keys.sessionToken });
    expect(seen.environment).not.toHaveProperty('AWS_PROFILE');
  });
});
