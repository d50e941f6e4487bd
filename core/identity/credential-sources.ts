import { scrubIdentityMessage } from './scrub-message.js';

/**
 * The AWS SDK's Node credential chain (`fromNodeProviderChain`, what the mongodb driver 7 and mongosh use), as data:
 * its sources in the order the SDK 3.1175 code asks them, and what the environment alone says about each.
 * The driver's own comment lists the web identity token file before the shared files; the SDK code asks it after
 * `credential_process`, and this order follows the code.
 */
export const credentialSources = ['environment', 'sso', 'shared-files', 'credential-process', 'web-identity', 'container', 'instance-metadata'] as const;

export type CredentialSource = (typeof credentialSources)[number];

export const credentialSourceLabels: Readonly<Record<CredentialSource, string>> = {
  environment: 'keys in environment variables (AWS_ACCESS_KEY_ID)',
  sso: 'AWS IAM Identity Center (SSO) settings given to the SDK',
  'shared-files': 'the shared AWS files (~/.aws/credentials, ~/.aws/config)',
  'credential-process': 'a credential_process in the shared AWS files',
  'web-identity': 'a web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, as on EKS)',
  container: 'the container credentials endpoint (ECS, EKS Pod Identity)',
  'instance-metadata': 'the EC2 instance metadata service (IMDSv2)',
};

/** What happened when one source was asked (or why it was not). */
export type StepOutcome = 'answered' | 'not-configured' | 'failed';

export interface CredentialStep {
  readonly source: CredentialSource;
  readonly outcome: StepOutcome;
  /** Why it was not configured or failed, secret-free; absent when it answered. */
  readonly reason?: string;
  /**
   * The check stops here: a configured source failed. The SDK gives up at most of them too; where it would go on (a
   * failing credential_process in the shared files is run again by the next source, a second sign-in) the first
   * failure is still the one to fix, and asking on would only repeat it.
   */
  readonly stopsChain?: true;
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** The profile the shared-file sources read: AWS_PROFILE, else `default`. */
export function activeProfile(env: NodeJS.ProcessEnv): string {
  return isSet(env.AWS_PROFILE) ? env.AWS_PROFILE : 'default';
}

/**
 * Why the SDK would not ask `source` at all in this environment, or undefined when it would.
 * Deciding this from the environment first is also what keeps a disabled IMDS from being called.
 */
export function notConfiguredReason(source: CredentialSource, env: NodeJS.ProcessEnv): string | undefined {
  const container = isSet(env.AWS_CONTAINER_CREDENTIALS_FULL_URI) || isSet(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
  switch (source) {
    case 'environment':
      if (isSet(env.AWS_PROFILE)) {
        return isSet(env.AWS_ACCESS_KEY_ID)
          ? `AWS_PROFILE is set (${env.AWS_PROFILE}), so the SDK ignores AWS_ACCESS_KEY_ID: unset one of them`
          : `AWS_PROFILE is set (${env.AWS_PROFILE}), so the SDK skips keys in the environment`;
      }
      return isSet(env.AWS_ACCESS_KEY_ID) && isSet(env.AWS_SECRET_ACCESS_KEY) ? undefined : 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set';
    case 'sso':
      return 'the default chain reaches SSO only through a profile with sso_* settings (see the shared files)';
    case 'shared-files':
    case 'credential-process':
      return undefined;
    case 'web-identity':
      return isSet(env.AWS_WEB_IDENTITY_TOKEN_FILE) && isSet(env.AWS_ROLE_ARN) ? undefined : 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set';
    case 'container':
      return container ? undefined : 'neither AWS_CONTAINER_CREDENTIALS_FULL_URI nor AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set';
    case 'instance-metadata':
      if (container) return 'the SDK asks the container endpoint instead when AWS_CONTAINER_CREDENTIALS_* is set';
      if (isSet(env.AWS_EC2_METADATA_DISABLED) && env.AWS_EC2_METADATA_DISABLED.toLowerCase() !== 'false') return 'AWS_EC2_METADATA_DISABLED is set';
      return undefined;
  }
}

/** The SDK's own "nothing here" answers of the shared-file sources: a missing profile is not a failure. */
const absentProfile: Readonly<Partial<Record<CredentialSource, RegExp>>> = {
  'shared-files': /^Could not resolve credentials using profile: \[/,
  'credential-process': /could not be found in shared credentials file|did not contain credential_process/,
};

/** Reads what a provider threw into a step: not configured, or failed (where the check stops). */
export function failedStep(source: CredentialSource, error: unknown, env: NodeJS.ProcessEnv): CredentialStep {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { readonly message?: unknown; readonly name?: unknown };
  const message = typeof record.message === 'string' ? record.message : String(error);
  if (absentProfile[source]?.test(message) === true) {
    const profile = activeProfile(env);
    const reason = source === 'shared-files' ? `profile "${profile}" holds no credentials (or does not exist)` : `profile "${profile}" has no credential_process`;
    return { source, outcome: 'not-configured', reason };
  }
  const name = typeof record.name === 'string' && record.name !== 'CredentialsProviderError' && record.name !== 'ProviderError' && record.name !== 'Error' ? `${record.name}: ` : '';
  return { source, outcome: 'failed', reason: scrubIdentityMessage(`${name}${message}`), stopsChain: true };
}

/** What the SDK recorded about how it got the keys (`$source` feature flags), in words, for the sources that vary. */
export function answeredDetail(source: CredentialSource, features: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const has = (flag: string): boolean => features.includes(flag);
  switch (source) {
    case 'shared-files': {
      const profile = `profile "${activeProfile(env)}"`;
      if (has('CREDENTIALS_PROFILE_PROCESS') || has('CREDENTIALS_PROCESS')) return `${profile}: credential_process`;
      if (has('CREDENTIALS_PROFILE_SSO') || has('CREDENTIALS_PROFILE_SSO_LEGACY') || has('CREDENTIALS_SSO')) return `${profile}: SSO`;
      if (has('CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN')) return `${profile}: web_identity_token_file`;
      if (has('CREDENTIALS_STS_ASSUME_ROLE') || has('CREDENTIALS_PROFILE_SOURCE_PROFILE') || has('CREDENTIALS_PROFILE_NAMED_PROVIDER')) return `${profile}: role_arn (assumed)`;
      return `${profile}: keys`;
    }
    case 'credential-process':
      return `profile "${activeProfile(env)}"`;
    case 'web-identity':
      return env.AWS_ROLE_ARN;
    case 'container':
      return isSet(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) ? 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' : 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
    case 'instance-metadata':
      return isSet(env.AWS_EC2_METADATA_SERVICE_ENDPOINT) ? `endpoint ${env.AWS_EC2_METADATA_SERVICE_ENDPOINT}` : undefined;
    case 'environment':
    case 'sso':
      return undefined;
  }
}
