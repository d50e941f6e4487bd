import type * as CredentialProviders from '@aws-sdk/credential-providers';
import type { AwsKeys } from './aws-keys.js';
import type { CredentialSource, CredentialStep } from './credential-sources.js';
import { answeredDetail, credentialSources, failedStep, notConfiguredReason } from './credential-sources.js';

/** Which source answered, how, and every step tried before it. */
export interface ResolvedCredentials {
  readonly source: CredentialSource;
  /** E.g. `profile "work": credential_process`, the role ARN of a token file, the metadata endpoint. */
  readonly detail: string | undefined;
  readonly keys: AwsKeys;
  readonly steps: readonly CredentialStep[];
}

/** No source answered (or one failed and stopped the chain): the steps say why. */
export interface UnresolvedCredentials {
  readonly source: null;
  readonly steps: readonly CredentialStep[];
}

export interface ResolveCredentialsOptions {
  /** Deadline for each source; default 5 s (the metadata endpoints answer within 1 s or not at all). */
  readonly stepTimeoutMs?: number;
}

/** The keys an SDK provider returns, with its `$source` feature flags. */
type Provider = () => Promise<Awaited<ReturnType<ReturnType<typeof CredentialProviders.fromEnv>>>>;

/**
 * Each source's SDK provider, exactly as `fromNodeProviderChain` builds it with no options (the driver's call), from the
 * SDK module loaded at the first resolve (the hosts start without it).
 */
const providersOf = ({ fromContainerMetadata, fromEnv, fromHttp, fromIni, fromInstanceMetadata, fromProcess, fromSSO, fromTokenFile }: typeof CredentialProviders): Readonly<Record<CredentialSource, () => Provider>> => ({
  environment: () => fromEnv(),
  sso: () => fromSSO(),
  'shared-files': () => fromIni(),
  'credential-process': () => fromProcess(),
  // A region only where the SDK would fall back to us-east-1 anyway: it then warns on stderr, breaking "one clear line".
  'web-identity': () => fromTokenFile(isSet(process.env.AWS_REGION) ? {} : { clientConfig: { region: 'us-east-1' } }),
  // The SDK's remote step: the HTTP provider (it reads AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), then the older one.
  container: () => async () => {
    try {
      return await fromHttp()();
    } catch (error) {
      if ((error as { tryNextLink?: unknown }).tryNextLink !== true) throw error;
      return await fromContainerMetadata()();
    }
  },
  'instance-metadata': () => fromInstanceMetadata(),
});

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}

async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from ${what} within ${Math.round(ms / 1000)} s`), { tryNextLink: true })), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks the credential sources one by one, in the SDK chain's order, and stops where the SDK would: at the first that
 * answers, or at a configured one that fails for good. The SDK's providers read this process's environment (as the
 * driver's and mongosh's do), so the plan reads it too. Keys are returned to the caller and never put in a step.
 */
export async function resolveCredentials(options: ResolveCredentialsOptions = {}): Promise<ResolvedCredentials | UnresolvedCredentials> {
  const env = process.env;
  const stepTimeoutMs = options.stepTimeoutMs ?? 5_000;
  const providers = providersOf(await import('@aws-sdk/credential-providers'));
  const steps: CredentialStep[] = [];
  for (const source of credentialSources) {
    const skipped = notConfiguredReason(source, env);
    if (skipped !== undefined) {
      steps.push({ source, outcome: 'not-configured', reason: skipped });
      continue;
    }
    try {
      const found = await withDeadline(providers[source]()(), stepTimeoutMs, source);
      steps.push({ source, outcome: 'answered' });
      const features = Object.keys((found as { $source?: Record<string, unknown> }).$source ?? {});
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = found;
      return { source, detail: answeredDetail(source, features, env), keys: { accessKeyId, secretAccessKey, sessionToken, expiration }, steps };
    } catch (error) {
      const step = failedStep(source, error, env);
      steps.push(step);
      if (step.stopsChain === true) break;
    }
  }
  return { source: null, steps };
}
