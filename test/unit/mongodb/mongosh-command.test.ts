import { describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { mongoshCommandWithKeys, mongoshCommandWithProfile } from '../../../core/mongodb/mongosh-command.js';
import type { Shell } from '../../../core/shell/shells.js';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEHkaCXVz+/tok==',
  expiration: new Date('2030-01-01T00:00:00Z'),
};
const uri = 'mongodb+srv://cluster0.abcde.mongodb.net/?appName=Cluster0&authSource=%24external&authMechanism=MONGODB-AWS';

describe('mongoshCommandWithKeys', () => {
  it('bash: keys as prefix assignments of that command only, AWS_PROFILE hidden, kept out of history', () => {
    expect(mongoshCommandWithKeys({ shell: 'bash', uri, credentials })).toBe(
      ` AWS_ACCESS_KEY_ID='ASIAIOSFODNN7EXAMPLE' AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEHkaCXVz+/tok==' AWS_PROFILE= mongosh '${uri}'`,
    );
  });

  it('zsh and fish use the same prefix form', () => {
    expect(mongoshCommandWithKeys({ shell: 'zsh', uri, credentials })).toBe(mongoshCommandWithKeys({ shell: 'bash', uri, credentials }));
    expect(mongoshCommandWithKeys({ shell: 'fish', uri, credentials })).toBe(mongoshCommandWithKeys({ shell: 'bash', uri, credentials }));
  });

  it('PowerShell: sets $env: in a script block, runs mongosh in try, restores in finally', () => {
    expect(mongoshCommandWithKeys({ shell: 'powershell', uri, credentials, mongoshPath: 'C:\\Tools\\mongosh.exe' })).toBe(
      "& { $saved = @{}; foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }; "
      + "try { $env:AWS_ACCESS_KEY_ID = 'ASIAIOSFODNN7EXAMPLE'; $env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'; $env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEHkaCXVz+/tok=='; $env:AWS_PROFILE = $null; "
      + `& 'C:\\Tools\\mongosh.exe' '${uri}' } `
      + 'finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } } }',
    );
  });

  it('cmd: sets in the same cmd.exe, clears afterwards, and writes $external without a % cmd would expand', () => {
    expect(mongoshCommandWithKeys({ shell: 'cmd', uri, credentials })).toBe(
      '(set "AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE" & set "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" & set "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEHkaCXVz+/tok==" & set "AWS_PROFILE=" '
      + '& mongosh "mongodb+srv://cluster0.abcde.mongodb.net/?appName=Cluster0&authSource=$external&authMechanism=MONGODB-AWS") '
      + '& set "AWS_ACCESS_KEY_ID=" & set "AWS_SECRET_ACCESS_KEY=" & set "AWS_SESSION_TOKEN="',
    );
  });

  it('cmd refuses a connection string with other %-escapes rather than let cmd expand them', () => {
    expect(() => mongoshCommandWithKeys({ shell: 'cmd', uri: 'mongodb://h/?appName=My%20App&authSource=%24external&authMechanism=MONGODB-AWS', credentials }))
      .toThrow(expect.objectContaining({ code: 'mongodb-unsupported-shell-value' }));
  });

  it.each<Shell>(['bash', 'zsh', 'fish', 'powershell', 'cmd'])('%s: never puts a key in a flag or the URI, and passes extra arguments quoted', (shell) => {
    const line = mongoshCommandWithKeys({ shell, uri, credentials, extraArgs: ['--apiVersion', '1'] });
    expect(line).not.toMatch(/--aws|--username|--password/i);
    expect(line.split(credentials.secretAccessKey)).toHaveLength(2);
    expect(line.split(credentials.sessionToken)).toHaveLength(2);
    expect(line).toMatch(/--apiVersion['"]? ['"]1['"]/);
  });
});

describe('mongoshCommandWithProfile', () => {
  it.each<[Shell, string]>([
    ['bash', "AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= AWS_SESSION_TOKEN= AWS_PROFILE='atlas-dev' mongosh 'URI'"],
    ['fish', "AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= AWS_SESSION_TOKEN= AWS_PROFILE='atlas-dev' mongosh 'URI'"],
    ['cmd', '(set "AWS_ACCESS_KEY_ID=" & set "AWS_SECRET_ACCESS_KEY=" & set "AWS_SESSION_TOKEN=" & set "AWS_PROFILE=atlas-dev" & mongosh "URI") & set "AWS_PROFILE="'],
    ['powershell', "& { $saved = @{}; foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE') { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }; "
      + "try { $env:AWS_ACCESS_KEY_ID = $null; $env:AWS_SECRET_ACCESS_KEY = $null; $env:AWS_SESSION_TOKEN = $null; $env:AWS_PROFILE = 'atlas-dev'; & 'mongosh' 'URI' } "
      + 'finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } } }'],
  ])('%s: AWS_PROFILE for that command only, keys of the calling shell hidden', (shell, expected) => {
    expect(mongoshCommandWithProfile({ shell, uri: 'URI', profile: 'atlas-dev' })).toBe(expected);
  });

  it('quotes a hostile profile name', () => {
    expect(mongoshCommandWithProfile({ shell: 'bash', uri: 'URI', profile: "a'b$(x)" })).toContain("AWS_PROFILE='a'\\''b$(x)'");
    expect(() => mongoshCommandWithProfile({ shell: 'cmd', uri: 'URI', profile: 'a&b' })).toThrow(/PowerShell/);
  });
});
