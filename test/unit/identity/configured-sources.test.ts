import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredSources, describeConfiguredSources } from '../../../core/identity/configured-sources.js';

const none = { credentials: undefined, config: undefined };
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('configuredSources', () => {
  it('lists nothing on a laptop with no AWS setup, and says IMDS is asked last or off', () => {
    expect(configuredSources({}, none)).toEqual({ sources: [], instanceMetadata: expect.stringContaining('asked last') as unknown });
    expect(configuredSources({ AWS_EC2_METADATA_DISABLED: 'true' }, none).instanceMetadata).toBe('The EC2 instance metadata service is not asked: AWS_EC2_METADATA_DISABLED is set.');
    expect(configuredSources({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }, none).instanceMetadata).toContain('at http://127.0.0.1:9');
  });

  it('names the key variables in the environment, never their values', () => {
    const setup = configuredSources({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: 'token-value' }, none);
    expect(setup.sources).toEqual([
      { source: 'environment', label: expect.stringContaining('environment variables') as unknown, details: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'], note: null },
    ]);
    expect(JSON.stringify(setup)).not.toMatch(/AKIAEXAMPLE|wJalr|token-value/);
  });

  it('says keys in the environment are skipped when AWS_PROFILE is set, and lists the profile', () => {
    const setup = configuredSources({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: secret, AWS_PROFILE: 'ci' }, none);
    expect(setup.sources.map((source) => source.source)).toEqual(['environment', 'shared-files']);
    expect(setup.sources[0]?.note).toContain('AWS_PROFILE is set (ci)');
    expect(setup.sources[1]).toMatchObject({ details: ['AWS_PROFILE=ci'], note: 'profile "ci", the one the SDK reads, holds no credentials (or does not exist)' });
  });

  it('names the profiles of the shared files that hold keys, a credential_process, SSO or a role, by key name only', () => {
    const credentials = `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${secret}\n\n[empty]\nregion = eu-west-1\n`;
    const config = [
      '[profile ci]',
      'credential_process = atlas-sso credential-process --connection demo',
      '[profile dev]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      '[profile admin]',
      'role_arn = arn:aws:iam::111122223333:role/Admin',
      'source_profile = default',
      '[default]',
      'region = us-east-1',
    ].join('\n');
    const setup = configuredSources({}, { credentials, config });
    expect(setup.sources).toEqual([
      {
        source: 'shared-files',
        label: expect.stringContaining('shared AWS files') as unknown,
        details: ['profile "default": keys', 'profile "ci": credential_process', 'profile "dev": SSO', 'profile "admin": role_arn (assumed)'],
        note: null,
      },
    ]);
    expect(JSON.stringify(setup)).not.toMatch(/AKIAEXAMPLE|wJalr|atlas-sso credential-process/);
  });

  it('lists a web identity token file and role, and what is missing when only one is set', () => {
    const both = configuredSources({ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token', AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/Ci' }, none);
    expect(both.sources).toEqual([{ source: 'web-identity', label: expect.stringContaining('web identity') as unknown, details: ['token file /var/run/secrets/token', 'role arn:aws:iam::111122223333:role/Ci'], note: null }]);
    const half = configuredSources({ AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token' }, none);
    expect(half.sources[0]?.note).toBe('AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set');
  });

  it('names the container endpoint variables (never the authorization token), and IMDS gives way to them', () => {
    const setup = configuredSources({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'secret-token' }, none);
    expect(setup.sources).toEqual([{ source: 'container', label: expect.stringContaining('container') as unknown, details: ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'], note: null }]);
    expect(JSON.stringify(setup)).not.toContain('secret-token');
    expect(setup.instanceMetadata).toContain('asks the container endpoint instead');
  });
});

describe('describeConfiguredSources', () => {
  let folder: string | undefined;
  afterEach(async () => {
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it('reads the shared files the environment names, and calls a missing one not set up', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-configured-'));
    await mkdir(path.join(folder, 'aws'));
    await writeFile(path.join(folder, 'aws', 'config'), '[profile ci]\ncredential_process = /bin/true\n');
    const env = { HOME: folder, AWS_CONFIG_FILE: path.join(folder, 'aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'aws', 'credentials'), AWS_PROFILE: 'ci' };
    expect((await describeConfiguredSources(env)).sources).toEqual([expect.objectContaining({ source: 'shared-files', details: ['AWS_PROFILE=ci', 'profile "ci": credential_process'], note: null })]);
    expect((await describeConfiguredSources({ HOME: folder })).sources).toEqual([]);
  });

  it('says a shared file cannot be read rather than calling it absent', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-configured-'));
    // A folder where the file should be: reading it fails with EISDIR, as an unreadable file would.
    await mkdir(path.join(folder, 'credentials'));
    const setup = await describeConfiguredSources({ HOME: folder, AWS_SHARED_CREDENTIALS_FILE: path.join(folder, 'credentials') });
    expect(setup.sources[0]?.note).toContain('the credentials file cannot be read');
  });
});
