import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { exitedPid } from '../../support/exited-pid.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { checkFileEditable, editFileAtomically } from '../../../core/credentials/atomic-edit.js';
import { writeConfigProfile, writeCredentialsProfile } from '../../../core/credentials/write-profile.js';
import { AtlasSsoError } from '../../../core/errors.js';

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-atomic-'));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIAATOMIC1',
  secretAccessKey: 'SECRETatomic/key',
  sessionToken: 'TOKENatomic+1',
  expiration: new Date('2026-11-29T10:00:00Z'),
};

async function rejection(promise: Promise<unknown>): Promise<AtlasSsoError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AtlasSsoError);
  return error as AtlasSsoError;
}


/** A lock as a writer with this pid leaves it: the lock folder and, beside it, the holder record naming that folder. */
async function holdLockAs(file: string, pid: number): Promise<void> {
  await mkdir(`${file}.lock`);
  const lockFolder = await stat(`${file}.lock`);
  const holder = { pid, host: hostname(), startedAt: new Date().toISOString(), lockId: `${lockFolder.ino}:${lockFolder.birthtimeMs}` };
  await writeFile(`${file}.lock.holder`, JSON.stringify(holder));
}

describe('editFileAtomically', () => {
  it('creates ~/.aws as 0700 and the file as 0600, and leaves no temp file or lock behind', async () => {
    const written = await writeCredentialsProfile({ profile: 'atlas', credentials, env: { HOME: home } });
    expect(written).toEqual({ filePath: join(home, '.aws', 'credentials'), warnings: [] });
    expect((await stat(join(home, '.aws'))).mode & 0o777).toBe(0o700);
    expect((await stat(written.filePath)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(home, '.aws'))).toEqual(['credentials']);
    expect(await readFile(written.filePath, 'utf8')).toBe(
      '[atlas]\naws_access_key_id = ASIAATOMIC1\naws_secret_access_key = SECRETatomic/key\naws_session_token = TOKENatomic+1\nx_security_token_expires = 2026-11-29T10:00:00Z\n',
    );
  });

  it('narrows a world-readable file to 0600', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[other]\nx = 1\n', { mode: 0o644 });
    await chmod(file, 0o644);
    await editFileAtomically(file, (old) => `${old ?? ''}# more\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toBe('[other]\nx = 1\n# more\n');
  });

  it('refuses a read-only (0400) file with a message, leaving it and its mode unchanged', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[other]\nx = 1\n');
    await chmod(file, 0o400);
    const error = await rejection(editFileAtomically(file, (old) => `${old ?? ''}# more\n`));
    expect(error.code).toBe('credentials-file-io');
    expect(error.message).toContain(`${file} is read-only`);
    expect(error.message).toContain('chmod u+w');
    expect((await stat(file)).mode & 0o777).toBe(0o400);
    expect(await readFile(file, 'utf8')).toBe('[other]\nx = 1\n');
    expect(await readdir(home)).toEqual(['credentials']);
  });

  it('follows a symlinked file: the link stays a link and its target gets the new content', async () => {
    const dotfiles = join(home, 'dotfiles');
    await mkdir(dotfiles);
    await writeFile(join(dotfiles, 'aws-credentials'), '[default]\nregion = x\n');
    await mkdir(join(home, '.aws'));
    await symlink('../dotfiles/aws-credentials', join(home, '.aws', 'credentials'));
    await writeCredentialsProfile({ profile: 'atlas', credentials, env: { HOME: home } });
    expect((await lstat(join(home, '.aws', 'credentials'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(home, '.aws', 'credentials'))).toBe('../dotfiles/aws-credentials');
    expect(await readFile(join(dotfiles, 'aws-credentials'), 'utf8')).toContain('[default]\nregion = x\n\n[atlas]\naws_access_key_id = ASIAATOMIC1\n');
    expect((await readdir(join(home, '.aws'))).sort()).toEqual(['credentials']);
    expect((await readdir(dotfiles)).sort()).toEqual(['aws-credentials']);
  });

  it('creates the target of a dangling symlink', async () => {
    await symlink(join(home, 'real-config'), join(home, 'config-link'));
    await writeConfigProfile({ profile: 'atlas', entries: [['region', 'eu-west-1']], env: { HOME: home, AWS_CONFIG_FILE: join(home, 'config-link') } });
    expect((await lstat(join(home, 'config-link'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(home, 'real-config'), 'utf8')).toBe('[profile atlas]\nregion = eu-west-1\n');
  });

  it('redoes the edit on the new content when another program wrote the file meanwhile', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[a]\nx = 1\n');
    const seen: (string | null)[] = [];
    await editFileAtomically(file, (old) => {
      seen.push(old);
      // An editor without our lock saves the file once, between our read and our rename.
      if (seen.length === 1) writeFileSync(file, '[a]\nx = 1\n[b]\ny = 2\n');
      return `${old ?? ''}[c]\nz = 3\n`;
    });
    expect(seen).toEqual(['[a]\nx = 1\n', '[a]\nx = 1\n[b]\ny = 2\n']);
    expect(await readFile(file, 'utf8')).toBe('[a]\nx = 1\n[b]\ny = 2\n[c]\nz = 3\n');
  });

  it('takes over a stale lock left by a crashed writer and removes its temp files', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[a]\nx = 1\n');
    await mkdir(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, old, old);
    await writeFile(join(home, '.credentials.atlas-sso-999-0123456789ab.tmp'), '[a]\nx = torn');
    await editFileAtomically(file, (text) => `${text ?? ''}y = 2\n`, { staleMs: 2000 });
    expect(await readFile(file, 'utf8')).toBe('[a]\nx = 1\ny = 2\n');
    expect(await readdir(home)).toEqual(['credentials']);
  });

  it('removes only its own temp files: the exact name pattern, a regular file, owned by this user', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[a]\nx = 1\n');
    const others = ['.credentials.atlas-sso-notes.tmp', '.credentials.atlas-sso-999-0123456789ab.tmp.bak', 'credentials.atlas-sso-999-0123456789ab.tmp'];
    for (const name of others) await writeFile(join(home, name), 'theirs');
    const someoneElses = join(home, '.credentials.atlas-sso-998-0123456789ab.tmp');
    await writeFile(someoneElses, 'theirs');
    if (process.getuid?.() === 0) await chown(someoneElses, 4321, 4321);
    else others.pop(); // only root can give a file away; the other checks still run
    const folderNamedLikeOne = join(home, '.credentials.atlas-sso-997-0123456789ab.tmp');
    await mkdir(folderNamedLikeOne);
    await editFileAtomically(file, (text) => `${text ?? ''}y = 2\n`);
    const left = (await readdir(home)).sort();
    expect(left).toEqual(['credentials', ...others, basename(folderNamedLikeOne), ...(process.getuid?.() === 0 ? [basename(someoneElses)] : [])].sort());
  });

  it('takes over at once a lock whose recorded holder on this host has exited (no stale wait)', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[a]\nx = 1\n');
    await holdLockAs(file, await exitedPid());
    // A stale timeout of a minute and a 5-second wait: only the holder record can get this write through.
    await editFileAtomically(file, (text) => `${text ?? ''}y = 2\n`, { staleMs: 60_000, lockWaitMs: 5_000 });
    expect(await readFile(file, 'utf8')).toBe('[a]\nx = 1\ny = 2\n');
    expect(await readdir(home)).toEqual(['credentials']);
  });

  it('waits for a recorded holder that is alive, and names it when giving up', async () => {
    const file = join(home, 'credentials');
    await holdLockAs(file, process.pid);
    const error = await rejection(editFileAtomically(file, () => 'x', { staleMs: 60_000, lockWaitMs: 300 }));
    expect(error.code).toBe('credentials-lock-timeout');
    expect(error.message).toContain(`process ${process.pid} on ${hostname()}`);
  });

  it('ignores a holder record left from an earlier lock (the lock folder was made again since)', async () => {
    const file = join(home, 'credentials');
    await holdLockAs(file, await exitedPid());
    await rm(`${file}.lock`, { recursive: true });
    await mkdir(`${file}.lock`); // a live writer's new lock, before it wrote its own record
    const error = await rejection(editFileAtomically(file, () => 'x', { staleMs: 60_000, lockWaitMs: 300 }));
    expect(error.code).toBe('credentials-lock-timeout');
  });

  it('gives up with credentials-lock-timeout while a live writer holds the lock, naming the file', async () => {
    const file = join(home, 'credentials');
    await mkdir(`${file}.lock`);
    const error = await rejection(editFileAtomically(file, () => 'x', { staleMs: 60_000, lockWaitMs: 200 }));
    expect(error.code).toBe('credentials-lock-timeout');
    expect(error.message).toContain(file);
    await expect(stat(file)).rejects.toThrow();
  });

  it('refuses a file that is not UTF-8 and leaves it unchanged', async () => {
    const file = join(home, 'credentials');
    const bytes = Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x0a]);
    await writeFile(file, bytes);
    const error = await rejection(editFileAtomically(file, () => 'x'));
    expect(error.code).toBe('credentials-file-unparsable');
    expect(await readFile(file)).toEqual(bytes);
  });

  it('reports a folder in place of the file as credentials-file-io naming the path', async () => {
    const file = join(home, 'credentials');
    await mkdir(file);
    const error = await rejection(editFileAtomically(file, () => 'x'));
    expect(error.code).toBe('credentials-file-io');
    expect(error.message).toContain(file);
    expect(error.message).toContain('folder');
  });
});

describe('checkFileEditable (run before STS)', () => {
  it('accepts a missing file in a missing folder, creating nothing', async () => {
    await checkFileEditable(join(home, '.aws', 'credentials'));
    expect(await readdir(home)).toEqual([]);
  });

  it('refuses a read-only file with the message the write would give', async () => {
    const file = join(home, 'credentials');
    await writeFile(file, '[a]\n');
    await chmod(file, 0o400);
    const error = await rejection(checkFileEditable(file));
    expect(error.message).toContain(`${file} is read-only`);
  });

  it('refuses a folder that cannot be made (a file stands where it should be)', async () => {
    await writeFile(join(home, 'aws'), 'not a folder');
    const file = join(home, 'aws', 'credentials');
    const error = await rejection(checkFileEditable(file));
    expect(error.code).toBe('credentials-file-io');
    expect(error.message).toContain(file);
    expect(error.message).toContain('is a file, not a folder');
  });

  it('refuses a folder in place of the file', async () => {
    await mkdir(join(home, 'credentials'));
    const error = await rejection(checkFileEditable(join(home, 'credentials')));
    expect(error.message).toContain('it is a folder');
  });
});

describe('writeCredentialsProfile', () => {
  it('refuses a file the AWS CLI cannot read, naming it, without a secret in the message, and leaves it unchanged', async () => {
    const file = join(home, 'creds');
    const before = '[a]\naws_secret_access_key = OLDSECRET\n[a]\n';
    await writeFile(file, before);
    const error = await rejection(writeCredentialsProfile({ profile: 'atlas', credentials, env: { HOME: home, AWS_SHARED_CREDENTIALS_FILE: file } }));
    expect(error.code).toBe('credentials-file-unparsable');
    expect(error.message).toContain(file);
    expect(error.message).toContain('[a]');
    expect(error.message).not.toMatch(/OLDSECRET|SECRETatomic|TOKENatomic/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('returns the warning when it merged a duplicated target profile', async () => {
    const file = join(home, 'creds');
    await writeFile(file, '[atlas]\nregion = a\n[atlas]\noutput = json\n');
    const written = await writeCredentialsProfile({ profile: 'atlas', credentials, env: { HOME: home, AWS_SHARED_CREDENTIALS_FILE: file } });
    expect(written.warnings).toHaveLength(1);
    expect(written.warnings[0]).toContain('[atlas]');
    expect((await readFile(file, 'utf8')).match(/\[atlas\]/g)).toHaveLength(1);
  });

  it('refuses a bad profile name before creating anything', async () => {
    const error = await rejection(writeCredentialsProfile({ profile: 'a b', credentials, env: { HOME: home } }));
    expect(error.code).toBe('credentials-invalid-profile-name');
    expect(await readdir(home)).toEqual([]);
  });
});
