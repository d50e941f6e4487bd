import type { ApiHandlers, AppHost } from '../api.js';
import type { SettingsChanges } from '../connections/edit-connections.js';
import { isAtlasSsoError } from '../errors.js';
import { findMongosh } from '../mongodb/find-mongosh.js';
import { diagnosticsText } from './diagnostics.js';
import type { SessionContext } from './session-context.js';
import { stateOf } from './session-entry.js';
import { rearmExpiryTimers } from './session-expiry.js';

/** How diagnostics name each host, as people know them. */
const hostNames: Readonly<Record<AppHost, string>> = { browser: 'browser mode', electron: 'desktop app' };

/** The app itself: its settings, what it is, and the diagnostics text for Help. */
export function appHandlers(ctx: SessionContext): Pick<ApiHandlers, 'getSettings' | 'saveSettings' | 'getAppInfo' | 'getDiagnostics'> {
  const { store, env, platform } = ctx.ports;
  return {
    getSettings: async () => store.settings(),

    saveSettings: async ({ changes }) => {
      const next: SettingsChanges = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value ?? undefined]));
      const saved = await store.updateSettings(next);
      if ('warnBeforeExpiryMinutes' in changes) rearmExpiryTimers(ctx, saved.warnBeforeExpiryMinutes);
      return saved;
    },

    getAppInfo: () => Promise.resolve({ version: ctx.ports.appVersion, host: ctx.ports.host, demoAvailable: ctx.ports.demoConnection !== undefined }),

    getDiagnostics: async () => {
      const [connections, settings] = await Promise.all([store.list(), store.settings()]);
      const mongosh = await findMongosh({ env, platform, ...(settings.mongoshPath === undefined ? {} : { configuredPath: settings.mongoshPath }) }).catch((error: unknown) =>
        isAtlasSsoError(error) ? `not found (${error.code})` : 'not found',
      );
      const override = env.AWS_ENDPOINT_URL_STS?.trim() || env.AWS_ENDPOINT_URL?.trim() || null;
      return {
        text: diagnosticsText({
          appVersion: ctx.ports.appVersion,
          host: hostNames[ctx.ports.host],
          platform: `${platform} ${process.arch}`,
          nodeVersion: process.versions.node,
          connectionsFile: store.filePath,
          connections,
          settings,
          sessions: connections.map((connection) => stateOf(connection.id, ctx.table.entryOf(connection.id))),
          stsEndpointOverride: override,
          mongosh,
          now: ctx.clock.now(),
        }),
      };
    },
  };
}
