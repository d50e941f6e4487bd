import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { credentialProcessJson } from '../../../core/credentials/credential-process-output.js';
import { writeConfigProfile, writeCredentialsProfile } from '../../../core/credentials/write-profile.js';

const run = promisify(execFile);
/** AWS CLI 2 from Debian; the `aws` first on PATH is an old v1. */
const awsCli = '/usr/bin/aws';

let home: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-awscli-'));
  // Only what the CLI needs: no AWS_PROFILE / AWS_ACCESS_KEY_ID from the machine running the tests.
  env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function aws(...args: readonly string[]): Promise<string> {
  const { stdout } = await run(awsCli, args, { env, cwd: home });
  return stdout;
}

/** What the CLI resolves for a profile, or its error (so "cannot read" compares too). */
async function exported(profile: string): Promise<unknown> {
  try {
    return JSON.parse(await aws('configure', 'export-credentials', '--profile', profile, '--format', 'process')) as unknown;
  } catch (error) {
    return { failed: (error as { stderr?: string }).stderr };
  }
}

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIAQWERTYUIOP123456',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token==',
  // An hour ahead, whole seconds: the AWS CLI refuses credentials that have expired.
  expiration: new Date(Math.floor(Date.now() / 1000 + 3600) * 1000),
};
const expiresAt = credentials.expiration.toISOString().replace('.000Z', 'Z');

describe('files written for the AWS CLI 2', () => {
  it('the CLI reads our profile back: configure get and export-credentials', async () => {
    await writeCredentialsProfile({ profile: 'atlas', credentials, env });
    expect((await aws('configure', 'get', 'aws_access_key_id', '--profile', 'atlas')).trim()).toBe(credentials.accessKeyId);
    expect((await aws('configure', 'get', 'aws_secret_access_key', '--profile', 'atlas')).trim()).toBe(credentials.secretAccessKey);
    expect((await aws('configure', 'get', 'aws_session_token', '--profile', 'atlas')).trim()).toBe(credentials.sessionToken);
    expect((await aws('configure', 'get', 'x_security_token_expires', '--profile', 'atlas')).trim()).toBe(expiresAt);
    expect(await exported('atlas')).toEqual({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
    });
  });

  it('in a CRLF file full of other profiles and comments, the CLI reads the others the same and ours fresh (stale aws_security_token gone)', async () => {
    const before = [
      '# Company AWS keys; do not share',
      '[default]',
      'aws_access_key_id=AKIADEFAULT000000000',
      'AWS_SECRET_ACCESS_KEY : defaultsecret',
      'region = eu-central-1',
      '',
      '; old profile',
      '[dev]',
      '  aws_access_key_id = AKIADEV00000000000',
      '  aws_secret_access_key = devsecret',
      '  aws_session_token = devtoken # kept as part of the value by botocore',
      '',
      '[atlas]',
      '# refreshed by atlas-sso',
      'aws_access_key_id = ASIAOLDOLDOLDOLDOLD0',
      'aws_secret_access_key = oldsecret',
      'aws_security_token = STALETOKEN',
      'region = us-west-2',
      '',
      '[prod]',
      'aws_access_key_id = AKIAPROD0000000000000',
      'aws_secret_access_key = prodsecret',
    ].join('\r\n');
    const file = join(home, 'credentials');
    await writeFile(file, before);
    const others = ['default', 'dev', 'prod'];
    const readBefore = await Promise.all(others.map(exported));
    expect(readBefore[1]).toMatchObject({ SessionToken: 'devtoken # kept as part of the value by botocore' });
    expect(await exported('atlas')).toMatchObject({ SessionToken: 'STALETOKEN' });

    await writeCredentialsProfile({ profile: 'atlas', credentials, env });

    expect(await Promise.all(others.map(exported))).toEqual(readBefore);
    expect(await exported('atlas')).toEqual({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
    });
    expect((await aws('configure', 'get', 'region', '--profile', 'atlas')).trim()).toBe('us-west-2');
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(before.slice(0, before.indexOf('[atlas]')))).toBe(true);
    expect(after.endsWith(before.slice(before.indexOf('[prod]')))).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('a config profile with our credential_process and region: the CLI runs it and gets our keys and expiry', async () => {
    const script = join(home, 'print-credentials.mjs');
    await writeFile(script, `process.stdout.write(${JSON.stringify(credentialProcessJson(credentials))});\n`);
    await writeConfigProfile({
      profile: 'atlas',
      entries: [
        ['credential_process', `${process.execPath} ${script}`],
        ['region', 'eu-west-1'],
      ],
      env,
    });
    expect((await aws('configure', 'get', 'region', '--profile', 'atlas')).trim()).toBe('eu-west-1');
    expect(await exported('atlas')).toEqual({
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: expiresAt.replace('Z', '+00:00'),
    });
  });
});
