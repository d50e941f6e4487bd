import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'atlas-sso-connections-'));
const configFile = join(folder, 'config', 'connections.json');
const env = { ATLAS_SSO_CONFIG: configFile };
const dba = 'arn:aws:iam::012345678901:role/AtlasDba';

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

async function cli(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return runCli(args, { env: { ...env, ...extraEnv } });
}

describe('atlas-sso connections', () => {
  it('adds, lists, shows, exports, removes and imports back, through the file ATLAS_SSO_CONFIG names', async () => {
    const added = await cli([
      'connections', 'add', 'Acme Prod', '--idp-url', 'https://acme.okta.com/home/amazon_aws/0oa1/272', '--role', dba, '--duration', '7200', '--profile', 'acme',
      '--region', 'eu-west-1', '--cluster', 'prod=mongodb+srv://cluster0.abcde.mongodb.net/?appName=Prod', '--alias', '012345678901=Production', '--browser', 'system',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('Added connection "Acme Prod" (id acme-prod).\n');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect((await cli(['connections', 'add', 'Lab', '--idp-url', 'http://127.0.0.1:8080/sso'])).code).toBe(0);

    const list = await cli(['connections', 'list']);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+IDP URL\s+DEFAULT ROLE$/);
    expect(list.stdout).toMatch(/^acme-prod\s+Acme Prod\s+https:\/\/acme\.okta\.com\S+\s+arn:aws:iam::012345678901:role\/AtlasDba$/m);
    expect(list.stdout).toMatch(/^lab\s+Lab\s+http:\/\/127\.0\.0\.1:8080\/sso\s+-$/m);

    const shown = JSON.parse((await cli(['connections', 'show', 'acme prod', '--json'])).stdout) as Record<string, unknown>;
    expect(shown).toEqual({
      id: 'acme-prod',
      name: 'Acme Prod',
      idpUrl: 'https://acme.okta.com/home/amazon_aws/0oa1/272',
      stsRegion: 'eu-west-1',
      defaultRole: dba,
      durationSeconds: 7200,
      profile: 'acme',
      clusters: [{ name: 'prod', uri: 'mongodb+srv://cluster0.abcde.mongodb.net/?appName=Prod&authSource=%24external&authMechanism=MONGODB-AWS' }],
      accountAliases: { '012345678901': 'Production' },
      loginBrowser: 'system',
    });
    expect((await cli(['connections', 'show', 'acme-prod'])).stdout).toMatch(/^Account 012345678901: Production$/m);

    const teamFile = join(folder, 'team.json');
    const exported = await cli(['connections', 'export', 'acme-prod', '--output', teamFile]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(readFileSync(teamFile, 'utf8'))).toEqual({ version: 1, connections: [shown] });
    expect(JSON.parse((await cli(['connections', 'export'])).stdout)).toMatchObject({ version: 1, connections: [{ id: 'acme-prod' }, { id: 'lab' }] });

    const removed = await cli(['connections', 'remove', 'Acme Prod']);
    expect(removed.stdout).toBe('Removed connection "Acme Prod" (id acme-prod), with its cached keys and its IdP sign-in.\n');
    expect((await cli(['connections', 'list', '--json'])).stdout).not.toContain('acme-prod');

    const imported = await cli(['connections', 'import', teamFile]);
    expect(imported.stdout).toBe('Added: acme-prod\nUpdated: none\nSkipped (unchanged): none\n');
    const again = await cli(['connections', 'import', teamFile]);
    expect(again.stdout).toBe('Added: none\nUpdated: none\nSkipped (unchanged): acme-prod\n');
    expect(JSON.parse((await cli(['connections', 'show', 'acme-prod', '--json'])).stdout)).toEqual(shown);
  });

  it.each([
    ['plain http to another host', ['connections', 'add', 'X', '--idp-url', 'http://idp.example.com/sso'], 3, /Sign-in link must start with https:\/\//],
    ['a role that is not an ARN', ['connections', 'add', 'X', '--idp-url', 'https://idp.example.com', '--role', 'Dba'], 3, /Default role must be an IAM role ARN/],
    ['a duration out of range', ['connections', 'add', 'X', '--idp-url', 'https://idp.example.com', '--duration', '60'], 3, /Session length must be at least 900 seconds/],
    ['a malformed alias', ['connections', 'add', 'X', '--idp-url', 'https://idp.example.com', '--alias', 'Production'], 2, /--alias takes ACCOUNT=NAME/],
    ['a cluster string with a password', ['connections', 'add', 'X', '--idp-url', 'https://idp.example.com', '--cluster', 'p=mongodb+srv://bob:hunter2@c.mongodb.net/'], 3, /Cluster 1: the connection string holds a user name, password or session token/],
    ['a name that exists', ['connections', 'add', 'lab', '--idp-url', 'https://idp.example.com'], 3, /already exists/],
    ['an unknown connection', ['connections', 'show', 'nope'], 3, /There is no connection "nope"/],
  ])('refuses %s with one line on stderr', async (_name, args, code, message) => {
    const run = await cli(args);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('refuses a connection it cannot save in one line, in the form\'s words, and saves nothing', async () => {
    const before = readFileSync(configFile, 'utf8');
    const refused = await cli(['connections', 'add', 'Bad', '--idp-url', 'not a url', '--cluster', 'c0=http://cluster0.example.net', '--cluster', 'c1=mongodb://alice:pw@cluster1.example.net/']);
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'atlas-sso: This connection cannot be saved: Sign-in link is not a URL: give your IdP\'s sign-in URL for the AWS app, starting with https://; ' +
        'Cluster 1: the connection string must start with mongodb:// or mongodb+srv://; ' +
        'Cluster 2: the connection string holds a user name, password or session token. Save the connection string without a user name or password: Atlas SSO signs in with your AWS role.\n',
    );
    expect(readFileSync(configFile, 'utf8')).toBe(before);
  });

  it('refuses a connections file that holds a secret, and leaves it unchanged', async () => {
    const broken = join(folder, 'secret', 'connections.json');
    const text = JSON.stringify({ version: 1, connections: [{ id: 'a', name: 'A', idpUrl: 'https://idp.example.com', password: 'hunter2' }] });
    mkdirSync(join(folder, 'secret'));
    writeFileSync(broken, text);
    for (const args of [['connections', 'list'], ['connections', 'add', 'B', '--idp-url', 'https://idp.example.com']]) {
      const run = await cli(args, { ATLAS_SSO_CONFIG: broken });
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/connections\[0\]\.password: looks like a secret/);
      expect(run.stderr).not.toContain('hunter2');
    }
    expect(readFileSync(broken, 'utf8')).toBe(text);
  });

  it('refuses a team file that holds a secret, importing nothing', async () => {
    const teamFile = join(folder, 'bad-team.json');
    writeFileSync(teamFile, JSON.stringify({ version: 1, connections: [{ id: 'b', name: 'B', idpUrl: 'https://idp.example.com', aws_secret_access_key: 'x' }] }));
    const before = readFileSync(configFile, 'utf8');
    const run = await cli(['connections', 'import', teamFile]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/looks like a secret/);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
  });
});
