import { readFile } from 'node:fs/promises';
import { AtlasSsoError } from '../errors.js';
import { editFileAtomically } from './atomic-edit.js';
import { credentialsFilePath } from './aws-file-paths.js';
import { removeSection, sectionValue } from './remove-section.js';

/** A profile of the shared credentials file, and whether it holds the keys given (which Atlas SSO wrote there). */
export interface WrittenProfile {
  readonly profile: string;
  readonly filePath: string;
  readonly holdsKeys: boolean;
}

interface ProfileKeys {
  readonly profile: string;
  /** The access key id of the session's keys: only a profile holding these is ours to remove. */
  readonly accessKeyId: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Whether `[profile]` of the credentials file holds these keys (a profile the person changed since is not ours). */
export async function findWrittenProfile({ profile, accessKeyId, env }: ProfileKeys): Promise<WrittenProfile> {
  const filePath = credentialsFilePath(env);
  const text = await readFile(filePath, 'utf8').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new AtlasSsoError('credentials-file-io', `${filePath} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  });
  return { profile, filePath, holdsKeys: sectionValue(text, profile, 'aws_access_key_id') === accessKeyId };
}

/**
 * Removes `[profile]` from the credentials file when it still holds these keys, keeping every other byte; a profile
 * that now holds other keys is left alone. `holdsKeys` says whether it held them (and so was removed).
 */
export async function removeWrittenProfile({ profile, accessKeyId, env }: ProfileKeys): Promise<WrittenProfile> {
  const found = await findWrittenProfile({ profile, accessKeyId, env });
  // Nothing of ours there: no lock taken, no file created.
  if (!found.holdsKeys) return found;
  const { filePath } = found;
  let holdsKeys = false;
  await editFileAtomically(filePath, (oldText) => {
    const text = oldText ?? '';
    holdsKeys = sectionValue(text, profile, 'aws_access_key_id') === accessKeyId;
    return holdsKeys ? removeSection(text, profile) : text;
  });
  return { profile, filePath, holdsKeys };
}
