import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInLoginShell } from '../../../core/mongodb/login-shell-path.js';

let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'atlas-sso-login-shell-'));
  await mkdir(join(home, 'tools'));
  await writeFile(join(home, 'tools', 'mongosh'), '#!/bin/sh\n');
  await chmod(join(home, 'tools', 'mongosh'), 0o755);
  // Only the rc files put the folder on PATH, and they greet first, as some do.
  await writeFile(join(home, '.bashrc'), 'echo "Welcome back"\nexport PATH="$HOME/tools:$PATH"\n');
  await writeFile(join(home, '.bash_profile'), '. "$HOME/.bashrc"\n');
  await writeFile(join(home, '.zshrc'), 'export PATH="$HOME/tools:$PATH"\n');
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('findInLoginShell', () => {
  it.each([['/bin/bash'], ['/usr/bin/zsh']])('asks %s as a terminal starts it, so rc files count', async (shell) => {
    const env = { HOME: home, PATH: '/usr/bin:/bin', SHELL: shell };
    expect(await findInLoginShell('mongosh', { env, platform: 'linux' })).toEqual({ asked: true, path: join(home, 'tools', 'mongosh') });
    expect(await findInLoginShell('no-such-tool-atlas-sso', { env, platform: 'linux' })).toEqual({ asked: true, path: undefined });
  });

  it('asks no shell on Windows or without $SHELL, and gives up on a shell slower than the deadline', async () => {
    expect(await findInLoginShell('mongosh', { env: { SHELL: '/bin/bash', HOME: home }, platform: 'win32' })).toEqual({ asked: false });
    expect(await findInLoginShell('mongosh', { env: { HOME: home }, platform: 'linux' })).toEqual({ asked: false });
    const slow = join(home, 'slow-shell');
    await writeFile(slow, '#!/bin/sh\nsleep 30\n');
    await chmod(slow, 0o755);
    expect(await findInLoginShell('mongosh', { env: { SHELL: slow, HOME: home, PATH: '/usr/bin:/bin' }, platform: 'linux', deadlineMs: 300 })).toEqual({ asked: false });
  });
});
