import type { ApiEvent, ApiHandlers, AppHost, RolesReady, SessionState, SessionSummary } from '../api.js';
import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import { rolePathAndName } from '../aws/role.js';
import { loginProfileDir } from '../connections/config-path.js';
import type { ConnectionStore } from '../connections/connection-store.js';
import { serializeJson } from '../connections/connections-file.js';
import type { ConnectionChanges, NewConnection, SettingsChanges } from '../connections/edit-connections.js';
import type { Connection } from '../connections/schema.js';
import type { KeysCache } from '../credentials/keys-cache.js';
import type { KeysCacheKey } from '../credentials/keys-cache-entry.js';
import { checkCredentialsProfileWritable, writeCredentialsProfile } from '../credentials/write-profile.js';
import { AtlasSsoError, isAtlasSsoError } from '../errors.js';
import type { DiagnoseIdentityRequest, IdentityDiagnosis } from '../identity/diagnose-identity.js';
import { diagnoseIdentity } from '../identity/diagnose-identity.js';
import type { LoginBrowser } from '../login/login-browser.js';
import { normalizeAtlasConnectionString } from '../mongodb/connection-string.js';
import { findMongosh } from '../mongodb/find-mongosh.js';
import { mongoshCommandWithKeys, mongoshCommandWithProfile } from '../mongodb/mongosh-command.js';
import { testConnection } from '../mongodb/test-connection.js';
import type { SamlResponse } from '../saml/read-saml-response.js';
import { apiErrorOf } from './api-dispatch.js';
import { assumeFromResponse } from './assume-from-response.js';
import { credentialProcessKeysFor, forgetCachedKeysOf } from './credential-process-sharing.js';
import { databaseUserArn } from './database-user.js';
import { diagnosticsText } from './diagnostics.js';
import { identityCheckOf } from './identity-check.js';
import type { Clock } from './expiry-timer.js';
import { scheduleExpiry, systemClock } from './expiry-timer.js';
import { importConnectionsText } from './import-connections.js';
import { pickRole } from './pick-role.js';
import { roleMenu } from './role-menu.js';
import { clusterUriFor, signInWithConnection } from './sign-in.js';
import type { TerminalLauncher } from './terminal-launcher.js';

export interface SessionServicePorts {
  readonly store: ConnectionStore;
  readonly loginBrowser: LoginBrowser;
  readonly terminal: TerminalLauncher;
  /** The host's environment: AWS_ENDPOINT_URL_STS, the AWS files (AWS_SHARED_CREDENTIALS_FILE, HOME), PATH for mongosh. */
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly clock?: Clock;
  /** How long the person has to sign in at the IdP; default 10 minutes. */
  readonly loginTimeoutMs?: number;
  /** Overall deadline of one STS call; default 30 s. */
  readonly stsDeadlineMs?: number;
  /** For the UI's about box and diagnostics: the app's version and which host runs it. */
  readonly appVersion: string;
  readonly host: AppHost;
  /** The Demo Corp connection `npm run demo` started this host with: "Try the demo" adds it. Absent: no demo here. */
  readonly demoConnection?: NewConnection & { readonly id: string };
  /**
   * "Check my identity" (core/identity's diagnoseIdentity by default). Its machine check reads the AWS SDK chain from
   * this process's own environment, as mongosh and the driver started by this host would.
   */
  readonly diagnoseIdentity?: (request: DiagnoseIdentityRequest) => Promise<IdentityDiagnosis>;
  /** Where signed-in sessions wait for the host's next start (the desktop app's safeStorage). Absent: memory only. */
  readonly keysCache?: SessionKeysCache;
  /**
   * The cache `atlas-sso credential-process` reads: when an AWS profile runs it for this connection and role
   * (`setup-profile`), a session's keys are put there and wiped when it ends, so that profile needs no second sign-in.
   * Absent: not shared.
   */
  readonly credentialProcessKeys?: KeysCache;
}

/** A signed-in session as the keys cache keeps it: all the service needs to be signed in again without the IdP. */
export interface CachedSession {
  readonly role: Role;
  readonly assumed: AssumedRole;
  readonly warnings: readonly string[];
}

/** The port for keeping sessions across restarts; one per connection, replaced on every new session. */
export interface SessionKeysCache {
  /** The connection's session while it has time left to be worth restoring, else undefined; never throws. */
  get(connectionId: string): Promise<CachedSession | undefined>;
  put(connectionId: string, session: CachedSession): Promise<void>;
  /** Wipes the connection's keys: signed out, expired, replaced by a sign-in that has not finished, or removed. */
  forget(connectionId: string): Promise<void>;
}

/** How diagnostics name each host, as people know them. */
const hostNames: Readonly<Record<AppHost, string>> = { browser: 'browser mode', electron: 'desktop app' };

/** The whole flow behind api.ts for one host, plus its events. */
export interface SessionService extends ApiHandlers {
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** The host is stopping: closes login windows, cancels timers, forgets every key held in memory (not the keys cache). */
  close(): void;
  /** The host starts: signs in again, from the keys cache, each connection whose cached session still has time left. */
  restoreCachedSessions(): Promise<readonly string[]>;
}

/** What the service holds per connection. Keys and the assertion live here only, in memory. */
type Entry =
  | { readonly status: 'signed-out' }
  | { readonly status: 'signing-in'; readonly step: Extract<SessionState, { status: 'signing-in' }>['step']; readonly abort: AbortController; readonly roles: Promise<RolesReady> }
  /** The assertion waits here for the role choice, and is dropped as soon as it is sent to STS. */
  | { readonly status: 'roles-ready'; readonly response: SamlResponse; readonly roles: RolesReady }
  | { readonly status: 'assuming'; readonly roleArn: string }
  | {
      readonly status: 'signed-in';
      readonly role: Role;
      readonly assumed: AssumedRole;
      readonly summary: SessionSummary;
      /** Stops the expiring/expired timers; replaced when the warning time changes in Settings. */
      cancelTimers: () => void;
      /** A refresh under way: its outcome, joined by a second refresh. */
      refreshing?: { readonly abort: AbortController; readonly done: Promise<SessionSummary> };
      /** Where its keys were put for credential-process. */
      sharedAs: readonly KeysCacheKey[];
    };
type SignedInEntry = Extract<Entry, { status: 'signed-in' }>;

const signedOut: Entry = { status: 'signed-out' };
const defaultLoginTimeoutMs = 10 * 60_000;

/**
 * One service for every host: sign in through the LoginBrowser, list the roles, redeem the assertion for the chosen role
 * at once (then drop it), keep the keys in memory with their expiry, and make every output from them.
 */
export function createSessionService(ports: SessionServicePorts): SessionService {
  const { store, loginBrowser, env, platform } = ports;
  const clock = ports.clock ?? systemClock;
  const diagnose = ports.diagnoseIdentity ?? diagnoseIdentity;
  const loginTimeoutMs = ports.loginTimeoutMs ?? defaultLoginTimeoutMs;
  const entries = new Map<string, Entry>();
  const listeners = new Set<(event: ApiEvent) => void>();
  /** Keys-cache writes, in order (a wipe never overtakes the put before it); a failure is reported, never thrown. */
  let cacheWrites: Promise<void> = Promise.resolve();
  /** Quitting keeps the cached sessions for the next start: only a sign-out, expiry or removal wipes them. */
  let closing = false;

  const emit = (event: ApiEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber (a closed HTTP stream) must not stop the others.
      }
    }
  };
  const entryOf = (connectionId: string): Entry => entries.get(connectionId) ?? signedOut;
  const queueCacheWrite = (connectionId: string, write: () => Promise<unknown>): Promise<void> => {
    cacheWrites = cacheWrites.then(write).then(
      () => undefined,
      (error: unknown) => emit({ type: 'error', connectionId, error: apiErrorOf(error) }),
    );
    return cacheWrites;
  };
  const writeCache = (connectionId: string, write: (cache: SessionKeysCache) => Promise<void>): Promise<void> => {
    const cache = ports.keysCache;
    return cache === undefined ? cacheWrites : queueCacheWrite(connectionId, () => write(cache));
  };
  /** Puts the session's keys where `credential-process` looks for them, and notes where, so its end can wipe them. */
  const shareKeys = async (connectionId: string, entry: SignedInEntry): Promise<void> => {
    const shared = ports.credentialProcessKeys;
    if (shared === undefined) return;
    const keys = await credentialProcessKeysFor(env, connectionId, entry.role);
    // Signed out while the AWS config was read: nothing to share, and nothing would wipe it later.
    if (entries.get(connectionId) !== entry) return;
    entry.sharedAs = keys;
    await Promise.all(entry.sharedAs.map((key) => queueCacheWrite(connectionId, () => shared.put(key, entry.assumed.credentials))));
  };
  const unshareKeys = (connectionId: string, entry: SignedInEntry): void => {
    const shared = ports.credentialProcessKeys;
    if (shared !== undefined) for (const key of entry.sharedAs) void queueCacheWrite(connectionId, () => shared.forget(key));
  };

  /** Replaces a connection's entry, stopping what the old one ran (timers, a login window), and says so. */
  const setEntry = (connectionId: string, next: Entry): void => {
    const previous = entryOf(connectionId);
    if (previous === next) return;
    if (previous.status === 'signed-in') {
      previous.cancelTimers();
      previous.refreshing?.abort.abort();
    }
    if (previous.status === 'signing-in' && next.status !== 'roles-ready') previous.abort.abort();
    if (previous.status === 'signed-in' && next.status !== 'signed-in' && !closing) void writeCache(connectionId, (cache) => cache.forget(connectionId));
    // A new session puts its own keys after this wipe; quitting leaves them for credential-process until they expire.
    if (previous.status === 'signed-in' && !closing) unshareKeys(connectionId, previous);
    if (next.status === 'signed-out') entries.delete(connectionId);
    else entries.set(connectionId, next);
    emit({ type: 'sessionChanged', connectionId, state: stateOf(connectionId, next) });
  };

  /** Warns `warnBefore` minutes before the keys expire, then signs the connection out; only while `entry` is current. */
  const armExpiryTimers = (connectionId: string, entry: SignedInEntry, warnBefore: number): void => {
    entry.cancelTimers = scheduleExpiry(clock, entry.assumed.credentials.expiration, warnBefore, {
      onExpiring: (minutesLeft) => {
        if (entries.get(connectionId) === entry) emit({ type: 'sessionExpiring', connectionId, expiresAt: entry.summary.expiresAt, minutesLeft });
      },
      onExpired: () => {
        if (entries.get(connectionId) !== entry) return;
        setEntry(connectionId, signedOut);
        emit({ type: 'sessionExpired', connectionId });
      },
    });
  };

  const captureSignIn = async (connection: Connection, abort: AbortController, onStep: (step: NonNullable<Extract<Entry, { status: 'signing-in' }>['step']>) => void): Promise<SamlResponse> =>
    signInWithConnection({
      connection,
      loginBrowser,
      profileDir: loginProfileDir(store.filePath, connection.id, platform),
      timeoutMs: loginTimeoutMs,
      signal: abort.signal,
      onProgress: (step) => {
        onStep(step);
        emit({ type: 'signInProgress', connectionId: connection.id, step });
      },
    });

  const assume = (connection: Connection, response: SamlResponse, role: Pick<Role, 'roleArn' | 'principalArn'>, signal?: AbortSignal) =>
    assumeFromResponse({
      response,
      choice: { role: role.roleArn, principalArn: role.principalArn },
      region: connection.stsRegion,
      durationSeconds: connection.durationSeconds,
      deadlineMs: ports.stsDeadlineMs,
      signal,
      env,
      now: () => clock.now(),
    });

  /** Keys in hand: schedule the warnings, remember the role, tell the UI. */
  const becomeSignedIn = async (connection: Connection, role: Role, assumed: AssumedRole, warnings: readonly string[], restored = false): Promise<SessionSummary> => {
    const summary: SessionSummary = {
      connectionId: connection.id,
      roleArn: role.roleArn,
      roleName: rolePathAndName(role.roleArn),
      accountId: role.accountId,
      accountAlias: connection.accountAliases[role.accountId] ?? null,
      assumedRoleArn: assumed.assumedRoleArn,
      region: assumed.region,
      expiresAt: assumed.credentials.expiration.toISOString(),
      warnings,
    };
    const warnBefore = (await store.settings().catch(() => undefined))?.warnBeforeExpiryMinutes ?? 10;
    const entry: SignedInEntry = { status: 'signed-in', role, assumed, summary, cancelTimers: () => undefined, sharedAs: [] };
    armExpiryTimers(connection.id, entry, warnBefore);
    setEntry(connection.id, entry);
    if (!restored) await writeCache(connection.id, (cache) => cache.put(connection.id, { role, assumed, warnings }));
    await shareKeys(connection.id, entry);
    if (connection.lastRole !== role.roleArn) {
      await store.setLastRole(connection.id, role.roleArn).catch((error: unknown) => emit({ type: 'error', connectionId: connection.id, error: apiErrorOf(error) }));
    }
    return summary;
  };

  const signedInEntry = (connectionId: string, connectionName: string): SignedInEntry => {
    const entry = entryOf(connectionId);
    if (entry.status === 'signed-in') return entry;
    throw new AtlasSsoError('session-signed-out', `You are not signed in to "${connectionName}" (or the keys expired): sign in and pick a role first.`);
  };

  /** The connection and its live session, for every request that uses the keys. */
  const withKeys = async (connectionId: string): Promise<{ readonly connection: Connection; readonly session: SignedInEntry }> => {
    const connection = await store.get(connectionId);
    return { connection, session: signedInEntry(connection.id, connection.name) };
  };

  const writeProfileFor = async (connection: Connection, session: SignedInEntry, profile: string | undefined) => {
    const name = profile ?? connection.profile ?? connection.id;
    const written = await writeCredentialsProfile({ profile: name, credentials: session.assumed.credentials, env });
    return { profile: name, filePath: written.filePath, expiresAt: session.summary.expiresAt, warnings: written.warnings };
  };

  const signOut = (connectionId: string): void => setEntry(connectionId, signedOut);

  const service: SessionService = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close: () => {
      closing = true;
      for (const connectionId of [...entries.keys()]) signOut(connectionId);
      listeners.clear();
    },

    restoreCachedSessions: async () => {
      const cache = ports.keysCache;
      if (cache === undefined) return [];
      const restored: string[] = [];
      for (const connection of await store.list()) {
        const cached = entryOf(connection.id).status === 'signed-out' ? await cache.get(connection.id) : undefined;
        // A sign-in started meanwhile wins over keys from the last run.
        if (cached === undefined || entryOf(connection.id).status !== 'signed-out') continue;
        await becomeSignedIn(connection, cached.role, cached.assumed, cached.warnings, true);
        restored.push(connection.id);
      }
      return restored;
    },

    listConnections: async () => {
      const connections = await store.list();
      return { connections, sessions: connections.map((connection) => stateOf(connection.id, entryOf(connection.id))) };
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
      signOut(connection.id);
      await writeCache(connection.id, (cache) => cache.forget(connection.id));
      const shared = ports.credentialProcessKeys;
      if (shared !== undefined) await queueCacheWrite(connection.id, () => forgetCachedKeysOf(shared, env, connection));
      await store.remove(connection.id);
      await loginBrowser.forget(loginProfileDir(store.filePath, connection.id, platform));
      return {};
    },

    importConnections: async ({ text }) => importConnectionsText(store.filePath, text),

    exportConnections: async ({ connectionIds }) => ({
      text: serializeJson(await store.exportTeamFile(connectionIds)),
      fileName: 'atlas-sso-connections.json',
    }),

    signIn: async ({ connectionId }) => {
      // Checked before any await, so a double click joins the window already opening.
      const opening = entries.get(connectionId);
      if (opening?.status === 'signing-in') return await opening.roles;
      const connection = await store.get(connectionId);
      const current = entryOf(connection.id);
      if (current.status === 'signing-in') return await current.roles;
      if (current.status === 'assuming') throw busy(connection);
      const abort = new AbortController();
      let entry: Extract<Entry, { status: 'signing-in' }> | undefined;
      // Started after the entry below is in place, so the UI hears "signing in" before any step of it.
      const roles = Promise.resolve().then(async (): Promise<RolesReady> => {
        const response = await captureSignIn(connection, abort, (step) => {
          if (entry === undefined || entries.get(connection.id) !== entry) return;
          entry = { ...entry, step };
          entries.set(connection.id, entry);
        });
        if (entries.get(connection.id) !== entry) throw new AtlasSsoError('login-cancelled', 'Sign-in was cancelled.');
        const ready = rolesReady(connection, response);
        setEntry(connection.id, { status: 'roles-ready', response, roles: ready });
        emit({ type: 'rolesReady', connectionId: connection.id, roles: ready });
        return ready;
      });
      const started: Extract<Entry, { status: 'signing-in' }> = { status: 'signing-in', step: null, abort, roles };
      entry = started;
      setEntry(connection.id, started);
      try {
        return await roles;
      } catch (error) {
        if (entries.get(connection.id) === entry) setEntry(connection.id, signedOut);
        throw error;
      }
    },

    cancelSignIn: async ({ connectionId }) => {
      const connection = await store.get(connectionId);
      const entry = entryOf(connection.id);
      if (entry.status === 'signing-in' || entry.status === 'roles-ready') signOut(connection.id);
      if (entry.status === 'signed-in') entry.refreshing?.abort.abort();
      return {};
    },

    pickRole: async ({ connectionId, roleArn, principalArn }) => {
      const connection = await store.get(connectionId);
      // A connection that names a profile gets its keys saved there: refuse before STS (the sign-in stays usable).
      if (connection.profile !== undefined) await checkCredentialsProfileWritable(env);
      const entry = entryOf(connection.id);
      if (entry.status === 'assuming' || entry.status === 'signing-in') throw busy(connection);
      if (entry.status !== 'roles-ready') {
        throw new AtlasSsoError('session-no-sign-in', `There is no sign-in to "${connection.name}" waiting for a role (a sign-in is used once): sign in again.`);
      }
      const { facts } = entry.response;
      // A role the sign-in does not grant is refused here, and the sign-in stays usable for another choice.
      const role = pickRole(facts.roles, { role: roleArn, principalArn }, { encrypted: facts.encrypted });
      const response = entry.response;
      setEntry(connection.id, { status: 'assuming', roleArn: role.roleArn });
      try {
        const result = await assume(connection, response, role);
        return await becomeSignedIn(connection, result.role, result.assumed, result.warnings);
      } catch (error) {
        if (entryOf(connection.id).status === 'assuming') setEntry(connection.id, signedOut);
        throw error;
      }
    },

    writeProfile: async ({ connectionId, profile }) => {
      const { connection, session } = await withKeys(connectionId);
      return await writeProfileFor(connection, session, profile);
    },

    copyCommand: async ({ connectionId, clusterName, shell, variant }) => {
      const { connection, session } = await withKeys(connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      if (variant === 'keys') {
        return { command: mongoshCommandWithKeys({ shell, uri: cluster.uri, credentials: session.assumed.credentials }), containsKeys: true, warnings: cluster.warnings };
      }
      const written = await writeProfileFor(connection, session, undefined);
      return { command: mongoshCommandWithProfile({ shell, uri: cluster.uri, profile: written.profile }), containsKeys: false, warnings: [...cluster.warnings, ...written.warnings] };
    },

    revealKeys: async ({ connectionId }) => {
      const { session } = await withKeys(connectionId);
      const { accessKeyId, secretAccessKey, sessionToken } = session.assumed.credentials;
      return { accessKeyId, secretAccessKey, sessionToken, expiresAt: session.summary.expiresAt, region: session.assumed.region };
    },

    openMongosh: async ({ connectionId, clusterName }) => {
      const { connection, session } = await withKeys(connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      const settings = await store.settings();
      return await ports.terminal.open({ uri: cluster.uri, credentials: session.assumed.credentials, mongoshPath: settings.mongoshPath, terminal: settings.terminal });
    },

    testConnection: async ({ connectionId, clusterName }) => {
      const { connection, session } = await withKeys(connectionId);
      const cluster = clusterUriFor(connection, clusterName);
      return await testConnection({ uri: cluster.uri, credentials: session.assumed.credentials, expectedUser: databaseUserArn(session.role) });
    },

    checkIdentity: async ({ target }) => {
      if (target.kind === 'machine') {
        const cluster = target.clusterUri === undefined ? undefined : normalizeAtlasConnectionString(target.clusterUri);
        const diagnosis = await diagnose({ input: { kind: 'machine' }, clusterUri: cluster?.uri, env });
        return identityCheckOf('machine', diagnosis, cluster?.warnings ?? []);
      }
      const { connection, session } = await withKeys(target.connectionId);
      const cluster = target.clusterName === undefined ? undefined : clusterUriFor(connection, target.clusterName);
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = session.assumed.credentials;
      const diagnosis = await diagnose({
        input: { kind: 'keys', keys: { accessKeyId, secretAccessKey, sessionToken, expiration }, label: `your Atlas SSO session on "${connection.name}"` },
        clusterUri: cluster?.uri,
        // The STS that issued the keys answers for them: the same region and endpoint.
        region: session.assumed.region,
        stsEndpoint: session.assumed.endpoint,
        env,
      });
      return identityCheckOf('session', diagnosis, cluster?.warnings ?? []);
    },

    refresh: async ({ connectionId }) => {
      const connection = await store.get(connectionId);
      const current = entryOf(connection.id);
      if (current.status === 'signed-in' && current.refreshing !== undefined) return await current.refreshing.done;
      if (current.status === 'signing-in' || current.status === 'assuming') throw busy(connection);
      const role = current.status === 'signed-in' ? current.role : undefined;
      const roleArn = role?.roleArn ?? connection.lastRole;
      if (roleArn === undefined) {
        throw new AtlasSsoError('session-signed-out', `There is no role to refresh on "${connection.name}" yet: sign in and pick a role first.`);
      }
      if (current.status === 'signed-out' || current.status === 'roles-ready') {
        // Nothing live to keep: a refresh is a sign-in that picks the last role.
        const roles = await service.signIn({ connectionId: connection.id });
        const last = roles.groups.flatMap((group) => group.roles).find((option) => option.roleArn === roleArn);
        return await service.pickRole({ connectionId: connection.id, roleArn, ...(last === undefined ? {} : { principalArn: last.principalArn }) });
      }
      // Signed in: the current keys stay usable until the new ones arrive.
      const abort = new AbortController();
      const done = (async (): Promise<SessionSummary> => {
        const response = await captureSignIn(connection, abort, () => undefined);
        if (entries.get(connection.id) !== current) throw new AtlasSsoError('login-cancelled', 'The refresh was cancelled.');
        const result = await assume(connection, response, current.role, abort.signal);
        if (entries.get(connection.id) !== current) throw new AtlasSsoError('login-cancelled', 'The refresh was cancelled.');
        return await becomeSignedIn(connection, result.role, result.assumed, result.warnings);
      })();
      current.refreshing = { abort, done };
      try {
        return await done;
      } finally {
        if (current.refreshing.done === done) delete current.refreshing;
      }
    },

    signOut: async ({ connectionId }) => {
      const connection = await store.get(connectionId).catch((error: unknown) => {
        // A connection removed elsewhere may still hold keys here: sign out by id anyway.
        if (isAtlasSsoError(error, 'connection-not-found')) return { id: connectionId };
        throw error;
      });
      signOut(connection.id);
      await cacheWrites;
      return {};
    },

    forgetIdpSignIn: async ({ connectionId }) => {
      const connection = await store.get(connectionId);
      signOut(connection.id);
      await cacheWrites;
      await loginBrowser.forget(loginProfileDir(store.filePath, connection.id, platform));
      return {};
    },

    getSettings: async () => store.settings(),

    saveSettings: async ({ changes }) => {
      const next: SettingsChanges = Object.fromEntries(Object.entries(changes).map(([key, value]) => [key, value ?? undefined]));
      const saved = await store.updateSettings(next);
      if ('warnBeforeExpiryMinutes' in changes) {
        // Sessions already signed in warn at the new time too, not only the next ones.
        for (const [connectionId, entry] of entries) {
          if (entry.status !== 'signed-in') continue;
          entry.cancelTimers();
          armExpiryTimers(connectionId, entry, saved.warnBeforeExpiryMinutes);
        }
      }
      return saved;
    },

    getAppInfo: () => Promise.resolve({ version: ports.appVersion, host: ports.host, demoAvailable: ports.demoConnection !== undefined }),

    addDemoConnection: async () => {
      const demo = ports.demoConnection;
      if (demo === undefined) {
        throw new AtlasSsoError('host-no-demo', 'This Atlas SSO was not started with the demo: run "npm run demo" to try Demo Corp.');
      }
      // A demo saved by an earlier run points at emulators that have since moved to other ports: bring it up to date.
      const saved = (await store.list()).find((connection) => connection.id === demo.id);
      if (saved === undefined) return await store.add(demo);
      const { id, ...changes } = demo;
      return await store.update(id, changes);
    },

    getDiagnostics: async () => {
      const [connections, settings] = await Promise.all([store.list(), store.settings()]);
      const mongosh = await findMongosh({ env, platform, ...(settings.mongoshPath === undefined ? {} : { configuredPath: settings.mongoshPath }) }).catch((error: unknown) =>
        isAtlasSsoError(error) ? `not found (${error.code})` : 'not found',
      );
      const override = env.AWS_ENDPOINT_URL_STS?.trim() || env.AWS_ENDPOINT_URL?.trim() || null;
      return {
        text: diagnosticsText({
          appVersion: ports.appVersion,
          host: hostNames[ports.host],
          platform: `${platform} ${process.arch}`,
          nodeVersion: process.versions.node,
          connectionsFile: store.filePath,
          connections,
          settings,
          sessions: connections.map((connection) => stateOf(connection.id, entryOf(connection.id))),
          stsEndpointOverride: override,
          mongosh,
          now: clock.now(),
        }),
      };
    },
  };
  return service;
}

/** An entry as the UI may see it: no assertion, no key. */
function stateOf(connectionId: string, entry: Entry): SessionState {
  switch (entry.status) {
    case 'signed-out':
      return { status: 'signed-out', connectionId };
    case 'signing-in':
      return { status: 'signing-in', connectionId, step: entry.step };
    case 'roles-ready':
      return { status: 'roles-ready', connectionId, roles: entry.roles };
    case 'assuming':
      return { status: 'assuming', connectionId, roleArn: entry.roleArn };
    case 'signed-in':
      return { status: 'signed-in', connectionId, session: entry.summary };
  }
}

/** The roles a sign-in offers, grouped by account with the connection's aliases, the last used first. */
function rolesReady(connection: Connection, response: SamlResponse): RolesReady {
  const { facts } = response;
  const groups = roleMenu(facts.roles, { accountAliases: connection.accountAliases, lastRole: connection.lastRole, defaultRole: connection.defaultRole, clusters: connection.clusters });
  return {
    connectionId: connection.id,
    groups: groups.map((group) => ({
      accountId: group.accountId,
      accountAlias: connection.accountAliases[group.accountId] ?? null,
      roles: group.entries.map((entry) => ({
        roleArn: entry.role.roleArn,
        principalArn: entry.role.principalArn,
        accountId: entry.role.accountId,
        roleName: entry.role.roleName,
        rolePath: entry.label,
        lastUsed: entry.lastUsed,
        isDefault: entry.isDefault,
        clusters: entry.clusters,
      })),
    })),
    subject: facts.subject,
    encrypted: facts.encrypted,
    notOnOrAfter: facts.notOnOrAfter?.toISOString() ?? null,
    warnings: facts.warnings,
  };
}

function busy(connection: Connection): AtlasSsoError {
  return new AtlasSsoError('session-busy', `"${connection.name}" is signing in right now: finish or cancel that sign-in first.`);
}

