import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { expiryTimestamp } from './expiry-timestamp.js';
import { scanIni } from './ini-sections.js';
import { validateProfileName } from './profile-name.js';
import type { IniEdit, IniEntries } from './upsert-section.js';
import { upsertSection } from './upsert-section.js';

/**
 * Writes temporary keys into `[profile]` of a shared credentials file. Drops `aws_security_token`: botocore
 * prefers that old name over `aws_session_token`, so a stale one would shadow the fresh token.
 */
export function upsertCredentialsProfile(text: string, profile: string, credentials: TemporaryCredentials): IniEdit {
  validateProfileName(profile);
  return upsertSection(
    text,
    profile,
    [
      ['aws_access_key_id', credentials.accessKeyId],
      ['aws_secret_access_key', credentials.secretAccessKey],
      ['aws_session_token', credentials.sessionToken],
      ['x_security_token_expires', expiryTimestamp(credentials.expiration)],
    ],
    ['aws_security_token'],
  );
}

/** Writes settings (e.g. `credential_process`, `region`) into a profile of the AWS config file. */
export function upsertConfigProfile(text: string, profile: string, entries: IniEntries): IniEdit {
  validateProfileName(profile);
  return upsertSection(text, configSectionName(text, profile), entries, []);
}

/**
 * The config-file section botocore reads for a profile: `[default]` or `[profile NAME]`. An existing header that
 * botocore maps to the same profile (`[profile  NAME]`) is reused, the last one since botocore lets it win.
 */
function configSectionName(text: string, profile: string): string {
  const readsAs = (name: string): string | undefined => (name === 'default' ? name : /^profile\s+(\S+)\s*$/.exec(name)?.[1]);
  const existing = scanIni(text).sections.filter((section) => readsAs(section.name) === profile).at(-1);
  return existing?.name ?? (profile === 'default' ? 'default' : `profile ${profile}`);
}
