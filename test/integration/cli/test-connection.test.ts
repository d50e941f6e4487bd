import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attackerKey } from '../../emulators/idp/saml-response.js';
import { runCli, terminalPath } from '../../support/run-cli.js';
import type { DemoWorld } from '../mongosh/demo-world.js';
import { startDemoWorld } from '../mongosh/demo-world.js';

let world: DemoWorld;

/** The world's environment as a person's terminal has it: no node_modules/.bin on PATH. */
function terminalWorldEnv(): Readonly<Record<string, string>> {
  return { ...world.env, PATH: terminalPath };
}
const minute = 60_000;

beforeAll(async () => {
  world = await startDemoWorld();
});
afterAll(async () => {
  await world.close();
});
afterEach(() => {
  world.resetClock();
});

async function testConnection(role: string, extra: readonly string[] = [], spec: Parameters<DemoWorld['samlFile']>[0] = {}): ReturnType<typeof runCli> {
  return runCli(['test-connection', '--saml-response', await world.samlFile(spec), '--sts-endpoint', world.sts.url, '--role', role, '--cluster', world.atlas.uri, ...extra], { env: terminalWorldEnv() });
}

/** The one line that is not a warning: what the person must read. */
function errorLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n').filter((line) => !line.startsWith('warning: '));
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('atlas-sso test-connection', () => {
  it('prints who Atlas says we are (the role without its IAM path), the latency and the databases', async () => {
    const run = await testConnection('AtlasReader');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Connected to 127.0.0.1:${world.atlas.port} (MongoDB `);
    expect(run.stdout).toMatch(/^Signed in as: arn:aws:iam::012345678901:role\/AtlasReader$/m);
    expect(run.stdout).toMatch(/^Roles: +read@sales$/m);
    expect(run.stdout).toMatch(/^Latency: +\d+\.\d ms$/m);
    expect(run.stdout).toMatch(/^Databases: +sales$/m);
    expect(world.atlas.authentications.at(-1)).toEqual({ user: 'arn:aws:iam::012345678901:role/AtlasReader', ok: true });
  });

  it('prints one JSON object for scripts with --json', async () => {
    const run = await testConnection('Analyst', ['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, cluster: `127.0.0.1:${world.atlas.port}`, user: 'arn:aws:iam::210987654321:role/Analyst', roles: [{ role: 'read', db: 'analytics' }], databases: ['analytics'] });
    expect(typeof report.latencyMs).toBe('number');
    expect(Date.parse(String(report.expiration))).toBeGreaterThan(Date.now());
    expect(run.stdout).not.toMatch(/ASIA|SessionToken|secret/i);
  });

  it('names the role ARN to add in Atlas when the role has no database user (exit 6)', async () => {
    const run = await testConnection('NoDatabaseUser', ['--json']);
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(errorLine(run.stderr)).toBe('atlas-sso: Atlas has no database user for role arn:aws:iam::210987654321:role/NoDatabaseUser: add it in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role, with that ARN.');
  });

  it('asks to sign in again when STS says the keys have expired', async () => {
    // Keys issued on a clock 10 minutes slow for 15 minutes end 5 minutes from now; Atlas replays at +10 minutes, within SigV4's 15-minute skew.
    world.skewClock({ whileIssuing: -10 * minute, forCallerIdentity: 10 * minute });
    const run = await testConnection('AtlasDba', ['--duration', '900'], { issueInstant: new Date(Date.now() - 10 * minute) });
    expect(run.code).toBe(6);
    expect(errorLine(run.stderr)).toMatch(/^atlas-sso: Atlas did not accept your AWS keys \(they may have expired, or this computer's clock is off\): sign in again\./);
    expect(world.atlas.authentications.at(-1)).toMatchObject({ ok: false, reason: 'bad auth : aws sts call has response 403' });
  });

  it('explains a clock 20 minutes off (SigV4 "Signature expired" at STS) with the same sentence', async () => {
    world.skewClock({ whileIssuing: 0, forCallerIdentity: 20 * minute });
    const run = await testConnection('AtlasDba');
    expect(run.code).toBe(6);
    expect(errorLine(run.stderr)).toMatch(/this computer's clock is off\): sign in again\. Atlas said: .*bad auth : aws sts call has response 403/);
    expect(world.atlas.authentications.at(-1)).toMatchObject({ user: null, ok: false });
  });

  it('says the IdP and AWS do not trust each other for a tampered signature, and never connects', async () => {
    const before = world.atlas.authentications.length;
    const run = await testConnection('AtlasDba', [], { key: attackerKey });
    expect(run.code).toBe(4);
    expect(errorLine(run.stderr)).toMatch(/^atlas-sso: AWS did not accept the sign-in from your identity provider: the IdP and the IAM SAML provider do not trust each other/);
    expect(world.atlas.authentications).toHaveLength(before);
  });

  it('refuses a connection string it cannot read before spending the sign-in', async () => {
    const before = world.sts.requests.length;
    const run = await runCli(['test-connection', '--saml-response', await world.samlFile(), '--sts-endpoint', world.sts.url, '--role', 'AtlasDba', '--cluster', 'https://cloud.mongodb.com/'], { env: terminalWorldEnv() });
    expect(run.code).toBe(6);
    expect(errorLine(run.stderr)).toMatch(/This is not a MongoDB connection string/);
    expect(world.sts.requests).toHaveLength(before);
  });
});
