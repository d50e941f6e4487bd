import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '../../../core/connections/schema.js';
import { credentialProcessCommandLine, hasStaticKeys, profileRegionFor } from '../../../core/credentials/credential-process-profile.js';

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
