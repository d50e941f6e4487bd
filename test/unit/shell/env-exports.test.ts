import { describe, expect, it } from 'vitest';
import { envExportLines } from '../../../core/shell/env-exports.js';

const variables = new Map([
  ['AWS_ACCESS_KEY_ID', 'ASIAEXAMPLE'],
  ['AWS_SESSION_TOKEN', "to'ken+/="],
]);

describe('envExportLines', () => {
  it('writes bash and zsh exports', () => {
    expect(envExportLines('bash', variables)).toEqual(["export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'", "export AWS_SESSION_TOKEN='to'\\''ken+/='"]);
    expect(envExportLines('zsh', variables)).toEqual(envExportLines('bash', variables));
  });

  it('writes fish global exports', () => {
    expect(envExportLines('fish', variables)).toEqual(["set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE'", "set -gx AWS_SESSION_TOKEN 'to\\'ken+/='"]);
  });

  it('writes PowerShell $env: assignments', () => {
    expect(envExportLines('powershell', variables)).toEqual(["$env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE'", "$env:AWS_SESSION_TOKEN = 'to''ken+/='"]);
  });

  it('writes cmd set lines', () => {
    expect(envExportLines('cmd', { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE', AWS_REGION: 'eu-west-1' })).toEqual(['set "AWS_ACCESS_KEY_ID=ASIAEXAMPLE"', 'set "AWS_REGION=eu-west-1"']);
  });

  it('takes pairs, a Map or a record, in order', () => {
    const pairs: [string, string][] = [['B', '2'], ['A', '1']];
    expect(envExportLines('bash', pairs)).toEqual(["export B='2'", "export A='1'"]);
    expect(envExportLines('bash', { B: '2', A: '1' })).toEqual(["export B='2'", "export A='1'"]);
  });

  it('refuses names a shell would read as something else', () => {
    for (const name of ['A-B', '1A', 'A B', 'A;rm', '']) {
      expect(() => envExportLines('bash', { [name]: 'x' })).toThrow(expect.objectContaining({ code: 'mongodb-unsupported-shell-value' }));
    }
  });

  it('refuses an empty value for cmd, which would remove the variable', () => {
    expect(() => envExportLines('cmd', { A: '' })).toThrow(/empty/);
    expect(envExportLines('bash', { A: '' })).toEqual(["export A=''"]);
  });

  it('removes a variable given as null, in every shell', () => {
    const lines = (shell: Parameters<typeof envExportLines>[0]) => envExportLines(shell, [['AWS_PROFILE', null]]);
    expect(lines('bash')).toEqual(['unset AWS_PROFILE']);
    expect(lines('zsh')).toEqual(['unset AWS_PROFILE']);
    expect(lines('fish')).toEqual(['set -e AWS_PROFILE; or true']);
    expect(lines('powershell')).toEqual(['$env:AWS_PROFILE = $null']);
    expect(lines('cmd')).toEqual(['set "AWS_PROFILE="']);
  });
});
