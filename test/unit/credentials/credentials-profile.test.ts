import { describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { upsertConfigProfile, upsertCredentialsProfile } from '../../../core/credentials/credentials-profile.js';
import { scanIni } from '../../../core/credentials/ini-sections.js';
import { isAtlasSsoError } from '../../../core/errors.js';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIAEXAMPLE1',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE+token/with=chars',
  expiration: new Date('2026-11-29T10:00:00.750Z'),
};

function values(text: string, section: string): Record<string, string> {
  const found = scanIni(text).sections.find((s) => s.name === section);
  return Object.fromEntries((found?.keys ?? []).map((key) => [key.name, key.value]));
}

describe('upsertCredentialsProfile', () => {
  it('writes the four keys, expiry as RFC 3339 UTC to the second, and keeps region', () => {
    const edit = upsertCredentialsProfile('[atlas]\nregion = eu-west-1\naws_security_token = STALE\n', 'atlas', credentials);
    expect(values(edit.text, 'atlas')).toEqual({
      region: 'eu-west-1',
      aws_access_key_id: 'ASIAEXAMPLE1',
      aws_secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      aws_session_token: 'FwoGZXIvYXdzEXAMPLE+token/with=chars',
      x_security_token_expires: '2026-11-29T10:00:00Z',
    });
    expect(edit.text).not.toContain('aws_security_token');
  });

  it('refuses a bad profile name before touching the text', () => {
    let error: unknown;
    try {
      upsertCredentialsProfile('', 'bad]name', credentials);
    } catch (caught) {
      error = caught;
    }
    expect(isAtlasSsoError(error, 'credentials-invalid-profile-name')).toBe(true);
  });
});

describe('upsertConfigProfile', () => {
  it('writes [profile NAME] in the config file, and [default] for default', () => {
    expect(upsertConfigProfile('', 'atlas', [['region', 'eu-west-1']]).text).toBe('[profile atlas]\nregion = eu-west-1\n');
    expect(upsertConfigProfile('', 'default', [['region', 'eu-west-1']]).text).toBe('[default]\nregion = eu-west-1\n');
  });

  it('reuses a header botocore reads as the same profile instead of adding a second one', () => {
    const edit = upsertConfigProfile('[profile   atlas]\noutput = json\n[atlas]\nx = 1\n', 'atlas', [['credential_process', 'atlas-sso credential-process --profile atlas']]);
    expect(edit.text).toBe('[profile   atlas]\noutput = json\ncredential_process = atlas-sso credential-process --profile atlas\n[atlas]\nx = 1\n');
  });
});
