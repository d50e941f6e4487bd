import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli, terminalPath } from '../../support/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-setup-profile-'));
const env = { ATLAS_SSO_CONFIG: join(folder, 'connections.json'), AWS_SHARED_CREDENTIALS_FILE: join(folder, 'aws', 'credentials'), AWS_CONFIG_FILE: join(folder, 'aws', 'config') };
const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const gov = 'arn:aws-us-gov:iam::012345678901:role/GovDba';

function awsGet(key: string, profile: string): string {
  return execFileSync('/usr/bin/aws', ['configure', 'get', key, '--profile', profile], { encoding: 'utf8', env: { PATH: terminalPath, HOME: folder, ...env } }).trim();
}

beforeAll(async () => {
  for (const args of [
    ['Acme', '--idp-url', 'https://idp.example.com/app/aws', '--role', dba],
    ['EU', '--idp-url', 'https://idp.example.com/app/aws', '--region', 'eu-west-1'],
    ['Gov', '--idp-url', 'https://idp.example.com/app/aws'],
  ]) {
    const added = await runCli(['connections', 'add', ...args], { env });
    expect(added.code, added.stderr).toBe(0);
  }
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('atlas-sso setup-profile', () => {
  it('writes credential_process (this node, this CLI, the connection id and role) and the region, as the AWS CLI reads them', async () => {
    const run = await runCli(['setup-profile', '--connection', 'Acme', '--profile', 'atlas'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('AWS_PROFILE=atlas');
    expect(awsGet('credential_process', 'atlas')).toBe(`${process.execPath} ${cliPath} credential-process --connection acme --role ${dba}`);
    expect(awsGet('region', 'atlas')).toBe('us-east-1');
  });

  it("names the packaged app's launcher when run through it (its binary cannot run our script as node)", async () => {
    const config = join(folder, 'aws', 'packaged-config');
    const run = await runCli(['setup-profile', '--connection', 'Acme', '--profile', 'packaged'], { env: { ...env, AWS_CONFIG_FILE: config, ATLAS_SSO_CLI_LAUNCHER: '/usr/bin/atlas-sso' } });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(config, 'utf8')).toContain(`credential_process = /usr/bin/atlas-sso credential-process --connection acme --role ${dba}\n`);
  });

  it("takes the connection's STS region, or the default region of the role's partition", async () => {
    expect((await runCli(['setup-profile', '--connection', 'eu', '--profile', 'eu', '--role', dba], { env })).code).toBe(0);
    expect((await runCli(['setup-profile', '--connection', 'gov', '--profile', 'gov', '--role', gov], { env })).code).toBe(0);
    expect(awsGet('region', 'eu')).toBe('eu-west-1');
    expect(awsGet('region', 'gov')).toBe('us-gov-west-1');
    expect(readFileSync(env.AWS_CONFIG_FILE, 'utf8').match(/^\[profile (\w+)\]$/gm)).toEqual(['[profile atlas]', '[profile eu]', '[profile gov]']);
  });

  it('warns when static keys for the same profile in the credentials file would win over credential_process', async () => {
    mkdirSync(join(folder, 'aws'), { recursive: true });
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '[shadowed]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
    const run = await runCli(['setup-profile', '--connection', 'acme', '--profile', 'shadowed'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*credentials also has keys in \[shadowed\].*use those before credential_process/m);
  });

  it('asks for a role when the connection names none', async () => {
    const run = await runCli(['setup-profile', '--connection', 'eu', '--profile', 'x'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^atlas-sso: Say which role the profile is for with --role/);
  });

  it('refuses a profile name the AWS tools would not read, leaving the file as it was', async () => {
    const before = readFileSync(env.AWS_CONFIG_FILE, 'utf8');
    const run = await runCli(['setup-profile', '--connection', 'acme', '--profile', 'a]b'], { env });
    expect(run.code).toBe(5);
    expect(readFileSync(env.AWS_CONFIG_FILE, 'utf8')).toBe(before);
  });
});
