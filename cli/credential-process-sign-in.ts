import path from 'node:path';
import type { TemporaryCredentials } from '../core/aws/temporary-credentials.js';
import { loginProfileDir } from '../core/connections/config-path.js';
import type { ConnectionStore } from '../core/connections/connection-store.js';
import type { Connection } from '../core/connections/schema.js';
import { credentialProcessKeys } from '../core/credentials/credential-process-keys.js';
import type { KeysCache } from '../core/credentials/keys-cache.js';
import { openIdpSessionStore } from '../core/login/idp-session-store.js';
import type { ConnectionSignInOptions } from './connection-sign-in.js';
import { defaultSignInTimeoutSeconds, signInWithSavedConnection } from './connection-sign-in.js';
import type { CliContext } from './context.js';

/** A silent renewal gets this long at most: with a live IdP session it takes seconds, and nobody sees its window. */
const silentTimeoutSeconds = 30;

export interface CredentialProcessSignInRequest {
  readonly store: ConnectionStore;
  readonly connection: Connection;
  readonly cache: KeysCache;
  readonly role: string | undefined;
  readonly browser: string | undefined;
  readonly timeoutSeconds: number | undefined;
}

/** credential-process past its fast path: keys missing or due for renewal, with one sign-in across all callers. */
export async function credentialProcessSignIn(context: CliContext, request: CredentialProcessSignInRequest): Promise<TemporaryCredentials> {
  const { io } = context;
  const { store, connection, cache, role } = request;
  const timeoutSeconds = request.timeoutSeconds ?? defaultSignInTimeoutSeconds;
  const signIn = async (options: ConnectionSignInOptions): Promise<TemporaryCredentials> => {
    const result = await signInWithSavedConnection(context, store, connection, options);
    const keys = result.assumed.credentials;
    for (const cachedRole of new Set([role ?? result.role.roleArn, result.role.roleArn])) {
      await cache.put({ connectionId: connection.id, role: cachedRole }, keys).catch((error: unknown) => {
        context.warn([`The keys were not cached, so the next run signs in again: ${error instanceof Error ? error.message : String(error)}`]);
      });
    }
    return keys;
  };
  const idpSessions = openIdpSessionStore(store.filePath, io.platform, io.env);
  const silent = await idpSessions.isKept(loginProfileDir(store.filePath, connection.id, io.platform));
  return credentialProcessKeys({
    cache,
    key: role === undefined ? undefined : { connectionId: connection.id, role },
    connectionId: connection.id,
    label: `"${connection.name}"`,
    lockFolder: path.join(path.dirname(store.filePath), 'sign-in-locks'),
    timeoutMs: timeoutSeconds * 1000,
    signIn: () => signIn({ role, browser: request.browser, timeoutSeconds }),
    silentSignIn: silent
      ? () => signIn({ role, browser: request.browser, timeoutSeconds: Math.min(timeoutSeconds, silentTimeoutSeconds), browserOverrides: { headless: true } })
      : undefined,
    warn: (line) => context.warn([line]),
  });
}
