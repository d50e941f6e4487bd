import type { ApiHandlers, RequestResult } from '../api.js';
import type { Connection } from '../connections/schema.js';
import { writeCredentialsProfile } from '../credentials/write-profile.js';
import { databaseUserArn } from '../identity/atlas-user-arn.js';
import { testConnection } from '../mongodb/test-connection.js';
import { createCompassLauncher } from './compass-launcher.js';
import { copyCommandFor } from './copy-command.js';
import { rememberAtlasVerdict, verdictContextOf } from './remember-atlas-verdict.js';
import type { SessionContext } from './session-context.js';
import type { SignedInEntry } from './session-entry.js';
import { clusterUriFor } from './sign-in.js';
import { withKeys } from './signed-in-session.js';

/** Everything made from a live session's keys: a profile, a mongosh command, the keys themselves, mongosh, Compass, a test. */
export function outputHandlers(ctx: SessionContext): Pick<ApiHandlers, 'writeProfile' | 'copyCommand' | 'revealKeys' | 'openMongosh' | 'openCompass' | 'testConnection'> {
  const { env } = ctx.ports;
  /** The keys into the AWS credentials file, under `profile`, else the connection's profile, else its id. */
  const writeProfileFor = async (connection: Connection, session: SignedInEntry, profile: string | undefined): Promise<RequestResult<'writeProfile'>> => {
    const name = profile ?? connection.profile ?? connection.id;
    const written = await writeCredentialsProfile({ profile: name, credentials: session.assumed.credentials, env });
    return { profile: name, filePath: written.filePath, expiresAt: session.summary.expiresAt, warnings: written.warnings };
  };
  return {
    writeProfile: async ({ connectionId, profile }) => {
      const { connection, session } = await withKeys(ctx, connectionId);
      return await writeProfileFor(connection, session, profile);
    },

    copyCommand: async ({ connectionId, clusterName, shell, variant }) => {
      const { connection, session } = await withKeys(ctx, connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      const { mongoshPath } = await ctx.ports.store.settings();
      const copied = await copyCommandFor({ shell, variant, uri: cluster.uri, credentials: session.assumed.credentials, env, platform: ctx.ports.platform, configuredMongoshPath: mongoshPath, writeProfile: () => writeProfileFor(connection, session, undefined) });
      return { ...copied, warnings: [...cluster.warnings, ...copied.warnings] };
    },

    revealKeys: async ({ connectionId }) => {
      const { session } = await withKeys(ctx, connectionId);
      const { accessKeyId, secretAccessKey, sessionToken } = session.assumed.credentials;
      return { accessKeyId, secretAccessKey, sessionToken, expiresAt: session.summary.expiresAt, region: session.assumed.region };
    },

    openMongosh: async ({ connectionId, clusterName }) => {
      const { connection, session } = await withKeys(ctx, connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      const settings = await ctx.ports.store.settings();
      return await ctx.ports.terminal.open({ uri: cluster.uri, credentials: session.assumed.credentials, mongoshPath: settings.mongoshPath, terminal: settings.terminal });
    },

    openCompass: async ({ connectionId, clusterName }) => {
      const { connection, session } = await withKeys(ctx, connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      return await (ctx.ports.compass ?? createCompassLauncher(env, ctx.ports.platform)).open({ uri: cluster.uri, credentials: session.assumed.credentials, region: session.assumed.region });
    },

    testConnection: async ({ connectionId, clusterName }) => {
      const { connection, session } = await withKeys(ctx, connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      return await rememberAtlasVerdict(verdictContextOf(ctx, connection.id, session.role, clusterName), () =>
        testConnection({ uri: cluster.uri, credentials: session.assumed.credentials, expectedUser: databaseUserArn(session.role) }),
      );
    },
  };
}
