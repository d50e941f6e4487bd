import { describe, expect, it } from 'vitest';
import { activeProfile, answeredDetail, credentialSources, failedStep, notConfiguredReason } from '../../../core/identity/credential-sources.js';

const keys = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

/** The error the SDK's providers throw: a CredentialsProviderError, which says whether the chain goes on. */
function providerError(message: string, tryNextLink?: boolean): Error {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError', ...(tryNextLink === undefined ? {} : { tryNextLink }) });
}

describe('the credential chain order', () => {
  it('follows the SDK code: environment, SSO, shared files, credential_process, web identity, container, IMDS', () => {
    expect(credentialSources).toEqual(['environment', 'sso', 'shared-files', 'credential-process', 'web-identity', 'container', 'instance-metadata']);
  });
});

describe('notConfiguredReason', () => {
  it('asks the environment only when both keys are set and AWS_PROFILE is not', () => {
    expect(notConfiguredReason('environment', keys)).toBeUndefined();
    expect(notConfiguredReason('environment', { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toMatch(/not both set/);
    expect(notConfiguredReason('environment', { ...keys, AWS_PROFILE: 'work' })).toBe('AWS_PROFILE is set (work), so the SDK ignores AWS_ACCESS_KEY_ID: unset one of them');
  });

  it('never asks SSO directly, and always asks the shared files and credential_process', () => {
    expect(notConfiguredReason('sso', keys)).toMatch(/profile with sso_\* settings/);
    expect(notConfiguredReason('shared-files', {})).toBeUndefined();
    expect(notConfiguredReason('credential-process', {})).toBeUndefined();
  });

  it('needs both the token file and the role for web identity', () => {
    expect(notConfiguredReason('web-identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/token' })).toMatch(/not both set/);
    expect(notConfiguredReason('web-identity', { AWS_WEB_IDENTITY_TOKEN_FILE: '/token', AWS_ROLE_ARN: 'arn:aws:iam::012345678901:role/R' })).toBeUndefined();
  });

  it('asks the container endpoint when a URI is set, and then never IMDS', () => {
    const env = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' };
    expect(notConfiguredReason('container', {})).toMatch(/neither/);
    expect(notConfiguredReason('container', env)).toBeUndefined();
    expect(notConfiguredReason('instance-metadata', env)).toMatch(/container endpoint instead/);
  });

  it('honours AWS_EC2_METADATA_DISABLED as the SDK does ("false" does not disable)', () => {
    expect(notConfiguredReason('instance-metadata', { AWS_EC2_METADATA_DISABLED: 'true' })).toBe('AWS_EC2_METADATA_DISABLED is set');
    expect(notConfiguredReason('instance-metadata', { AWS_EC2_METADATA_DISABLED: 'false' })).toBeUndefined();
    expect(notConfiguredReason('instance-metadata', {})).toBeUndefined();
  });
});

describe('failedStep', () => {
  it('reads the shared-file sources\' "no such profile" as not configured, naming the profile', () => {
    expect(activeProfile({ AWS_PROFILE: 'work' })).toBe('work');
    expect(failedStep('shared-files', providerError('Could not resolve credentials using profile: [work] in configuration/credentials file(s).', true), { AWS_PROFILE: 'work' }))
      .toEqual({ source: 'shared-files', outcome: 'not-configured', reason: 'profile "work" holds no credentials (or does not exist)' });
    expect(failedStep('credential-process', providerError('Profile default did not contain credential_process.', true), {}))
      .toEqual({ source: 'credential-process', outcome: 'not-configured', reason: 'profile "default" has no credential_process' });
  });

  it('stops at the first configured source that fails, even where the SDK would ask the next one', () => {
    expect(failedStep('container', providerError('Server responded with status: 401', true), {})).toEqual({ source: 'container', outcome: 'failed', reason: 'Server responded with status: 401', stopsChain: true });
    expect(failedStep('shared-files', providerError('Command failed: atlas-sso credential-process', true), {})).toMatchObject({ outcome: 'failed', stopsChain: true });
    const sts = Object.assign(new Error('Incorrect token audience'), { name: 'InvalidIdentityTokenException' });
    expect(failedStep('web-identity', sts, {})).toEqual({ source: 'web-identity', outcome: 'failed', reason: 'InvalidIdentityTokenException: Incorrect token audience', stopsChain: true });
  });

  it('never repeats anything key-shaped from a message', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYxx';
    const step = failedStep('credential-process', providerError(`Profile p credential_process printed ${secret}\nand more`, true), {});
    expect(step.reason).toBe('Profile p credential_process printed [redacted] and more');
  });
});

describe('answeredDetail', () => {
  it('says how the shared files gave the keys, from the SDK\'s feature flags', () => {
    expect(answeredDetail('shared-files', ['CREDENTIALS_PROFILE', 'CREDENTIALS_PROFILE_PROCESS', 'CREDENTIALS_PROCESS'], { AWS_PROFILE: 'atlas' })).toBe('profile "atlas": credential_process');
    expect(answeredDetail('shared-files', ['CREDENTIALS_PROFILE_SOURCE_PROFILE', 'CREDENTIALS_STS_ASSUME_ROLE'], {})).toBe('profile "default": role_arn (assumed)');
    expect(answeredDetail('shared-files', ['CREDENTIALS_PROFILE'], {})).toBe('profile "default": keys');
  });

  it('names the role of a token file and the variable of a container endpoint', () => {
    expect(answeredDetail('web-identity', [], { AWS_ROLE_ARN: 'arn:aws:iam::012345678901:role/R' })).toBe('arn:aws:iam::012345678901:role/R');
    expect(answeredDetail('container', [], { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x' })).toBe('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
    expect(answeredDetail('environment', [], keys)).toBeUndefined();
  });
});
