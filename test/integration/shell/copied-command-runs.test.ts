import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../../support/run-cli.js';
import { runCli } from '../../support/run-cli.js';
import type { DemoWorld } from '../mongosh/demo-world.js';
import { startDemoWorld } from '../mongosh/demo-world.js';

// The printed command is pasted into a NEW terminal: a shell started with `env -i HOME=<home> PATH=/usr/bin:/bin` that
// reads its rc files, with mongosh installed under that home (on the shell's PATH through an rc file, or only in an
// install folder) or not at all. Real mongosh, real Atlas and STS emulators.

const realMongosh = resolve('node_modules/@mongosh/cli-repl/bin/mongosh.js');
const dbaArn = 'arn:aws:iam::012345678901:role/AtlasDba';
const whoAmI = 'db.runCommand({ connectionStatus: 1 }).authInfo.authenticatedUsers[0].user\n';

type ShellName = 'bash' | 'zsh' | 'fish';
const shellPaths: Readonly<Record<ShellName, string>> = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' };
/** Where each shell reads a line that puts ~/bin on PATH, as people set it up. */
const rcFiles: Readonly<Record<ShellName, readonly (readonly [string, string])[]>> = {
  bash: [['.bashrc', 'export PATH="$HOME/bin:$PATH"\n'], ['.bash_profile', '. "$HOME/.bashrc"\n']],
  zsh: [['.zshrc', 'export PATH="$HOME/bin:$PATH"\n']],
  fish: [['.config/fish/config.fish', 'set -gx PATH $HOME/bin $PATH\n']],
};

type Install = 'on-shell-path' | 'install-folder-only' | 'missing';

let world: DemoWorld;
const homes: string[] = [];

beforeAll(async () => {
  world = await startDemoWorld();
});
afterAll(async () => {
  await world.close();
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

/** A person's home: mongosh installed as `install` says (a wrapper that runs node_modules' real mongosh quietly and offline). */
async function homeWith(shell: ShellName, install: Install): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), `atlas-sso-paste-${shell}-`));
  homes.push(home);
  if (install === 'missing') return home;
  const folder = install === 'on-shell-path' ? join(home, 'bin') : join(home, '.local', 'bin');
  await mkdir(folder, { recursive: true });
  const wrapper = join(folder, 'mongosh');
  await writeFile(
    wrapper,
    `#!/bin/sh\nexport MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING=1 DO_NOT_TRACK=1 MONGOSH_SKIP_NODE_VERSION_CHECK=1 CI=1 AWS_EC2_METADATA_DISABLED=true\nexec ${process.execPath} ${realMongosh} "$@"\n`,
  );
  await chmod(wrapper, 0o755);
  if (install === 'on-shell-path') {
    for (const [file, line] of rcFiles[shell]) {
      await mkdir(dirname(join(home, file)), { recursive: true });
      await writeFile(join(home, file), line);
    }
  }
  return home;
}

/** `atlas-sso assume … --format mongosh` from a terminal whose login shell is `shell`. */
async function printCommand(shell: ShellName, home: string, variant: 'keys' | 'profile'): Promise<CliRun> {
  const profile = variant === 'profile' ? ['--write-profile', 'atlas-prod'] : [];
  // The profile variant writes where the app's environment says, away from ~/.aws: the command must carry that file.
  const files = variant === 'profile' ? { AWS_SHARED_CREDENTIALS_FILE: join(home, 'app-aws', 'credentials'), AWS_CONFIG_FILE: join(home, 'app-aws', 'config') } : {};
  return runCli(['assume', '--saml-response', await world.samlFile(), '--role', 'AtlasDba', '--format', 'mongosh', '--cluster', world.atlas.uri, '--shell', shell, ...profile], {
    env: { HOME: home, SHELL: shellPaths[shell], AWS_ENDPOINT_URL_STS: world.sts.url, ...files },
    timeoutMs: 30_000,
  });
}

/** Pastes `command` into a new interactive `shell` (rc files read) started with `env -i`, mongosh's script on stdin. */
async function paste(shell: ShellName, home: string, command: string): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  const child = spawn('/usr/bin/env', ['-i', `HOME=${home}`, 'PATH=/usr/bin:/bin', shellPaths[shell], '-i', '-c', command], { cwd: home, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(whoAmI);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, stdout, stderr };
}

describe.each(['bash', 'zsh', 'fish'] as const)('the command printed for %s, pasted into a new terminal', (shell) => {
  it.each(['keys', 'profile'] as const)('with the %s variant: names the mongosh the shell finds on its PATH, and mongosh signs in as the role', async (variant) => {
    const home = await homeWith(shell, 'on-shell-path');
    const printed = await printCommand(shell, home, variant);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).not.toContain('not installed');
    expect(printed.stdout).toMatch(/ mongosh '/);
    if (variant === 'profile') {
      expect(printed.stderr).toMatch(/^Saved keys as profile atlas-prod in ~\/app-aws\/credentials, valid until (\d{4}-\d\d-\d\d )?\d\d:\d\d\.$/m); // the date only when it is not today
      expect(printed.stdout).toContain(`AWS_SHARED_CREDENTIALS_FILE='${join(home, 'app-aws', 'credentials')}'`);
    }
    const pasted = await paste(shell, home, printed.stdout.trim());
    expect(pasted.stdout, pasted.stderr).toContain(dbaArn);
  });

  it('names mongosh by its absolute path when it is only in an install folder the shell does not search', async () => {
    const home = await homeWith(shell, 'install-folder-only');
    const printed = await printCommand(shell, home, 'keys');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(join(home, '.local', 'bin', 'mongosh'));
    const pasted = await paste(shell, home, printed.stdout.trim());
    expect(pasted.stdout, pasted.stderr).toContain(dbaArn);
  });

  it('still prints the command when mongosh is nowhere, and says before pasting that it is not installed and how to get it', async () => {
    const home = await homeWith(shell, 'missing');
    const printed = await printCommand(shell, home, 'profile');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stderr).toContain('mongosh is not installed: get it from MongoDB\'s download page (https://www.mongodb.com/try/download/shell), with `brew install mongosh` on macOS');
    expect(printed.stderr).toContain('Saved keys as profile atlas-prod in ~/app-aws/credentials');
    const pasted = await paste(shell, home, printed.stdout.trim());
    expect(pasted.code).toBe(127);
    expect(pasted.stdout).not.toContain(dbaArn);
  });
});
