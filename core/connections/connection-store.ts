import os from 'node:os';
import { connectionsFilePath } from './config-path.js';
import { editConnectionsFile, readConnectionsFile, readTeamFile } from './connections-file.js';
import type { ConnectionChanges, NewConnection, SettingsChanges } from './edit-connections.js';
import { addConnection, getConnection, removeConnection, setLastRole, updateConnection, updateSettings } from './edit-connections.js';
import type { Connection, ConnectionsFile, Settings, TeamFile } from './schema.js';
import type { ImportReport } from './team-file.js';
import { exportTeamFile, mergeTeamFile } from './team-file.js';

/** The person's saved connections and settings, read fresh on every call so the app and the CLI can share the file. */
export interface ConnectionStore {
  readonly filePath: string;
  list(): Promise<readonly Connection[]>;
  get(idOrName: string): Promise<Connection>;
  add(draft: NewConnection): Promise<Connection>;
  update(idOrName: string, changes: ConnectionChanges): Promise<Connection>;
  remove(idOrName: string): Promise<void>;
  setLastRole(idOrName: string, roleArn: string): Promise<void>;
  /** Merges a team file shared by an admin; nothing changes unless all of it is valid. */
  importTeamFile(teamFilePath: string): Promise<ImportReport>;
  /** All connections, or the named ones, without last roles. */
  exportTeamFile(idsOrNames?: readonly string[]): Promise<TeamFile>;
  settings(): Promise<Settings>;
  updateSettings(changes: SettingsChanges): Promise<Settings>;
}

/** The store for the OS's connections file (or `ATLAS_SSO_CONFIG`), or for an explicit path. */
export function createConnectionStore(filePath: string = connectionsFilePath({ platform: process.platform, env: process.env, homeDir: os.homedir() })): ConnectionStore {
  const read = () => readConnectionsFile(filePath);
  return {
    filePath,
    list: async () => (await read()).connections,
    get: async (idOrName) => getConnection(await read(), idOrName),
    add: (draft) => editConnectionsFile(filePath, (file) => withResult(addConnection(file, draft))),
    update: (idOrName, changes) => editConnectionsFile(filePath, (file) => withResult(updateConnection(file, idOrName, changes))),
    remove: (idOrName) => editConnectionsFile(filePath, (file) => ({ file: removeConnection(file, idOrName), result: undefined })),
    setLastRole: (idOrName, roleArn) => editConnectionsFile(filePath, (file) => ({ file: setLastRole(file, idOrName, roleArn), result: undefined })),
    importTeamFile: async (teamFilePath) => {
      const team = await readTeamFile(teamFilePath);
      return editConnectionsFile(filePath, (file) => {
        const merged = mergeTeamFile(file, team);
        return { file: merged.file, result: merged.report };
      });
    },
    exportTeamFile: async (idsOrNames) => exportTeamFile(await read(), idsOrNames),
    settings: async () => (await read()).settings,
    updateSettings: (changes) =>
      editConnectionsFile(filePath, (file) => {
        const next = updateSettings(file, changes);
        return { file: next, result: next.settings };
      }),
  };
}

function withResult(changed: { readonly file: ConnectionsFile; readonly connection: Connection }): { readonly file: ConnectionsFile; readonly result: Connection } {
  return { file: changed.file, result: changed.connection };
}
