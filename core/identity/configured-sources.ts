import { readFile } from 'node:fs/promises';
import { configFilePath, credentialsFilePath } from '../credentials/aws-file-paths.js';
import { scanIni } from '../credentials/ini-sections.js';
import type { CredentialSource } from './credential-sources.js';
import { activeProfile, credentialSourceLabels, notConfiguredReason } from './credential-sources.js';

/** One credential source this computer sets up, in the SDK chain's order: names, paths and ARNs only, never a value that signs. */
export interface ConfiguredSource {
  readonly source: CredentialSource;
  readonly label: string;
  /** What is set: variable names, `profile "ci": credential_process`, the token file and role. */
  readonly details: readonly string[];
  /** Why the SDK would still not use it (AWS_PROFILE hides keys in the environment, half a web identity), or null. */
  readonly note: string | null;
}

/** What the environment and the shared files set up, read without asking anyone: what "This computer" shows on opening. */
export interface MachineCredentialSetup {
  readonly sources: readonly ConfiguredSource[];
  /** The EC2 instance metadata service, asked last unless turned off: a sentence. */
  readonly instanceMetadata: string;
}

/** The text of the shared files, `undefined` where a file does not exist, `null` where it cannot be read. */
export interface SharedFilesText {
  readonly credentials: string | undefined | null;
  readonly config: string | undefined | null;
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** The settings that make a profile a credential source, by the name the SDK reads, in the words shown. */
const profileKinds: readonly (readonly [string, string])[] = [
  ['aws_access_key_id', 'keys'],
  ['credential_process', 'credential_process'],
  ['sso_session', 'SSO'],
  ['sso_start_url', 'SSO'],
  ['role_arn', 'role_arn (assumed)'],
];

/** `profile "name": keys, credential_process` for each profile of a file that holds a credential setting; key names only. */
function profilesIn(text: string, file: 'credentials' | 'config'): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const section of scanIni(text).sections) {
    // The config file names profiles `[profile name]` (except `[default]`); `[sso-session …]` and `[services …]` are not profiles.
    const name = file === 'credentials' ? section.name : section.name === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section.name)?.[1]?.trim();
    if (name === undefined) continue;
    const kinds = profileKinds.filter(([key]) => section.keys.some((k) => k.name === key && k.value !== '')).map(([, kind]) => kind);
    if (kinds.length > 0) found.set(name, new Set([...(found.get(name) ?? []), ...kinds]));
  }
  return found;
}

function sharedFilesSource(env: NodeJS.ProcessEnv, files: SharedFilesText): ConfiguredSource | undefined {
  const profiles = profilesIn(files.credentials ?? '', 'credentials');
  for (const [name, kinds] of profilesIn(files.config ?? '', 'config')) profiles.set(name, new Set([...(profiles.get(name) ?? []), ...kinds]));
  const unreadable = [files.credentials === null ? 'the credentials file' : undefined, files.config === null ? 'the config file' : undefined].filter((file) => file !== undefined);
  if (profiles.size === 0 && !isSet(env.AWS_PROFILE) && unreadable.length === 0) return undefined;
  const profile = activeProfile(env);
  const details = [...(isSet(env.AWS_PROFILE) ? [`AWS_PROFILE=${profile}`] : []), ...[...profiles].map(([name, kinds]) => `profile "${name}": ${[...kinds].join(', ')}`)];
  const notes = [
    ...(profiles.has(profile) ? [] : [`profile "${profile}", the one the SDK reads, holds no credentials (or does not exist)`]),
    ...(unreadable.length === 0 ? [] : [`${unreadable.join(' and ')} cannot be read`]),
  ];
  return { source: 'shared-files', label: credentialSourceLabels['shared-files'], details, note: notes.length === 0 ? null : notes.join('; ') };
}

/**
 * Which AWS credential sources this computer sets up, from the environment and the shared files' key names alone: no
 * network, no token, no key value. The check ("Check this computer") is what asks them.
 */
export function configuredSources(env: NodeJS.ProcessEnv, files: SharedFilesText): MachineCredentialSetup {
  const sources: ConfiguredSource[] = [];
  const source = (id: CredentialSource, details: readonly string[], note: string | undefined): void => {
    sources.push({ source: id, label: credentialSourceLabels[id], details, note: note ?? null });
  };
  if (isSet(env.AWS_ACCESS_KEY_ID)) {
    source('environment', ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].filter((name) => isSet(env[name])), notConfiguredReason('environment', env));
  }
  const shared = sharedFilesSource(env, files);
  if (shared !== undefined) sources.push(shared);
  if (isSet(env.AWS_WEB_IDENTITY_TOKEN_FILE) || isSet(env.AWS_ROLE_ARN)) {
    const details = [isSet(env.AWS_WEB_IDENTITY_TOKEN_FILE) ? `token file ${env.AWS_WEB_IDENTITY_TOKEN_FILE}` : undefined, isSet(env.AWS_ROLE_ARN) ? `role ${env.AWS_ROLE_ARN}` : undefined];
    source('web-identity', details.filter((detail) => detail !== undefined), notConfiguredReason('web-identity', env));
  }
  const container = ['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'].filter((name) => isSet(env[name]));
  if (container.length > 0) source('container', container, notConfiguredReason('container', env));
  const offReason = notConfiguredReason('instance-metadata', env);
  const instanceMetadata =
    offReason !== undefined
      ? `The EC2 instance metadata service is not asked: ${offReason}.`
      : `The EC2 instance metadata service is asked last${isSet(env.AWS_EC2_METADATA_SERVICE_ENDPOINT) ? `, at ${env.AWS_EC2_METADATA_SERVICE_ENDPOINT}` : ''}; it answers only on EC2 (AWS_EC2_METADATA_DISABLED=true turns it off).`;
  return { sources, instanceMetadata };
}

/** The file's text; undefined when it does not exist, null when it exists but cannot be read. */
async function readIfThere(filePath: string): Promise<string | undefined | null> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? undefined : null;
  }
}

/** `configuredSources` for the shared files named by `env` (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, else ~/.aws). */
export async function describeConfiguredSources(env: NodeJS.ProcessEnv): Promise<MachineCredentialSetup> {
  const [credentials, config] = await Promise.all([readIfThere(credentialsFilePath(env)), readIfThere(configFilePath(env))]);
  return configuredSources(env, { credentials, config });
}
