import { AtlasSsoError } from '../errors.js';
import { checkChangedConnections } from './parse-connections.js';
import type { Connection, ConnectionInput, ConnectionsFile, SettingsInput } from './schema.js';

/** A connection to add: its id is made from its name unless given; a last role comes only from signing in. */
export type NewConnection = Omit<ConnectionInput, 'id' | 'lastRole'> & { readonly id?: string };

/** Fields to change; `undefined` removes an optional one. The id never changes: it names the browser profile and keychain entries. */
export type ConnectionChanges = { readonly [K in Exclude<keyof ConnectionInput, 'id'>]?: ConnectionInput[K] | undefined };

/** Settings to change; `undefined` resets one to its default. */
export type SettingsChanges = { readonly [K in keyof SettingsInput]?: SettingsInput[K] | undefined };

/** A stable, readable id from a display name: "ACME Prod (EU)" → "acme-prod-eu". */
export function connectionIdFromName(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return id === '' ? 'connection' : id;
}

/** By id first, then by name without regard to case: people type either. */
export function findConnection(file: ConnectionsFile, idOrName: string): Connection | undefined {
  const wanted = idOrName.trim();
  return file.connections.find((connection) => connection.id === wanted) ?? file.connections.find((connection) => connection.name.toLowerCase() === wanted.toLowerCase());
}

export function getConnection(file: ConnectionsFile, idOrName: string): Connection {
  const connection = findConnection(file, idOrName);
  if (connection !== undefined) return connection;
  const saved = file.connections.map((candidate) => `"${candidate.name}" (${candidate.id})`).join(', ');
  throw new AtlasSsoError(
    'connection-not-found',
    `There is no connection "${idOrName}". ${saved === '' ? 'No connection is saved yet: add one first.' : `Saved connections: ${saved}.`}`,
  );
}

export function addConnection(file: ConnectionsFile, draft: NewConnection): { readonly file: ConnectionsFile; readonly connection: Connection } {
  const id = draft.id ?? connectionIdFromName(draft.name);
  const clash = file.connections.find((existing) => existing.id === id || existing.name.toLowerCase() === draft.name.trim().toLowerCase());
  if (clash !== undefined) {
    throw new AtlasSsoError('connection-exists', `A connection "${clash.name}" (${clash.id}) already exists: choose another name, or change that connection instead.`);
  }
  const next = checkChangedConnections({ ...file, connections: [...file.connections, { ...draft, id }] });
  return { file: next, connection: getConnection(next, id) };
}

export function updateConnection(file: ConnectionsFile, idOrName: string, changes: ConnectionChanges): { readonly file: ConnectionsFile; readonly connection: Connection } {
  const current = getConnection(file, idOrName);
  const name = changes.name?.trim().toLowerCase();
  const clash = file.connections.find((other) => other.id !== current.id && other.name.toLowerCase() === name);
  if (clash !== undefined) {
    throw new AtlasSsoError('connection-exists', `Another connection is already named "${clash.name}" (${clash.id}): choose another name.`);
  }
  const changed = withoutUndefined({ ...current, ...changes, id: current.id });
  const next = checkChangedConnections({ ...file, connections: file.connections.map((connection) => (connection.id === current.id ? changed : connection)) });
  return { file: next, connection: getConnection(next, current.id) };
}

export function removeConnection(file: ConnectionsFile, idOrName: string): ConnectionsFile {
  const current = getConnection(file, idOrName);
  return { ...file, connections: file.connections.filter((connection) => connection.id !== current.id) };
}

/** Remembers the role picked last, to preselect it next time. */
export function setLastRole(file: ConnectionsFile, idOrName: string, roleArn: string): ConnectionsFile {
  return updateConnection(file, idOrName, { lastRole: roleArn }).file;
}

export function updateSettings(file: ConnectionsFile, changes: SettingsChanges): ConnectionsFile {
  return checkChangedConnections({ ...file, settings: withoutUndefined({ ...file.settings, ...changes }) });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
