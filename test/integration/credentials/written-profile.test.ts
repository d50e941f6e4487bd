import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCredentialsProfile } from '../../../core/credentials/write-profile.js';
import { findWrittenProfile, removeWrittenProfile } from '../../../core/credentials/written-profile.js';

const run = promisify(execFile);
const keys = { accessKeyId: 'ASIAOURS0000EXAMPLE', secretAccessKey: 'secret/ours', sessionToken: 'token+ours', expiration: new Date('2030-01-01T00:00:00Z') };
const others = '[default]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n\n';

let folder: string;
let env: NodeJS.ProcessEnv;
let file: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-written-profile-'));
  file = join(folder, 'credentials');
  env = { HOME: folder, AWS_SHARED_CREDENTIALS_FILE: file, AWS_CONFIG_FILE: join(folder, 'config'), PATH: '/usr/bin:/bin' };
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('sign-out removing the keys it wrote to an AWS profile', () => {
  it('finds and removes the profile holding the session keys; the AWS CLI still reads the rest', async () => {
    await writeFile(file, others, { mode: 0o600 });
    await writeCredentialsProfile({ profile: 'demo-corp', credentials: keys, env });
    expect(await findWrittenProfile({ profile: 'demo-corp', accessKeyId: keys.accessKeyId, env })).toEqual({ profile: 'demo-corp', filePath: file, holdsKeys: true });
    expect(await removeWrittenProfile({ profile: 'demo-corp', accessKeyId: keys.accessKeyId, env })).toMatchObject({ holdsKeys: true });
    expect(await readFile(file, 'utf8')).toBe(others);
    const { stdout } = await run('/usr/bin/aws', ['configure', 'get', 'aws_access_key_id', '--profile', 'default'], { env });
    expect(stdout.trim()).toBe('AKIAOTHER');
  });

  it('leaves a profile that now holds other keys alone', async () => {
    await writeFile(file, `${others}[demo-corp]\naws_access_key_id = AKIAPERSON\n`, { mode: 0o600 });
    const before = await readFile(file, 'utf8');
    expect(await removeWrittenProfile({ profile: 'demo-corp', accessKeyId: keys.accessKeyId, env })).toMatchObject({ holdsKeys: false });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('creates no file when there is none', async () => {
    expect(await removeWrittenProfile({ profile: 'demo-corp', accessKeyId: keys.accessKeyId, env })).toMatchObject({ holdsKeys: false });
    expect(existsSync(file)).toBe(false);
  });
});
