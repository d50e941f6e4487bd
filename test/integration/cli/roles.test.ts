import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allDemoRoleValues, demoRoles } from '../../emulators/demo-corp.js';
import { buildSamlResponseBase64, buildSamlResponseXml } from '../../emulators/idp/saml-response.js';
import { runCli } from '../../support/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-roles-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

const spec = { roles: allDemoRoleValues, roleSessionName: 'alice', sessionDuration: 7200, destination: 'https://eu-west-1.signin.aws.amazon.com/saml' };

describe('atlas-sso roles', () => {
  it('prints the stable JSON shape, null where the assertion says nothing', async () => {
    const run = await runCli(['roles', '--saml-response', file('a.b64', buildSamlResponseBase64(spec)), '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['destination', 'encrypted', 'notOnOrAfter', 'region', 'roleSessionName', 'roles', 'sessionDuration']);
    expect(report).toMatchObject({ sessionDuration: 7200, roleSessionName: 'alice', region: 'eu-west-1', encrypted: false, destination: spec.destination });
    expect(report.roles).toContainEqual({ roleArn: demoRoles.reader.roleArn, principalArn: demoRoles.reader.principalArn, accountId: '012345678901', roleName: 'AtlasReader', partition: 'aws' });
    expect((report.roles as unknown[]).length).toBe(4);

    const bare = await runCli(['roles', '--saml-response', file('b.b64', buildSamlResponseBase64({ roles: [allDemoRoleValues[0] ?? ''], destination: 'https://idp-posts-here.example.test/acs' })), '--json']);
    expect(JSON.parse(bare.stdout)).toMatchObject({ sessionDuration: null, region: null });
  });

  it('refuses a raw XML file with invalid UTF-8 as it refuses such base64', async () => {
    const xml = Buffer.from(buildSamlResponseXml(spec), 'utf8');
    const broken = Buffer.concat([xml.subarray(0, 80), Buffer.from([0xc3, 0x28]), xml.subarray(80)]);
    const path = join(folder, 'broken.xml');
    writeFileSync(path, broken);
    for (const run of [await runCli(['roles', '--saml-response', path, '--json']), await runCli(['roles', '--saml-response', file('broken.b64', broken.toString('base64')), '--json'])]) {
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/not (?:valid )?UTF-8 text|does not decode to UTF-8 text/);
    }
  });

  it('reads standard input, the decoded XML and the whole posted form body alike', async () => {
    const base64 = buildSamlResponseBase64(spec);
    const viaStdin = await runCli(['roles', '--saml-response', '-', '--json'], { stdin: base64 });
    const viaXml = await runCli(['roles', '--saml-response', file('x.xml', buildSamlResponseXml(spec)), '--json']);
    const viaForm = await runCli(['roles', '--saml-response', file('f.txt', `RelayState=x&SAMLResponse=${encodeURIComponent(base64)}`), '--json']);
    for (const run of [viaStdin, viaXml, viaForm]) {
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as { roles: unknown[] }).roles).toHaveLength(4);
    }
  });

  it('prints a table grouped by account for people', async () => {
    const run = await runCli(['roles', '--saml-response', file('t.b64', buildSamlResponseBase64(spec))]);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^ACCOUNT\s+ROLE\s+ROLE ARN\s+PROVIDER ARN$/);
    expect(lines.slice(1, 5).map((line) => line.split(/\s+/)[0])).toEqual(['012345678901', '012345678901', '210987654321', '210987654321']);
    expect(run.stdout).toContain('STS region: eu-west-1');
  });

  it.each([
    ['garbage', 'not a saml response at all!', 3, /base64|SAML/i],
    ['an IdP failure status', buildSamlResponseBase64({ roles: [], status: { code: 'Responder', subCode: 'AuthnFailed', message: 'Account locked' } }), 3, /AuthnFailed.*Account locked|Account locked.*AuthnFailed/],
  ])('refuses %s: nothing on stdout, one line on stderr', async (_name, content, code, sentence) => {
    const run = await runCli(['roles', '--saml-response', file('bad.txt', content)]);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(sentence);
  });

  it('says which file it cannot read', async () => {
    const run = await runCli(['roles', '--saml-response', join(folder, 'missing.b64')]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^atlas-sso: No such file: .*missing\.b64: give the file the SAML response is in/);
    expect(run.stderr).not.toContain('ENOENT');
  });

  it('has --help for every command', async () => {
    for (const args of [['--help'], ['roles', '--help'], ['assume', '--help']]) {
      const run = await runCli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: atlas-sso/);
    }
  });

  it('exits 2 on a usage mistake', async () => {
    const run = await runCli(['roles']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/required option '--saml-response/);
  });

  it('calls a mistyped required option unknown and suggests the right one', async () => {
    const run = await runCli(['roles', '--saml-respons', join(folder, 'missing.b64')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual(["error: unknown option '--saml-respons'", '(Did you mean --saml-response?)']);
    const nested = await runCli(['connections', 'add', 'Acme', '--idp-ur', 'https://idp.example.com/app']);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('(Did you mean --idp-url?)');
  });

  it('answers --version with the package version, loading none of the commands (the top-level help loads them all)', async () => {
    const hook = join(folder, 'loaded-chunks.cjs');
    const list = join(folder, 'loaded-chunks.txt');
    writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n')));`);
    const commandChunks = async (args: readonly string[]): Promise<{ stdout: string; chunks: string[] }> => {
      const run = await runCli(args, { env: { NODE_OPTIONS: `--require ${hook}` } });
      expect(run.code, run.stderr).toBe(0);
      return { stdout: run.stdout, chunks: readFileSync(list, 'utf8').split('\n').filter((file) => /[/\\]bundle[/\\](?:roles|assume|login|whoami)-[\w-]{8}\.cjs$/.test(file)) };
    };
    expect((await commandChunks(['--help'])).chunks).toHaveLength(4);
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) expect(await commandChunks([flag])).toEqual({ stdout: `${version}\n`, chunks: [] });
  });

  it('says the exit code for "sign-in not possible here" in the help', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('8 sign-in not possible here');
  });
});
