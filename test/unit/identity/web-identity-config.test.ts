import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { readWebIdentityConfig } from '../../../core/identity/web-identity-config.js';

const role = 'arn:aws:iam::012345678901:role/AtlasDba';

function failure(env: NodeJS.ProcessEnv): unknown {
  try {
    readWebIdentityConfig(env);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('readWebIdentityConfig', () => {
  it('reads the token file, role and session name EKS sets', () => {
    expect(readWebIdentityConfig({ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: role, AWS_ROLE_SESSION_NAME: 'orders-pod', AWS_REGION: 'eu-west-1' }))
      .toEqual({ tokenFile: '/var/run/token', roleArn: role, sessionName: 'orders-pod', region: 'eu-west-1' });
  });

  it("generates a session name and takes the role's partition default region when none is set", () => {
    const config = readWebIdentityConfig({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws-us-gov:iam::012345678901:role/Gov' }, new Date(1_700_000_000_000));
    expect(config).toMatchObject({ sessionName: 'atlas-sso-1700000000000', region: 'us-gov-west-1' });
  });

  it('names every missing variable', () => {
    const error = failure({});
    expect(isAtlasSsoError(error, 'identity-web-identity-missing')).toBe(true);
    expect((error as Error).message).toMatch(/^--web-identity needs AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN:/);
    expect((failure({ AWS_ROLE_ARN: role }) as Error).message).toMatch(/^--web-identity needs AWS_WEB_IDENTITY_TOKEN_FILE:/);
  });

  it('refuses a role ARN that is not one, and a bad session name', () => {
    expect((failure({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'AtlasDba' }) as Error).message).toMatch(/AWS_ROLE_ARN is not an IAM role ARN/);
    expect(isAtlasSsoError(failure({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: role, AWS_ROLE_SESSION_NAME: 'has space' }), 'input-invalid')).toBe(true);
  });
});
