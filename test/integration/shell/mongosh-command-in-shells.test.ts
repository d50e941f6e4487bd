import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { mongoshCommandWithKeys, mongoshCommandWithProfile } from '../../../core/mongodb/mongosh-command.js';
import { envExportLines } from '../../../core/shell/env-exports.js';

// PowerShell (pwsh) and cmd.exe cannot be installed here: their command text is covered by the unit tests.

const standInDir = fileURLToPath(new URL('../../fixtures/stand-in-mongosh/', import.meta.url));

interface ShellUnderTest {
  readonly shell: 'bash' | 'zsh' | 'fish';
  readonly path: string;
  /** Run a script with no user configuration. */
  readonly flags: readonly string[];
  /** A script that prints NAME=value, or NAME=<unset>, for a variable of this very shell. */
  readonly probe: (name: string) => string;
}

const posixProbe = (name: string): string => `printf '%s\\n' "${name}=\${${name}-<unset>}"`;
const shellsUnderTest: readonly ShellUnderTest[] = [
  { shell: 'bash', path: '/bin/bash', flags: ['--norc', '--noprofile', '-c'], probe: posixProbe },
  { shell: 'zsh', path: '/usr/bin/zsh', flags: ['-f', '-c'], probe: posixProbe },
  { shell: 'fish', path: '/usr/bin/fish', flags: ['--no-config', '-c'], probe: (name) => `if set -q ${name}; echo "${name}=$${name}"; else; echo '${name}=<unset>'; end` },
];

const awsNames = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;

/** Values no real key holds, to prove the quoting: quotes, expansions, separators, non-ASCII. */
const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIA$(touch pwned-key)EXAMPLE',
  secretAccessKey: `wJalr'XUtn"FEMI/K7\`touch pwned-tick\`;&|<>%PATH%!ü\\`,
  sessionToken: 'IQoJ b3Jp $HOME ‘’ ${PATH} *?[a] ~ # 日本+/==',
  expiration: new Date('2030-01-01T00:00:00Z'),
};
const uri = "mongodb://127.0.0.1:27017/?directConnection=true&appName=it's $(touch pwned-uri)&authSource=%24external&authMechanism=MONGODB-AWS";

let workDir = '';
let recordFile = '';

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'atlas-sso-shell-'));
  recordFile = join(workDir, 'record.json');
  chmodSync(join(standInDir, 'mongosh'), 0o755);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

interface Run {
  /** What the stand-in mongosh saw. */
  readonly record: { readonly argv: readonly string[]; readonly environment: Readonly<Record<string, string>> };
  /** What the calling shell holds afterwards, per variable. */
  readonly after: Readonly<Record<string, string>>;
}

/** Runs `script` then the probes in a fresh shell whose environment holds only `ambient` of AWS_*. */
function runInShell(target: ShellUnderTest, script: string, ambient: Readonly<Record<string, string>>, probed: readonly string[] = awsNames): Run {
  rmSync(recordFile, { force: true });
  const probes = probed.map((name) => target.probe(name)).join('\n');
  const result = spawnSync(target.path, [...target.flags, `${script}\n${probes}`], {
    cwd: workDir,
    encoding: 'utf8',
    env: { PATH: `${standInDir}:${process.env.PATH ?? ''}`, HOME: workDir, LANG: 'C.UTF-8', STAND_IN_RECORD: recordFile, ...ambient },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const after = Object.fromEntries(result.stdout.trimEnd().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  return { record: JSON.parse(readFileSync(recordFile, 'utf8')) as Run['record'], after };
}

describe.each(shellsUnderTest)('$shell', (target) => {
  it('runs mongosh with the keys in its environment only, the URI as one argument, AWS_PROFILE hidden', () => {
    const { record, after } = runInShell(target, mongoshCommandWithKeys({ shell: target.shell, uri, credentials }), { AWS_PROFILE: 'ambient' });
    expect(record.argv).toEqual([uri]);
    expect(record.environment).toEqual({
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_PROFILE: '',
    });
    expect(after).toEqual({ AWS_ACCESS_KEY_ID: '<unset>', AWS_SECRET_ACCESS_KEY: '<unset>', AWS_SESSION_TOKEN: '<unset>', AWS_PROFILE: 'ambient' });
    expect(existsSync(join(workDir, 'pwned-key')) || existsSync(join(workDir, 'pwned-tick')) || existsSync(join(workDir, 'pwned-uri'))).toBe(false);
  });

  it('leaves a shell with no AWS variables with none', () => {
    const { after } = runInShell(target, mongoshCommandWithKeys({ shell: target.shell, uri, credentials }), {});
    expect(Object.values(after)).toEqual(['<unset>', '<unset>', '<unset>', '<unset>']);
  });

  it('runs mongosh with AWS_PROFILE only, hiding keys the calling shell holds and keeping them there', () => {
    const ambient = { AWS_ACCESS_KEY_ID: 'AKIAAMBIENT', AWS_SECRET_ACCESS_KEY: 'ambient-secret', AWS_SESSION_TOKEN: 'ambient-token' };
    const { record, after } = runInShell(target, mongoshCommandWithProfile({ shell: target.shell, uri, profile: "atlas-dev's $(x)", extraArgs: ['--apiVersion', '1'] }), ambient);
    expect(record.argv).toEqual([uri, '--apiVersion', '1']);
    expect(record.environment).toEqual({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: "atlas-dev's $(x)" });
    expect(after).toEqual({ ...ambient, AWS_PROFILE: '<unset>' });
  });

  it('finds mongosh by a path with spaces and quotes', () => {
    const folder = join(workDir, `My "Tools" 'n' $(x)`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(standInDir, 'mongosh'), join(folder, 'mongosh'));
    chmodSync(join(folder, 'mongosh'), 0o755);
    const { record } = runInShell(target, mongoshCommandWithKeys({ shell: target.shell, uri, credentials, mongoshPath: join(folder, 'mongosh') }), {});
    expect(record.argv).toEqual([uri]);
  });

  it('sets exported variables in the shell that evaluates the export lines, read back exactly', () => {
    const values = {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_TEST_LINES: 'first line\nsecond \'line\'\n\ttabbed',
      AWS_TEST_EMPTY: '',
    };
    const lines = envExportLines(target.shell, values).join('\n');
    // As people use it: eval "$(atlas-sso assume --format env)" in bash and zsh, `| source` in fish.
    const evaluate = target.shell === 'fish' ? 'printf \'%s\' "$EXPORTS" | source' : 'eval "$EXPORTS"';
    const script = `${evaluate}\nmongosh`;
    rmSync(recordFile, { force: true });
    const result = spawnSync(target.path, [...target.flags, script], {
      cwd: workDir,
      encoding: 'utf8',
      env: { PATH: `${standInDir}:${process.env.PATH ?? ''}`, HOME: workDir, LANG: 'C.UTF-8', STAND_IN_RECORD: recordFile, EXPORTS: lines },
    });
    expect(result.stderr).toBe('');
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as Run['record'];
    expect(record.environment).toEqual(values);
    expect(existsSync(join(workDir, 'pwned-key')) || existsSync(join(workDir, 'pwned-tick'))).toBe(false);
  });
});
