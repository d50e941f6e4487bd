import type { AppHost } from '../api.js';
import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import type { ConnectionStore } from '../connections/connection-store.js';
import type { NewConnection } from '../connections/edit-connections.js';
import type { KeysCache } from '../credentials/keys-cache.js';
import type { DiagnoseIdentityRequest, IdentityDiagnosis } from '../identity/diagnose-identity.js';
import type { LoginBrowser } from '../login/login-browser.js';
import type { CompassLauncher } from './compass-launcher.js';
import type { Clock } from './expiry-timer.js';
import type { TerminalLauncher } from './terminal-launcher.js';

/** What a host hands the session service: its store, login browser, terminal and environment, and optional caches. */
export interface SessionServicePorts {
  readonly store: ConnectionStore;
  readonly loginBrowser: LoginBrowser;
  readonly terminal: TerminalLauncher;
  /** Opens MongoDB Compass; the real one (core/session/compass-launcher.ts) by default. */
  readonly compass?: CompassLauncher;
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
