import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { findMongosh, installFolderCandidates, mongoshCandidates } from '../../../core/mongodb/find-mongosh.js';
import { isExecutableFile, pathCandidates } from '../../../core/shell/find-executable.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'find-mongosh-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function placeFile(relative: string, mode: number): Promise<string> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\n');
  await chmod(file, mode);
  return file;
}

/** The real check, but blind outside the test's tree, so a mongosh installed on this machine does not leak in. */
async function existsUnderRoot(file: string): Promise<boolean> {
  return file.startsWith(root) && (await isExecutableFile(file));
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(() => undefined, (error: unknown) => error);
}

describe('findMongosh on a real folder tree', () => {
  it('takes the first executable mongosh on PATH, in PATH order', async () => {
    await placeFile('a/mongosh', 0o644);
    const second = await placeFile('b/mongosh', 0o755);
    await placeFile('c/mongosh', 0o755);
    const env = { PATH: ['a', 'b', 'c'].map((folder) => path.join(root, folder)).join(':') };
    expect(await findMongosh({ env, platform: 'linux', homeDir: root })).toBe(second);
  });

  it('skips a folder named mongosh and falls back to ~/.local/bin', async () => {
    await mkdir(path.join(root, 'bin', 'mongosh'), { recursive: true });
    const local = await placeFile('.local/bin/mongosh', 0o755);
    const found = await findMongosh({ env: { PATH: path.join(root, 'bin') }, platform: 'linux', homeDir: root, exists: existsUnderRoot });
    expect(found).toBe(local);
  });

  it('uses the configured path when it is executable, even if another is on PATH', async () => {
    await placeFile('bin/mongosh', 0o755);
    const configured = await placeFile('custom/mongosh-2.5', 0o755);
    expect(await findMongosh({ configuredPath: configured, env: { PATH: path.join(root, 'bin') }, platform: 'linux', homeDir: root })).toBe(configured);
  });

  it('reports a configured path that is not executable instead of searching elsewhere', async () => {
    await placeFile('bin/mongosh', 0o755);
    const configured = await placeFile('custom/mongosh', 0o644);
    const error = await caught(findMongosh({ configuredPath: configured, env: { PATH: path.join(root, 'bin') }, platform: 'linux', homeDir: root }));
    expect(isAtlasSsoError(error, 'mongodb-mongosh-not-found')).toBe(true);
    expect((error as Error).message).toContain(configured);
    expect((error as Error).message).toContain('Settings');
  });

  it('says how to install mongosh when it is nowhere', async () => {
    const error = await caught(findMongosh({ env: { PATH: path.join(root, 'empty') }, platform: 'linux', homeDir: root, exists: existsUnderRoot }));
    expect(isAtlasSsoError(error, 'mongodb-mongosh-not-found')).toBe(true);
    expect((error as Error).message).toContain('https://www.mongodb.com/try/download/shell');
    expect((error as Error).message).toContain('npm install -g mongosh');
  });
});

describe('search order per OS', () => {
  it('Windows: PATH with each PATHEXT extension, case-insensitive variable names, then the installer folders', () => {
    const env = { Path: 'C:\\Tools;"C:\\Program Files\\Shell"', PATHEXT: '.EXE;.CMD', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', ProgramFiles: 'C:\\Program Files', APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' };
    expect(mongoshCandidates({ env, platform: 'win32' }, 'C:\\Users\\ann')).toEqual([
      'C:\\Tools\\mongosh.exe',
      'C:\\Tools\\mongosh.cmd',
      'C:\\Program Files\\Shell\\mongosh.exe',
      'C:\\Program Files\\Shell\\mongosh.cmd',
      'C:\\Users\\ann\\AppData\\Local\\Programs\\mongosh\\mongosh.exe',
      'C:\\Program Files\\mongosh\\mongosh.exe',
      'C:\\Users\\ann\\AppData\\Roaming\\npm\\mongosh.cmd',
    ]);
  });

  it('Windows: finds mongosh.exe through a fake file system', async () => {
    const present = new Set(['C:\\Program Files\\mongosh\\mongosh.exe']);
    const found = await findMongosh({ env: { PATH: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' }, platform: 'win32', homeDir: 'C:\\Users\\ann', exists: (file) => Promise.resolve(present.has(file)) });
    expect(found).toBe('C:\\Program Files\\mongosh\\mongosh.exe');
  });

  it('macOS: Homebrew (Apple silicon, then Intel), then ~/Applications', () => {
    expect(installFolderCandidates({ env: {}, platform: 'darwin' }, '/Users/ann')).toEqual(['/opt/homebrew/bin/mongosh', '/usr/local/bin/mongosh', '/Users/ann/Applications/mongosh/bin/mongosh', '/Applications/mongosh/bin/mongosh']);
  });

  it('Linux: PATH first, duplicates removed, then the package folders', () => {
    expect(mongoshCandidates({ env: { PATH: '/usr/bin:/opt/bin' }, platform: 'linux' }, '/home/ann')).toEqual(['/usr/bin/mongosh', '/opt/bin/mongosh', '/usr/local/bin/mongosh', '/home/ann/.local/bin/mongosh', '/snap/bin/mongosh']);
  });

  it('ignores empty PATH entries instead of searching the current folder', () => {
    expect(pathCandidates('mongosh', { env: { PATH: ':/bin::' }, platform: 'linux' })).toEqual(['/bin/mongosh']);
  });
});
