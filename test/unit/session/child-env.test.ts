import { describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../../core/aws/temporary-credentials.js';
import { isAtlasSsoError } from '../../../core/errors.js';
import { childEnvWithKeys } from '../../../core/session/child-env.js';

const credentials: TemporaryCredentials = {
  accessKeyId: 'ASIACHILDENV00000001',
  secretAccessKey: 'child-secret-key-0123456789abcdefghijklm',
  sessionToken: 'child-session-token/+=',
  expiration: new Date('2031-01-02T03:04:05Z'),
};

describe('childEnvWithKeys', () => {
  it('adds the keys, their expiry and the region, and keeps everything else', () => {
    const env = childEnvWithKeys({ base: { PATH: '/bin', HOME: '/home/a', AWS_SHARED_CREDENTIALS_FILE: '/x' }, credentials, region: 'eu-west-1', platform: 'linux' });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/a',
      AWS_SHARED_CREDENTIALS_FILE: '/x',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      AWS_CREDENTIAL_EXPIRATION: '2031-01-02T03:04:05.000Z',
      AWS_REGION: 'eu-west-1',
    });
  });

  it('removes every credential source that would outrank or mix with the keys, and replaces old keys', () => {
    const base = {
      AWS_PROFILE: 'work',
      AWS_DEFAULT_PROFILE: 'old',
      AWS_SECURITY_TOKEN: 'legacy',
      AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.2/creds',
      AWS_SESSION_TOKEN: 'stale',
      AWS_REGION: 'us-west-2',
    };
    const env = childEnvWithKeys({ base, credentials, region: 'us-east-1', platform: 'linux' });
    expect(Object.keys(env).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_REGION', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    expect(env.AWS_SESSION_TOKEN).toBe(credentials.sessionToken);
    expect(env.AWS_REGION).toBe('us-east-1');
  });

  it('removes differently cased names on Windows only, where names are case-insensitive', () => {
    const base = { aws_profile: 'work', Aws_Session_Token: 'stale', Path: 'C:\\Windows' };
    expect(childEnvWithKeys({ base, credentials, region: 'us-east-1', platform: 'win32' })).not.toHaveProperty('aws_profile');
    expect(childEnvWithKeys({ base, credentials, region: 'us-east-1', platform: 'win32' })).not.toHaveProperty('Aws_Session_Token');
    expect(childEnvWithKeys({ base, credentials, region: 'us-east-1', platform: 'linux' })).toHaveProperty('aws_profile', 'work');
  });

  it('leaves the caller environment unchanged', () => {
    const base = { AWS_PROFILE: 'work' };
    childEnvWithKeys({ base, credentials, region: 'us-east-1', platform: 'linux' });
    expect(base).toEqual({ AWS_PROFILE: 'work' });
  });

  it('refuses malformed keys rather than hand a broken environment on', () => {
    const attempt = (): unknown => childEnvWithKeys({ base: {}, credentials: { ...credentials, sessionToken: 'a\nb' }, region: 'us-east-1', platform: 'linux' });
    expect(attempt).toThrow(/malformed/);
    try {
      attempt();
    } catch (error) {
      expect(isAtlasSsoError(error)).toBe(true);
    }
  });
});
