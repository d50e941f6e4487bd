import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeysCache } from '../../../core/credentials/open-keys-cache.js';
import { runCli } from '../../support/run-cli.js';

const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const reader = 'arn:aws:iam::012345678901:role/team/AtlasReader';

let folder: string;
let env: Record<string, string>;

const cache = () => openKeysCache(env.ATLAS_SSO_CONFIG ?? '', 'linux', env);
const keys = { accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'secret', sessionToken: 'token'.repeat(40), expiration: new Date(Date.now() + 3_600_000) };
const browserProfile = (id: string): string => join(folder, 'browser-profiles', id);

/** What earlier runs of credential-process and login leave: cached keys under the names they used, IdP cookies. */
async function leaveTraces(): Promise<void> {
  for (const [connectionId, role] of [['demo', dba], ['demo', 'AtlasDba'], ['demo', reader], ['other', dba]] as const) {
    await cache().put({ connectionId, role }, keys);
  }
  mkdirSync(browserProfile('demo'), { recursive: true });
  writeFileSync(join(browserProfile('demo'), 'Cookies'), 'idp session');
}

const cached = async (connectionId: string, role: string): Promise<boolean> => (await cache().get({ connectionId, role })) !== undefined;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-sso-logout-'));
  env = { ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_CONFIG_FILE: join(folder, 'aws', 'config'), HOME: folder };
  for (const name of ['Demo', 'Other']) expect((await runCli(['connections', 'add', name, '--idp-url', 'https://idp.example.com/app/aws', '--role', dba], { env })).code).toBe(0);
  // A profile that asks for its role by name: credential-process caches under that name.
  expect((await runCli(['setup-profile', '--connection', 'demo', '--profile', 'by-name', '--role', 'AtlasDba'], { env })).code).toBe(0);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('atlas-sso logout', () => {
  it("removes every key cached for the connection, leaves other connections' keys and the IdP sign-in, and says what still holds", async () => {
    await leaveTraces();
    const run = await runCli(['logout', '--connection', 'Demo'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Signed out of "Demo"');
    expect(run.stdout).toContain('--forget-sign-in');
    expect(run.stdout).toContain('stay valid at AWS until they expire');
    expect(await cached('demo', dba)).toBe(false);
    expect(await cached('demo', 'AtlasDba')).toBe(false);
    // Named by no profile, nor the default or last role: found through the cache's own list of the connection's roles.
    expect(await cached('demo', reader)).toBe(false);
    expect(await cached('other', dba)).toBe(true);
    expect(existsSync(browserProfile('demo'))).toBe(true);
  });

  it("with --forget-sign-in, also deletes the connection's browser profile", async () => {
    await leaveTraces();
    const run = await runCli(['logout', '--connection', 'demo', '--forget-sign-in'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('the next sign-in asks for your password');
    expect(existsSync(browserProfile('demo'))).toBe(false);
    expect(await cached('demo', dba)).toBe(false);
  });

  it('names an unknown connection and changes nothing', async () => {
    await leaveTraces();
    const run = await runCli(['logout', '--connection', 'nope'], { env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^atlas-sso: .*nope/);
    expect(await cached('demo', dba)).toBe(true);
  });
});

describe('atlas-sso connections remove', () => {
  it('takes the cached keys and the IdP sign-in with the connection', async () => {
    await leaveTraces();
    const run = await runCli(['connections', 'remove', 'demo'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Removed connection "Demo" (id demo), with its cached keys and its IdP sign-in.\n');
    expect(await cached('demo', dba)).toBe(false);
    expect(await cached('demo', 'AtlasDba')).toBe(false);
    expect(await cached('demo', reader)).toBe(false);
    expect(await cached('other', dba)).toBe(true);
    expect(existsSync(browserProfile('demo'))).toBe(false);
    expect((await runCli(['connections', 'show', 'demo'], { env })).code).not.toBe(0);
  });
});
