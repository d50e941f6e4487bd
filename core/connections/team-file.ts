import { AtlasSsoError } from '../errors.js';
import { getConnection } from './edit-connections.js';
import { checkChangedConnections } from './parse-connections.js';
import type { Connection, ConnectionsFile, SharedConnection, TeamFile } from './schema.js';
import { connectionsFileVersion } from './file-version.js';

/** What an import did, by connection id, for the person to review. */
export interface ImportReport {
  readonly added: readonly string[];
  /** Existing connections whose shared fields changed; the person's last role is kept. */
  readonly updated: readonly string[];
  /** Already identical. */
  readonly skipped: readonly string[];
}

/**
 * Merges an admin's team file by id: new ids are added, known ones take the admin's fields (keeping the person's
 * last role). The merged file is checked whole before it is returned, so a clash changes nothing.
 */
export function mergeTeamFile(file: ConnectionsFile, team: TeamFile): { readonly file: ConnectionsFile; readonly report: ImportReport } {
  const added: string[] = [];
  const updated: string[] = [];
  const skipped: string[] = [];
  const connections = [...file.connections];
  for (const shared of team.connections) {
    const index = connections.findIndex((existing) => existing.id === shared.id);
    const existing = connections[index];
    if (existing === undefined) {
      connections.push(shared);
      added.push(shared.id);
      continue;
    }
    if (sameShared(withoutLastRole(existing), shared)) {
      skipped.push(shared.id);
    } else {
      connections[index] = { ...shared, ...(existing.lastRole === undefined ? {} : { lastRole: existing.lastRole }) };
      updated.push(shared.id);
    }
  }
  let merged: ConnectionsFile;
  try {
    merged = checkChangedConnections({ ...file, connections });
  } catch (error) {
    throw new AtlasSsoError('connections-import-invalid', `Nothing was imported: the team file clashes with your connections.\n${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { file: merged, report: { added, updated, skipped } };
}

/** The connections to share (all, or the named ones), without anyone's last role. */
export function exportTeamFile(file: ConnectionsFile, idsOrNames?: readonly string[]): TeamFile {
  const chosen = idsOrNames === undefined ? file.connections : [...new Set(idsOrNames.map((idOrName) => getConnection(file, idOrName)))];
  return { version: connectionsFileVersion, connections: chosen.map(withoutLastRole) };
}

function withoutLastRole(connection: Connection): SharedConnection {
  return Object.fromEntries(Object.entries(connection).filter(([key]) => key !== 'lastRole')) as SharedConnection;
}

/** Field by field, ignoring key order (a hand-edited file orders keys its own way). */
function sameShared(a: SharedConnection, b: SharedConnection): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, entry]) => [key, sortedKeys(entry)]));
}
