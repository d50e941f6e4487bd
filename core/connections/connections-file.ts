import { readFile } from 'node:fs/promises';
import { editFileAtomically } from '../credentials/atomic-edit.js';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import { parseConnectionsFile, parseJsonText, parseTeamFile } from './parse-connections.js';
import type { ConnectionsFile, TeamFile } from './schema.js';
import { connectionsFileSchema } from './schema.js';

/** What a person has before saving anything: no connections, default settings. */
export const emptyConnectionsFile: ConnectionsFile = connectionsFileSchema.parse({ version: 1 });

/** The saved connections; a missing (or blank) file is the empty one, a broken one an error that names what is wrong. */
export async function readConnectionsFile(filePath: string): Promise<ConnectionsFile> {
  return fromText(await readText(filePath, 'connections-file-io'), filePath);
}

/**
 * Changes the saved connections under a lock, re-reading the file first, and writes them atomically (temp file,
 * fsync, rename, 0600). When the current file is invalid or the change fails, the file is left exactly as it was.
 */
export async function editConnectionsFile<T>(filePath: string, edit: (file: ConnectionsFile) => { readonly file: ConnectionsFile; readonly result: T }): Promise<T> {
  let result: T | undefined;
  try {
    await editFileAtomically(filePath, (oldText) => {
      const changed = edit(fromText(oldText, filePath));
      result = changed.result;
      return serializeJson(changed.file);
    });
  } catch (error) {
    throw asConnectionsError(error);
  }
  return result as T;
}

/** A team file to import, checked whole. */
export async function readTeamFile(filePath: string): Promise<TeamFile> {
  const text = await readText(filePath, 'connections-import-invalid');
  if (text === null) throw new AtlasSsoError('connections-import-invalid', `There is no file ${filePath} to import: check the path.`);
  return parseTeamFile(parseJsonText(text, filePath, 'connections-import-invalid'), filePath);
}

/** Two-space JSON with a final newline: readable, and diffs well when a team keeps its file in git. */
export function serializeJson(value: ConnectionsFile | TeamFile): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function fromText(text: string | null, filePath: string): ConnectionsFile {
  if (text === null || text.trim() === '') return emptyConnectionsFile;
  return parseConnectionsFile(parseJsonText(text, filePath, 'connections-file-invalid'), filePath);
}

async function readText(filePath: string, code: 'connections-file-io' | 'connections-import-invalid'): Promise<string | null> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return null;
    const reason = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'an unexpected error';
    throw new AtlasSsoError(code, `Could not read ${filePath} (${reason}): check that it is a file you may read.`, { cause: error });
  }
}

/** The shared atomic writer speaks of credentials files; here the same failures are about the connections file. */
function asConnectionsError(error: unknown): unknown {
  if (isAtlasSsoError(error, 'credentials-file-io', 'credentials-lock-timeout')) return new AtlasSsoError('connections-file-io', error.message, { cause: error });
  if (isAtlasSsoError(error, 'credentials-file-unparsable')) return new AtlasSsoError('connections-file-invalid', error.message, { cause: error });
  return error;
}
