import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDemoRoleValues, demoRoles, startDemoSts } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64 } from '../../emulators/idp/saml-response.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { runCli, runInTerminal, terminalPath } from '../../support/run-cli.js';

let sts: StsEmulator;
const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-assume-'));
const credentialsFile = join(folder, 'aws', 'credentials');
const env = { AWS_ENDPOINT_URL_STS: '', AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(folder, 'aws', 'config'), SHELL: '/bin/bash' };
const cluster = 'mongodb+srv://bob:hunter2@cluster0.abcde.mongodb.net/?retryWrites=true&w=majority&appName=Cluster0';

beforeAll(async () => {
  sts = await startDemoSts();
});
afterAll(async () => {
  await sts.close();
  rmSync(folder, { recursive: true, force: true });
});

function responseFile(spec: Partial<Parameters<typeof buildSamlResponseBase64>[0]> = {}): string {
  const path = join(folder, `response-${Math.random().toString(16).slice(2)}.b64`);
  writeFileSync(path, buildSamlResponseBase64({ roles: allDemoRoleValues, roleSessionName: 'alice', ...spec }));
  return path;
}

async function assume(args: readonly string[], spec: Partial<Parameters<typeof buildSamlResponseBase64>[0]> = {}): ReturnType<typeof runCli> {
  return runCli(['assume', '--saml-response', responseFile(spec), '--sts-endpoint', sts.url, ...args], { env });
}

function awsCli(args: readonly string[]): string {
  return execFileSync('/usr/bin/aws', args, { encoding: 'utf8', env: { PATH: terminalPath, HOME: folder, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: env.AWS_CONFIG_FILE } }).trim();
}

describe('atlas-sso assume', () => {
  it('prints exactly the credential_process JSON of the keys STS issued', async () => {
    const run = await assume(['--role', 'AtlasDba', '--format', 'credential-process']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    const issued = sts.issued.get(String(output.AccessKeyId));
    expect(output).toMatchObject({ Version: 1, SecretAccessKey: issued?.secretAccessKey, SessionToken: issued?.sessionToken });
    expect(issued?.arn).toBe('arn:aws:sts::012345678901:assumed-role/AtlasDba/alice');
  });

  it('prints export lines that set the keys in bash', async () => {
    const run = await assume(['--role', demoRoles.analyst.roleArn, '--format', 'env', '--shell', 'bash']);
    expect(run.code).toBe(0);
    const seen = execFileSync('/bin/bash', ['-c', 'eval "$LINES"; printf "%s\\n" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_REGION"'], { encoding: 'utf8', env: { LINES: run.stdout } }).split('\n');
    expect(sts.issued.get(seen[0] ?? '')?.secretAccessKey).toBe(seen[1]);
    expect(seen[2]).toBe('us-east-1');
  });

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    it(`prints ${shell} lines that leave the Node SDK's default chain on the assumed keys, not on an AWS_PROFILE set before`, async () => {
      const home = mkdtempSync(join(folder, `env-${shell}-`));
      mkdirSync(join(home, '.aws'));
      writeFileSync(join(home, '.aws', 'credentials'), '[old]\naws_access_key_id = AKIAOLDPROFILE\naws_secret_access_key = old-secret\n');
      const run = await assume(['--role', demoRoles.analyst.roleArn, '--format', 'env', '--shell', shell]);
      expect(run.code).toBe(0);
      const resolveKeys = `${process.execPath} -e 'import("@aws-sdk/credential-providers").then((m) => m.fromNodeProviderChain()()).then((c) => console.log(c.accessKeyId))'`;
      // PRINTED, not LINES: zsh keeps the terminal's height in $LINES.
      const script = shell === 'fish' ? `printf '%s\\n' "$PRINTED" | source; ${resolveKeys}` : `eval "$PRINTED"; ${resolveKeys}`;
      const seen = await runInTerminal(`/usr/bin/${shell}`, ['-c', script], { cwd: process.cwd(), env: { HOME: home, PRINTED: run.stdout, AWS_PROFILE: 'old', AWS_DEFAULT_PROFILE: 'old' } });
      expect(seen.stderr).toBe('');
      const keyId = seen.stdout.trim();
      expect(sts.issued.get(keyId)?.arn).toBe('arn:aws:sts::210987654321:assumed-role/Analyst/alice');
    });
  }

  it('prints a mongosh command for the normalized cluster with the keys in its environment only', async () => {
    const run = await assume(['--role', 'AtlasDba', '--cluster', cluster, '--shell', 'bash']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("'mongodb+srv://cluster0.abcde.mongodb.net/?retryWrites=true&w=majority&appName=Cluster0&authSource=%24external&authMechanism=MONGODB-AWS'");
    expect(run.stdout).toMatch(/AWS_SECRET_ACCESS_KEY='[^']+'/);
    expect(run.stdout).not.toMatch(/--awsAccessKeyId|--password|export |hunter2/);
    expect(run.stderr).toMatch(/^warning: .*user name and password/m);
  });

  it('writes a profile the AWS CLI reads, and then prints a mongosh command that holds no secret', async () => {
    writeFileSync(join(folder, 'keep.txt'), '');
    const run = await assume(['--role', 'AtlasDba', '--write-profile', 'atlas-demo', '--format', 'mongosh', '--cluster', cluster, '--shell', 'fish']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Saved keys as profile atlas-demo in ${credentialsFile}, valid until `);
    expect(run.stdout).toContain(`AWS_SHARED_CREDENTIALS_FILE='${credentialsFile}'`);
    const accessKeyId = awsCli(['configure', 'get', 'aws_access_key_id', '--profile', 'atlas-demo']);
    const issued = sts.issued.get(accessKeyId);
    expect(awsCli(['configure', 'get', 'aws_secret_access_key', '--profile', 'atlas-demo'])).toBe(issued?.secretAccessKey);
    expect(run.stdout).toContain("AWS_PROFILE='atlas-demo'");
    expect(run.stdout).not.toContain(issued?.secretAccessKey ?? '<none>');
    expect(run.stdout).not.toContain(issued?.sessionToken ?? '<none>');
  });

  it('only writes the profile when no format is asked, printing nothing on stdout', async () => {
    const run = await assume(['--role', 'Analyst', '--write-profile', 'analyst']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(credentialsFile, 'utf8')).toMatch(/\[analyst\]\naws_access_key_id = ASIA/);
  });

  it('prints JSON with the granted duration after the MaxSessionDuration retry', async () => {
    const run = await assume(['--role', 'AtlasReader', '--format', 'json', '--duration', '7200']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ roleArn: demoRoles.reader.roleArn, durationSeconds: 3600, region: 'us-east-1' });
    expect(run.stderr).toMatch(/^warning: The role allows no session of 2 h; got 1 h instead\.$/m);
  });

  it.each([
    ['a role the sign-in does not grant', ['--role', 'Admin', '--format', 'json'], {}, 3, /does not grant the role "Admin"/],
    ['an ambiguous name', ['--role', 'Dba', '--format', 'json'], { roles: ['arn:aws:iam::111111111111:role/Dba,arn:aws:iam::111111111111:saml-provider/P', 'arn:aws:iam::222222222222:role/Dba,arn:aws:iam::222222222222:saml-provider/P'] }, 3, /matches several roles/],
    ['an expired assertion', ['--role', 'AtlasDba', '--format', 'json'], { issueInstant: new Date(Date.now() - 3_600_000), notOnOrAfter: new Date(Date.now() - 3_300_000) }, 4, /sign in again/],
    ['no output asked', ['--role', 'AtlasDba'], {}, 2, /Say what to do with the keys/],
    ['a bad duration', ['--role', 'AtlasDba', '--format', 'json', '--duration', '1h'], {}, 2, /--duration takes whole seconds/],
    ['a bad profile name', ['--role', 'AtlasDba', '--write-profile', 'a]b'], {}, 5, /profile/i],
  ])('refuses %s with one line on stderr and nothing on stdout', async (_name, args, spec, code, sentence) => {
    const run = await assume(args, spec);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n').filter((line) => !line.startsWith('warning: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(sentence);
    expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|at .*\.js:\d+/);
  });

  it('says more with --verbose, still without secrets', async () => {
    const path = responseFile({ roles: [allDemoRoleValues[0] ?? ''] });
    const run = await runCli(['--verbose', 'assume', '--saml-response', path, '--sts-endpoint', sts.url, '--role', demoRoles.dba.roleArn, '--principal', 'arn:aws:iam::012345678901:saml-provider/Other', '--format', 'json'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/code: role-not-found/);
    expect(run.stderr).not.toContain(readFileSync(path, 'utf8').slice(0, 30));
  });

  it('leaves no credentials file behind when it fails', async () => {
    const fresh = join(folder, 'untouched', 'credentials');
    const run = await runCli(['assume', '--saml-response', responseFile(), '--sts-endpoint', sts.url, '--role', 'Admin', '--write-profile', 'x'], { env: { ...env, AWS_SHARED_CREDENTIALS_FILE: fresh } });
    expect(run.code).toBe(3);
    expect(existsSync(fresh)).toBe(false);
  });

  it('refuses a read-only credentials file for --write-profile before calling STS, and leaves it unchanged', async () => {
    const readOnly = join(folder, 'read-only-credentials');
    writeFileSync(readOnly, '[mine]\nregion = eu-west-1\n');
    chmodSync(readOnly, 0o400);
    const stsCalls = sts.requests.length;
    const run = await runCli(['assume', '--saml-response', responseFile(), '--sts-endpoint', sts.url, '--role', 'AtlasDba', '--write-profile', 'x'], { env: { ...env, AWS_SHARED_CREDENTIALS_FILE: readOnly } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${readOnly} is read-only`);
    expect(sts.requests.length).toBe(stsCalls);
    expect(readFileSync(readOnly, 'utf8')).toBe('[mine]\nregion = eu-west-1\n');
  });
});
