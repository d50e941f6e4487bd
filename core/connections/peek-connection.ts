import { parseJsonObject } from '../parse-json-object.js';
import { connectionsFileVersion } from './file-version.js';

/** What the warm credential_process needs of one saved connection: the cache key and the roles it defaults to. */
export interface PeekedConnection {
  readonly id: string;
  readonly defaultRole?: string;
  readonly lastRole?: string;
}

interface Entry {
  readonly id: string;
  readonly name: string;
  readonly defaultRole?: unknown;
  readonly lastRole?: unknown;
}

/**
 * The connection `idOrName` names in the connections file's text, found as findConnection finds it, without loading the
 * schema: undefined whenever anything is unusual (not JSON, another version, a field of the wrong type, a repeated id
 * or name, no match). Undefined means "ask the full path", which validates the whole file and says what is wrong.
 * Keys were cached under this id only after a full validation of the file, so a match here is one that was valid.
 */
export function peekConnection(text: string, idOrName: string): PeekedConnection | undefined {
  const file = parseJsonObject(text);
  if (file?.version !== connectionsFileVersion || !Array.isArray(file.connections)) return undefined;
  const entries: Entry[] = [];
  for (const value of file.connections as unknown[]) {
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = value as Record<string, unknown>;
    // The schema trims names: an untrimmed one would be compared differently there.
    if (typeof entry.id !== 'string' || typeof entry.name !== 'string' || entry.name.trim() !== entry.name) return undefined;
    entries.push({ id: entry.id, name: entry.name, defaultRole: entry.defaultRole, lastRole: entry.lastRole });
  }
  if (repeats(entries.map((entry) => entry.id)) || repeats(entries.map((entry) => entry.name.toLowerCase()))) return undefined;
  const wanted = idOrName.trim();
  const found = entries.find((entry) => entry.id === wanted) ?? entries.find((entry) => entry.name.toLowerCase() === wanted.toLowerCase());
  if (found === undefined || !optionalText(found.defaultRole) || !optionalText(found.lastRole)) return undefined;
  return {
    id: found.id,
    ...(found.defaultRole === undefined ? {} : { defaultRole: found.defaultRole }),
    ...(found.lastRole === undefined ? {} : { lastRole: found.lastRole }),
  };
}

function optionalText(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

function repeats(values: readonly string[]): boolean {
  return new Set(values).size !== values.length;
}
