import type { ApiHandlers } from '../api.js';
import { atlasVerdictsPath, forgetAtlasVerdicts } from '../connections/atlas-verdicts.js';
import { serializeJson } from '../connections/connections-file.js';
import type { ConnectionChanges } from '../connections/edit-connections.js';
import { AtlasSsoError } from '../errors.js';
import { importConnectionsText } from './import-connections.js';
import type { SessionContext } from './session-context.js';
import { loginProfileOf } from './session-context.js';
import { stateOf } from './session-entry.js';

/** The saved connections: list (with each one's session), save, remove with all it left behind, import, export, demo. */
export function connectionHandlers(ctx: SessionContext): Pick<ApiHandlers, 'listConnections' | 'saveConnection' | 'removeConnection' | 'importConnections' | 'exportConnections' | 'addDemoConnection'> {
  const { store } = ctx.ports;
  return {
    listConnections: async () => {
      const connections = await store.list();
      return { connections, sessions: connections.map((connection) => stateOf(connection.id, ctx.table.entryOf(connection.id))) };
    },

    saveConnection: async ({ connectionId, connection }) => {
      if (connectionId === undefined) return await store.add(connection);
      const changes: ConnectionChanges = {
        name: connection.name,
        idpUrl: connection.idpUrl,
        acsUrl: connection.acsUrl,
        stsRegion: connection.stsRegion,
        defaultRole: connection.defaultRole,
        durationSeconds: connection.durationSeconds,
        profile: connection.profile,
        clusters: connection.clusters ?? [],
        accountAliases: connection.accountAliases ?? {},
        loginBrowser: connection.loginBrowser,
      };
      return await store.update(connectionId, changes);
    },

    removeConnection: async ({ connectionId }) => {
      const connection = await store.get(connectionId);
      ctx.table.signOut(connection.id);
      await ctx.writes.toKeysCache(connection.id, (cache) => cache.forget(connection.id));
      await ctx.writes.forgetShared(connection);
      await store.remove(connection.id);
      await forgetAtlasVerdicts(atlasVerdictsPath(store.filePath), connection.id).catch(() => undefined);
      await ctx.ports.loginBrowser.forget(loginProfileOf(ctx, connection.id));
      return {};
    },

    importConnections: async ({ text }) => importConnectionsText(store.filePath, text),

    exportConnections: async ({ connectionIds }) => ({
      text: serializeJson(await store.exportTeamFile(connectionIds)),
      fileName: 'atlas-sso-connections.json',
    }),

    addDemoConnection: async () => {
      const demo = ctx.ports.demoConnection;
      if (demo === undefined) {
        throw new AtlasSsoError('host-no-demo', 'This Atlas SSO was not started with the demo: run "npm run demo" to try Demo Corp.');
      }
      // A demo saved by an earlier run points at emulators that have since moved to other ports: bring it up to date.
      const saved = (await store.list()).find((connection) => connection.id === demo.id);
      if (saved === undefined) return await store.add(demo);
      const { id, ...changes } = demo;
      return await store.update(id, changes);
    },
  };
}
