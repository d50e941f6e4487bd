/**
 * The one typed contract between a UI and a host (Electron IPC, the browser-mode HTTP server, tests): every request
 * with the schemas of its params and result, every event, and the reply shape. The renderer imports this file,
 * so it holds types and zod only: no Node, no I/O. Dates cross as ISO 8601 strings.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { errorCodes } from './errors.js';
import type { LoginProgress } from './login/login-browser.js';
import { shells } from './shell/shell-names.js';

const id = z.string().min(1, 'is empty: give a connection id').max(64, 'is longer than 64 characters');
const isoDate = z.iso.datetime({ offset: true });
const warnings = z.array(z.string()).readonly();

// ── Connections and settings (shapes only: core/connections checks every rule when it saves) ──

// The one rule for a user name or password in a saved connection string, as the form states it.
export { connectionStringRule } from './connections/connection-string-rule.js';

/** `roles`: the role ARNs or names that have a database user on the cluster (the role picker marks them). */
export const clusterSchema = z.object({ name: z.string(), uri: z.string(), roles: z.array(z.string()).readonly().optional() }).readonly();

/** A connection as the person edits it; the id is made from the name when absent, the last role only by signing in. */
export const connectionDraftSchema = z
  .strictObject({
    name: z.string(),
    idpUrl: z.string(),
    acsUrl: z.string().optional(),
    stsRegion: z.string().optional(),
    defaultRole: z.string().optional(),
    durationSeconds: z.number().optional(),
    profile: z.string().optional(),
    clusters: z.array(clusterSchema).readonly().optional(),
    accountAliases: z.record(z.string(), z.string()).readonly().optional(),
    loginBrowser: z.enum(['embedded', 'system']).optional(),
  })
  .readonly();

/** A saved connection, as listed. Holds no secret. */
export const connectionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    idpUrl: z.string(),
    acsUrl: z.string().optional(),
    stsRegion: z.string().optional(),
    defaultRole: z.string().optional(),
    lastRole: z.string().optional(),
    durationSeconds: z.number().optional(),
    profile: z.string().optional(),
    clusters: z.array(clusterSchema).readonly(),
    accountAliases: z.record(z.string(), z.string()).readonly(),
    loginBrowser: z.enum(['embedded', 'system']).optional(),
  })
  .readonly();

export const settingsSchema = z
  .object({
    mongoshPath: z.string().optional(),
    terminal: z.string().optional(),
    clipboardClearSeconds: z.number(),
    warnBeforeExpiryMinutes: z.number(),
    theme: z.enum(['system', 'light', 'dark']),
  })
  .readonly();

/** Settings to change; a field set to null goes back to its default. */
export const settingsChangesSchema = z
  .strictObject({
    mongoshPath: z.string().nullable().optional(),
    terminal: z.string().nullable().optional(),
    clipboardClearSeconds: z.number().nullable().optional(),
    warnBeforeExpiryMinutes: z.number().nullable().optional(),
    theme: z.enum(['system', 'light', 'dark']).nullable().optional(),
  })
  .readonly();

// ── Roles and sessions ──

/** Learned, not configured: "Atlas user found" or "no Atlas user for this role", when and on which cluster. */
export const atlasVerdictSchema = z.object({ verdict: z.enum(['user-found', 'no-user']), at: isoDate, cluster: z.string() }).readonly();

/** The IdP side of a sign-in ("What the IdP sent"): facts and problems, never a signature, certificate or the base64. */
export const idpReportSchema = z
  .object({
    issuer: z.string().nullable(),
    destination: z.string().nullable(),
    audience: z.string().nullable(),
    issuedAt: isoDate.nullable(),
    expiresAt: isoDate.nullable(),
    readAt: isoDate,
    /** This computer's clock minus the IssueInstant when the response was read (the clock skew, right after a sign-in). */
    clockSkewSeconds: z.number().nullable(),
    nameIdFormat: z.string().nullable(),
    subject: z.string().nullable(),
    roleSessionName: z.string().nullable(),
    sessionDuration: z.string().nullable(),
    roles: z
      .array(
        z
          .object({
            position: z.number(),
            value: z.string(),
            roleArn: z.string().nullable(),
            principalArn: z.string().nullable(),
            accountId: z.string().nullable(),
            partition: z.string().nullable(),
            order: z.enum(['role,provider', 'provider,role']).nullable(),
            usable: z.boolean(),
          })
          .readonly(),
      )
      .readonly(),
    responseSigned: z.boolean(),
    assertionSigned: z.boolean().nullable(),
    encrypted: z.boolean(),
    problems: z.array(z.object({ code: z.string(), sentence: z.string() }).readonly()).readonly(),
  })
  .readonly();

export const roleOptionSchema = z
  .object({
    roleArn: z.string(),
    principalArn: z.string(),
    accountId: z.string(),
    /** The last segment (`AtlasReader`), and with its path (`team/AtlasReader`). */
    roleName: z.string(),
    rolePath: z.string(),
    /** The role picked last time on this connection: preselected, listed first. */
    lastUsed: z.boolean(),
    /** The connection's default role. */
    isDefault: z.boolean(),
    /** Names of the connection's clusters that list this role as having a database user there. */
    clusters: z.array(z.string()).readonly(),
    /** What Atlas said the last time this role's keys reached a cluster of this connection; absent: never tested. */
    atlas: atlasVerdictSchema.optional(),
  })
  .readonly();

/** Roles of one account, with the alias the connection gives it (null: show the id). */
export const roleGroupSchema = z
  .object({ accountId: z.string(), accountAlias: z.string().nullable(), roles: z.array(roleOptionSchema).readonly() })
  .readonly();

/** What a sign-in offers: the roles, never the assertion. */
export const rolesReadySchema = z
  .object({
    connectionId: z.string(),
    groups: z.array(roleGroupSchema).readonly(),
    /** The NameID, to show who signed in. */
    subject: z.string().nullable(),
    /** Encrypted assertion: no roles can be read; pick the connection's default role by ARN. */
    encrypted: z.boolean(),
    /** When the assertion must be redeemed by (STS accepts it for 5 minutes). */
    notOnOrAfter: isoDate.nullable(),
    warnings,
    /** What the IdP sent, for "What the IdP sent" (absent from hosts that do not read it). */
    idp: idpReportSchema.optional(),
  })
  .readonly();

/** Signed in as a role: no key in it. */
export const sessionSummarySchema = z
  .object({
    connectionId: z.string(),
    roleArn: z.string(),
    roleName: z.string(),
    accountId: z.string(),
    accountAlias: z.string().nullable(),
    assumedRoleArn: z.string().nullable(),
    region: z.string(),
    expiresAt: isoDate,
    warnings,
  })
  .readonly();

export const loginSteps = ['starting-browser', 'opening-idp', 'waiting-for-sign-in', 'captured'] as const satisfies readonly LoginProgress[];

/** Where one connection stands. */
export const sessionStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out'), connectionId: z.string() }).readonly(),
  z.object({ status: z.literal('signing-in'), connectionId: z.string(), step: z.enum(loginSteps).nullable() }).readonly(),
  z.object({ status: z.literal('roles-ready'), connectionId: z.string(), roles: rolesReadySchema }).readonly(),
  z.object({ status: z.literal('assuming'), connectionId: z.string(), roleArn: z.string() }).readonly(),
  z.object({ status: z.literal('signed-in'), connectionId: z.string(), session: sessionSummarySchema }).readonly(),
]);

// ── The host ──

/** Which host runs the UI: the desktop app or `atlas-sso ui` in a browser. */
export const appHosts = ['browser', 'electron'] as const;

export const appInfoSchema = z.object({ version: z.string(), host: z.enum(appHosts), demoAvailable: z.boolean() }).readonly();

// ── Identity ("Check my identity", the same diagnosis as `atlas-sso whoami`) ──

/** One source of the AWS SDK's credential chain as it was asked, or why it was not: no key, only words. */
export const identityStepSchema = z
  .object({
    source: z.string(),
    label: z.string(),
    outcome: z.enum(['answered', 'not-configured', 'failed']),
    reason: z.string().nullable(),
    /** A configured source that failed: the SDK (like mongosh and the driver) asks nothing after it. */
    stopsChain: z.boolean(),
  })
  .readonly();

/** Which identity Atlas sees, and what it lacks: ARNs, source names, step reasons and expiry only, never a key. */
export const identityCheckSchema = z
  .object({
    target: z.enum(['session', 'machine']),
    /** The chain source that answered (`session` for the keys a connection holds), null when none did. */
    source: z.string().nullable(),
    sourceLabel: z.string().nullable(),
    detail: z.string().nullable(),
    /** The chain's steps up to the one that answered (or stopped it); empty for a session. */
    steps: z.array(identityStepSchema).readonly(),
    callerArn: z.string().nullable(),
    accountId: z.string().nullable(),
    /** The database user to create in Atlas, and where on Atlas's screens (null `place`: Atlas cannot map this caller). */
    atlasUser: z.object({ arn: z.string(), kind: z.enum(['role', 'user', 'unsupported']), place: z.string().nullable() }).readonly().nullable(),
    expiresAt: isoDate.nullable(),
    /** The cluster tested when one was asked for: its address, and who Atlas signed the keys in as. */
    cluster: z
      .object({
        address: z.string(),
        user: z.string().nullable(),
        roles: z.array(z.object({ role: z.string(), db: z.string() }).readonly()).readonly(),
        serverVersion: z.string().nullable(),
      })
      .readonly()
      .nullable(),
    /** The first thing that went wrong, as a code and a sentence; null when all asked for worked. */
    problem: z.object({ code: z.enum(errorCodes), message: z.string() }).readonly().nullable(),
    warnings,
  })
  .readonly();

/** One credential source this computer sets up, as read on opening "This computer": names, paths and ARNs only. */
export const configuredSourceSchema = z
  .object({ source: z.string(), label: z.string(), details: z.array(z.string()).readonly(), note: z.string().nullable() })
  .readonly();

/** What the environment and the shared AWS files set up for the host process, read without any network call. */
export const machineCredentialSetupSchema = z
  .object({ sources: z.array(configuredSourceSchema).readonly(), instanceMetadata: z.string() })
  .readonly();

/** Whose identity to check: the keys a signed-in connection holds, or this computer's own AWS credential chain. */
export const identityTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('session'), connectionId: id, clusterName: z.string().min(1, 'is empty: give a cluster name').optional() }).readonly(),
  z
    .strictObject({ kind: z.literal('machine'), clusterUri: z.string().min(1, 'is empty: give a connection string').max(4096, 'is longer than 4096 characters').optional() })
    .readonly(),
]);

// ── Replies and errors ──

export const apiErrorSchema = z
  .object({ code: z.enum(errorCodes), message: z.string(), details: z.string().optional() })
  .readonly();

/** Every reply: errors are values (only `message` would survive Electron's `handle()`), with a code to switch on. */
export function replySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: apiErrorSchema })]);
}

const empty = z.strictObject({}).readonly();
const byConnection = z.strictObject({ connectionId: id }).readonly();
const onCluster = z.strictObject({ connectionId: id, clusterName: z.string().min(1, 'is empty: give a cluster name') }).readonly();
const done = z.object({}).readonly();
const writtenProfileSchema = z.object({ profile: z.string(), filePath: z.string(), holdsKeys: z.boolean() }).readonly();

// ── Browser mode's transport ──

/**
 * The header every call of the page carries its session in (server/launch-sessions.ts reads it). Not a cookie:
 * cookies ignore ports, so every other server on 127.0.0.1 the browser visits would be sent it.
 */
export const sessionHeaderName = 'X-Atlas-Sso-Session';

// ── Requests ──

/** Every request a UI can make, with its params and result. Hosts parse params with these before anything runs. */
export const requests = {
  listConnections: {
    params: empty,
    result: z.object({ connections: z.array(connectionSchema).readonly(), sessions: z.array(sessionStateSchema).readonly() }).readonly(),
  },
  /** Each problem of a connection being edited, beside its form field and in people's words; empty when it can be saved. */
  checkConnection: {
    params: z.strictObject({ connection: connectionDraftSchema }).readonly(),
    result: z.object({ issues: z.array(z.object({ field: z.string(), message: z.string() }).readonly()).readonly() }).readonly(),
  },
  /** Adds (no `connectionId`) or updates the connection with that id. */
  saveConnection: {
    params: z.strictObject({ connectionId: id.optional(), connection: connectionDraftSchema }).readonly(),
    result: connectionSchema,
  },
  /** Also signs that connection out. */
  removeConnection: { params: byConnection, result: done },
  /** A team file's content (JSON text), merged by id; nothing changes unless all of it is valid. */
  importConnections: {
    params: z.strictObject({ text: z.string().max(512 * 1024, 'is over 512 KiB: that is not a team file') }).readonly(),
    result: z.object({ added: z.array(z.string()).readonly(), updated: z.array(z.string()).readonly(), skipped: z.array(z.string()).readonly() }).readonly(),
  },
  /** All connections (or the given ones) as a team file, without last roles. */
  exportConnections: {
    params: z.strictObject({ connectionIds: z.array(id).readonly().optional() }).readonly(),
    result: z.object({ text: z.string(), fileName: z.string() }).readonly(),
  },
  /** Opens the login window; answers once the roles are ready (or the sign-in failed). */
  signIn: { params: byConnection, result: rolesReadySchema },
  /** Closes a login window still open. */
  cancelSignIn: { params: byConnection, result: done },
  /** Redeems the sign-in for this role at once, then drops the assertion. */
  pickRole: {
    params: z.strictObject({ connectionId: id, roleArn: z.string().min(1, 'is empty: give a role ARN'), principalArn: z.string().optional() }).readonly(),
    result: sessionSummarySchema,
  },
  /** Writes the keys to an AWS credentials profile (the connection's, or `atlas-sso-<id>`). */
  writeProfile: {
    params: z.strictObject({ connectionId: id, profile: z.string().optional() }).readonly(),
    result: z.object({ profile: z.string(), filePath: z.string(), expiresAt: isoDate, warnings }).readonly(),
  },
  /**
   * A mongosh command line to copy. `keys` holds the keys (the one place they reach the UI unasked for, because the
   * person asked to copy them); `profile` writes the profile first and names it instead.
   */
  copyCommand: {
    params: z.strictObject({ connectionId: id, clusterName: z.string().min(1, 'is empty: give a cluster name'), shell: z.enum(shells), variant: z.enum(['keys', 'profile']) }).readonly(),
    result: z
      .object({
        command: z.string(),
        containsKeys: z.boolean(),
        warnings,
        /** How the command names mongosh: bare and found by the person's shell, by its absolute path, or not installed (say so before pasting). */
        mongosh: z.object({ found: z.enum(['on-path', 'by-path', 'missing']), installHint: z.string().optional() }).readonly(),
        /** The profile variant: which profile it saved the keys as, where, and until when. */
        savedProfile: z.object({ profile: z.string(), filePath: z.string(), expiresAt: isoDate }).readonly().optional(),
      })
      .readonly(),
  },
  /** The keys themselves, on explicit request. */
  revealKeys: {
    params: byConnection,
    result: z.object({ accessKeyId: z.string(), secretAccessKey: z.string(), sessionToken: z.string(), expiresAt: isoDate, region: z.string() }).readonly(),
  },
  /** Opens mongosh on the cluster in a new terminal window, the keys in its environment only. */
  openMongosh: { params: onCluster, result: z.object({ terminal: z.string() }).readonly() },
  /** Opens MongoDB Compass on the cluster, the keys in its environment only; refused while a Compass already runs. */
  openCompass: { params: onCluster, result: z.object({ compassPath: z.string() }).readonly() },
  testConnection: {
    params: onCluster,
    result: z
      .object({
        user: z.string(),
        roles: z.array(z.object({ role: z.string(), db: z.string() }).readonly()).readonly(),
        latencyMs: z.number(),
        databases: z.array(z.string()).readonly(),
        serverVersion: z.string(),
      })
      .readonly(),
  },
  /**
   * Who AWS and Atlas see: for a session, its keys (and on `clusterName`, a sign-in there that names the ARN to add
   * when Atlas has no user); for the machine, the AWS SDK chain as the host process sees it.
   */
  checkIdentity: { params: z.strictObject({ target: identityTargetSchema }).readonly(), result: identityCheckSchema },
  /** The AWS credential sources the host process has set up (environment, shared files, web identity, container, IMDS), asking no one. */
  describeMachineIdentity: { params: empty, result: machineCredentialSetupSchema },
  /** Signs in again (silently when the IdP's cookie allows) and assumes the same role. */
  refresh: { params: byConnection, result: sessionSummarySchema },
  /** Forgets the keys and any pending sign-in. */
  signOut: { params: byConnection, result: done },
  /** Sign-out's offer: the AWS profile this connection's keys go to, and whether it holds this session's keys now. */
  writtenProfile: { params: byConnection, result: writtenProfileSchema },
  /** Removes that profile from the credentials file while it holds this session's keys (every other byte kept); call before signOut. */
  removeWrittenProfile: { params: byConnection, result: writtenProfileSchema },
  /** Signs out and deletes the login profile (IdP cookies): the next sign-in asks for the password again. */
  forgetIdpSignIn: { params: byConnection, result: done },
  getSettings: { params: empty, result: settingsSchema },
  saveSettings: { params: z.strictObject({ changes: settingsChangesSchema }).readonly(), result: settingsSchema },
  /** What the UI shows of its host: the version, the kind of host, whether "Try the demo" can work here. */
  getAppInfo: { params: empty, result: appInfoSchema },
  /** Adds the demo's connection the host was started with (`npm run demo`), or brings it up to date when saved before. */
  addDemoConnection: { params: empty, result: connectionSchema },
  /** Secret-free text to paste into a support request. */
  getDiagnostics: { params: empty, result: z.object({ text: z.string() }).readonly() },
} as const;

export type RequestName = keyof typeof requests;
export const requestNames = Object.keys(requests) as readonly RequestName[];

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

// ── Events ──

export const apiEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signInProgress'), connectionId: z.string(), step: z.enum(loginSteps) }).readonly(),
  z.object({ type: z.literal('rolesReady'), connectionId: z.string(), roles: rolesReadySchema }).readonly(),
  /** Any change of a connection's state: signed in as ROLE in ACCOUNT until expiresAt, signed out… */
  z.object({ type: z.literal('sessionChanged'), connectionId: z.string(), state: sessionStateSchema }).readonly(),
  z.object({ type: z.literal('sessionExpiring'), connectionId: z.string(), expiresAt: isoDate, minutesLeft: z.number() }).readonly(),
  z.object({ type: z.literal('sessionExpired'), connectionId: z.string() }).readonly(),
  /** A failure nobody is awaiting (a background refresh); request failures come back in their reply. */
  z.object({ type: z.literal('error'), connectionId: z.string().nullable(), error: apiErrorSchema }).readonly(),
]);

// ── Derived types ──

export type RequestParams<N extends RequestName> = z.input<(typeof requests)[N]['params']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requests)[N]['result']>;
/** Params after the host parsed them with the schema. */
export type ParsedParams<N extends RequestName> = z.output<(typeof requests)[N]['params']>;
export type ApiError = z.infer<typeof apiErrorSchema>;
export type Reply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };
export type ApiEvent = z.infer<typeof apiEventSchema>;
export type ApiEventType = ApiEvent['type'];
export type Connection = z.infer<typeof connectionSchema>;
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>;
export type Cluster = z.infer<typeof clusterSchema>;
export type Settings = z.infer<typeof settingsSchema>;
export type AppHost = (typeof appHosts)[number];
export type AppInfo = z.infer<typeof appInfoSchema>;
export type SettingsChanges = z.infer<typeof settingsChangesSchema>;
export type RoleOption = z.infer<typeof roleOptionSchema>;
export type AtlasVerdictInfo = z.infer<typeof atlasVerdictSchema>;
export type IdpReportInfo = z.infer<typeof idpReportSchema>;
export type RoleGroup = z.infer<typeof roleGroupSchema>;
export type RolesReady = z.infer<typeof rolesReadySchema>;
export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export type SessionState = z.infer<typeof sessionStateSchema>;
export type IdentityCheck = z.infer<typeof identityCheckSchema>;
export type IdentityStep = z.infer<typeof identityStepSchema>;
export type IdentityTarget = z.infer<typeof identityTargetSchema>;
export type MachineCredentialSetup = z.infer<typeof machineCredentialSetupSchema>;
export type { ErrorCode };

/**
 * What every transport offers a UI: one async function per request, replying with a value or an error value,
 * and events through `subscribe`, which returns the unsubscribe. `window.atlasSso` has this type.
 */
export type AtlasSsoApi = { readonly [N in RequestName]: (params: RequestParams<N>) => Promise<Reply<RequestResult<N>>> } & {
  readonly subscribe: (listener: (event: ApiEvent) => void) => () => void;
};

/** The host side of the same contract: params already parsed; failures thrown as AtlasSsoError. */
export type ApiHandlers = { readonly [N in RequestName]: (params: ParsedParams<N>) => Promise<RequestResult<N>> };

