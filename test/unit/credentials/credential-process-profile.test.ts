import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '../../../core/connections/schema.js';
import { credentialProcessCommandLine, credentialProcessRolesFor, hasStaticKeys, profileRegionFor } from '../../../core/credentials/credential-process-profile.js';

const words = ['/opt/My Tools/node', "/home/o'brien/atlas sso/dist/cli/main.js", 'credential-process', '--connection', 'acme', '--role', 'arn:aws:iam::012345678901:role/team/Dba'];

describe('credentialProcessCommandLine', () => {
  const line = credentialProcessCommandLine(words, 'linux');

  it('quotes only what needs it', () => {
    expect(line).toBe(`'/opt/My Tools/node' '/home/o'\\''brien/atlas sso/dist/cli/main.js' credential-process --connection acme --role arn:aws:iam::012345678901:role/team/Dba`);
  });

  it("splits back into the same words with botocore's shlex and with sh (the JS SDK's exec)", () => {
    const shlex = execFileSync('python3', ['-c', 'import json,shlex,sys; print(json.dumps(shlex.split(sys.argv[1])))', line], { encoding: 'utf8' });
    expect(JSON.parse(shlex)).toEqual(words);
    const sh = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${line}`], { encoding: 'utf8' });
    expect(sh.trimEnd().split('\n')).toEqual(words);
  });

  it('uses double quotes on Windows', () => {
    expect(credentialProcessCommandLine(['C:\\Program Files\\nodejs\\node.exe', 'C:\\x\\main.js'], 'win32')).toBe('"C:\\Program Files\\nodejs\\node.exe" C:\\x\\main.js');
  });
});

describe('profileRegionFor', () => {
  const connection = (fields: Record<string, string> = {}) => connectionSchema.parse({ id: 'a', name: 'A', idpUrl: 'https://idp.example.com', ...fields });

  it("takes the connection's region, then its ACS URL's, then the role's partition default", () => {
    expect(profileRegionFor(connection({ stsRegion: 'eu-central-1' }), 'arn:aws:iam::012345678901:role/R')).toBe('eu-central-1');
    expect(profileRegionFor(connection({ acsUrl: 'https://eu-west-3.signin.aws.amazon.com/saml' }), 'R')).toBe('eu-west-3');
    expect(profileRegionFor(connection(), 'arn:aws-cn:iam::012345678901:role/R')).toBe('cn-north-1');
    expect(profileRegionFor(connection(), 'Dba')).toBe('us-east-1');
  });
});

describe('hasStaticKeys', () => {
  it('finds keys only in the named section', () => {
    const text = '[default]\naws_access_key_id = A\n[atlas]\nregion = us-east-1\n';
    expect(hasStaticKeys(text, 'default')).toBe(true);
    expect(hasStaticKeys(text, 'atlas')).toBe(false);
    expect(hasStaticKeys('', 'atlas')).toBe(false);
  });
});

describe('credentialProcessRolesFor', () => {
  const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
  it("reads the --role of every credential_process that runs atlas-sso for the connection, quoted either way", () => {
    const config = [
      '[profile a]',
      `credential_process = /usr/bin/node '/opt/atlas sso/dist/cli/main.js' credential-process --connection acme --role ${dba}`,
      '[profile b]',
      'credential_process = "C:\\Program Files\\Atlas SSO\\atlas-sso.exe" credential-process --connection=acme --role=AtlasReader',
      '[profile c]',
      `credential_process = atlas-sso credential-process --connection acme-prod --role ${dba}`,
      '[profile d]',
      'credential_process = other-tool --connection acme --role Admin',
      '[profile e]',
      `region = us-east-1`,
      '[profile f]',
      `credential_process = atlas-sso credential-process --role ${dba} --connection acme`,
    ].join('\n');
    expect(credentialProcessRolesFor(config, 'acme')).toEqual([dba, 'AtlasReader']);
    expect(credentialProcessRolesFor(config, 'acme-prod')).toEqual([dba]);
    expect(credentialProcessRolesFor(config, 'other')).toEqual([]);
    expect(credentialProcessRolesFor('', 'acme')).toEqual([]);
  });

  it('skips a line that names no role (credential-process would then pick one itself)', () => {
    expect(credentialProcessRolesFor('[profile a]\ncredential_process = atlas-sso credential-process --connection acme\n', 'acme')).toEqual([]);
  });
});
