import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import type { AtomicEditOptions } from './atomic-edit.js';
import { checkFileEditable, editFileAtomically } from './atomic-edit.js';
import { configFilePath, credentialsFilePath } from './aws-file-paths.js';
import { upsertConfigProfile, upsertCredentialsProfile } from './credentials-profile.js';
import { validateProfileName } from './profile-name.js';
import type { IniEdit, IniEntries } from './upsert-section.js';

/** Where a profile was written, and what was repaired in the file on the way. */
export interface ProfileWritten {
  readonly filePath: string;
  readonly warnings: readonly string[];
}

interface WriteTarget {
  readonly profile: string;
  /** Defaults to process.env: AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and HOME pick the files. */
  readonly env?: NodeJS.ProcessEnv;
  readonly lock?: AtomicEditOptions;
}

/**
 * Refuses, before STS is called, when keys could not be saved as a credentials profile (a read-only file, a folder
 * that cannot be written): a sign-in is never spent on keys that would then be lost.
 */
export async function checkCredentialsProfileWritable(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await checkFileEditable(credentialsFilePath(env));
}

/** Saves temporary keys as a profile of the shared credentials file, for the AWS CLI, SDKs and mongosh (AWS_PROFILE). */
export async function writeCredentialsProfile(request: WriteTarget & { readonly credentials: TemporaryCredentials }): Promise<ProfileWritten> {
  const filePath = credentialsFilePath(request.env ?? process.env);
  return writeProfile(filePath, request, (text) => upsertCredentialsProfile(text, request.profile, request.credentials));
}

/** Saves settings (e.g. `credential_process`, `region`) in a profile of the AWS config file. */
export async function writeConfigProfile(request: WriteTarget & { readonly entries: IniEntries }): Promise<ProfileWritten> {
  const filePath = configFilePath(request.env ?? process.env);
  return writeProfile(filePath, request, (text) => upsertConfigProfile(text, request.profile, request.entries));
}

async function writeProfile(filePath: string, request: WriteTarget, upsert: (text: string) => IniEdit): Promise<ProfileWritten> {
  validateProfileName(request.profile); // before any folder or lock is created
  let warnings: readonly string[] = [];
  await editFileAtomically(
    filePath,
    (oldText) => {
      try {
        const edit = upsert(oldText ?? '');
        warnings = edit.warnings;
        return edit.text;
      } catch (error) {
        if (!isAtlasSsoError(error, 'credentials-file-unparsable')) throw error;
        throw new AtlasSsoError('credentials-file-unparsable', `${filePath} was left unchanged. ${error.message}`, { cause: error });
      }
    },
    request.lock ?? {},
  );
  return { filePath, warnings };
}
