import type { Role } from '../aws/role.js';
import type { Connection } from '../connections/schema.js';
import { AtlasSsoError } from '../errors.js';
import type { LoginBrowser, LoginProgress } from '../login/login-browser.js';
import type { AtlasConnectionString } from '../mongodb/connection-string.js';
import { normalizeAtlasConnectionString } from '../mongodb/connection-string.js';
import type { SamlFacts, SamlResponse } from '../saml/read-saml-response.js';
import { readSamlResponse } from '../saml/read-saml-response.js';
import type { AssumeFromResponseResult } from './assume-from-response.js';
import { assumeFromResponse } from './assume-from-response.js';
import type { RoleChoice } from './pick-role.js';
import type { RoleMenuGroup } from './role-menu.js';
import { roleMenu } from './role-menu.js';

export interface SignInRequest {
  readonly connection: Connection;
  readonly loginBrowser: LoginBrowser;
  /** The connection's own browser profile (loginProfileDir), so IdP cookies make the next sign-in silent. */
  readonly profileDir: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((step: LoginProgress) => void) | undefined;
}

/** Shows the connection's IdP and reads the SAMLResponse it posts; the connection's ACS override is captured too. */
export async function signInWithConnection(request: SignInRequest): Promise<SamlResponse> {
  const { connection } = request;
  const captured = await request.loginBrowser.capture({
    startUrl: connection.idpUrl,
    profileDir: request.profileDir,
    extraAcsUrls: connection.acsUrl === undefined ? [] : [connection.acsUrl],
    timeoutMs: request.timeoutMs,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });
  return readSamlResponse(captured.samlResponse);
}

/** Either the role is settled (asked for, the connection's default, or the only one), or the person must pick. */
export type RoleDecision =
  | { readonly kind: 'chosen'; readonly choice: RoleChoice }
  | { readonly kind: 'ask'; readonly roles: readonly Role[]; readonly menu: readonly RoleMenuGroup[] };

/** Which role to assume for a connection: `requested` (a flag), else its default role, else the only role, else ask. */
export function chooseRoleFor(connection: Connection, facts: SamlFacts, requested?: string): RoleDecision {
  const named = requested ?? connection.defaultRole;
  if (named !== undefined) return { kind: 'chosen', choice: { role: named } };
  const [only, ...others] = facts.roles;
  if (only !== undefined && others.length === 0) return { kind: 'chosen', choice: { role: only.roleArn, principalArn: only.principalArn } };
  if (facts.encrypted) {
    throw new AtlasSsoError('role-not-found', `The assertion for "${connection.name}" is encrypted, so its roles cannot be listed here: name the role to use.`);
  }
  return { kind: 'ask', roles: facts.roles, menu: roleMenu(facts.roles, { accountAliases: connection.accountAliases, lastRole: connection.lastRole }) };
}

/** One line per role, grouped by account, for a message that must list the choices (no terminal to pick in). */
export function describeRoleChoices(decision: Extract<RoleDecision, { readonly kind: 'ask' }>): string {
  return decision.menu.map((group) => `${group.accountLabel}: ${group.entries.map((entry) => entry.role.roleArn).join(', ')}`).join('; ');
}

/** Where a whole sign-in stands: the browser's steps, then the call to STS. */
export type SignInProgress = LoginProgress | 'assuming';

export interface SignInAndAssumeRequest extends Omit<SignInRequest, 'onProgress'> {
  /** A role ARN or name from a flag; else the connection's default, the only role, or `askRole`. */
  readonly requestedRole?: string | undefined;
  /** The host's picker; it should throw a clear AtlasSsoError where no one can pick. */
  readonly askRole: (decision: Extract<RoleDecision, { readonly kind: 'ask' }>) => Promise<Role>;
  /** Saves the role picked, to put it first next time; a failure here is the host's to report. */
  readonly rememberRole?: ((roleArn: string) => Promise<void>) | undefined;
  readonly endpoint?: string | undefined;
  /** The SAML provider of a role given by name (an encrypted assertion, or a role with two providers). */
  readonly principalArn?: string | undefined;
  /** Override the connection's STS region and session duration for this sign-in. */
  readonly region?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly onProgress?: ((step: SignInProgress) => void) | undefined;
}

/**
 * The whole flow every host runs for a saved connection: sign in, choose the role, redeem the assertion at once
 * (AWS accepts it for 5 minutes) with the connection's region and duration, and remember the role.
 */
export async function signInAndAssume(request: SignInAndAssumeRequest): Promise<AssumeFromResponseResult> {
  const { connection } = request;
  const response = await signInWithConnection(request);
  const decision = chooseRoleFor(connection, response.facts, request.requestedRole);
  let choice: RoleChoice;
  if (decision.kind === 'chosen') {
    choice = request.principalArn === undefined ? decision.choice : { ...decision.choice, principalArn: request.principalArn };
  } else {
    const picked = await request.askRole(decision);
    choice = { role: picked.roleArn, principalArn: picked.principalArn };
  }
  request.onProgress?.('assuming');
  const result = await assumeFromResponse({
    response,
    choice,
    region: request.region ?? connection.stsRegion,
    durationSeconds: request.durationSeconds ?? connection.durationSeconds,
    endpoint: request.endpoint,
    env: request.env,
    signal: request.signal,
  });
  await request.rememberRole?.(result.role.roleArn);
  return result;
}

/** A cluster by the name saved on the connection (any case), else a connection string pasted as is. */
export function clusterUriFor(connection: Connection, nameOrUri: string): AtlasConnectionString {
  const saved = connection.clusters.find((cluster) => cluster.name.toLowerCase() === nameOrUri.trim().toLowerCase());
  if (saved !== undefined) return normalizeAtlasConnectionString(saved.uri);
  if (!/mongodb(?:\+srv)?:\/\//i.test(nameOrUri)) {
    const names = connection.clusters.map((cluster) => `"${cluster.name}"`).join(', ');
    throw new AtlasSsoError('input-invalid', `"${connection.name}" has no cluster named "${nameOrUri}"${names === '' ? '' : ` (it has ${names})`}: give a saved cluster's name or a connection string from Atlas → Connect.`);
  }
  return normalizeAtlasConnectionString(nameOrUri);
}
