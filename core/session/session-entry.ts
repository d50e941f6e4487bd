import type { RolesReady, SessionState, SessionSummary } from '../api.js';
import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import type { Connection } from '../connections/schema.js';
import type { KeysCacheKey } from '../credentials/keys-cache-entry.js';
import { AtlasSsoError } from '../errors.js';
import type { SamlResponse } from '../saml/read-saml-response.js';

/** A step of the login window, as the UI shows it while signing in. */
export type SignInStep = NonNullable<Extract<SessionState, { status: 'signing-in' }>['step']>;

/**
 * Switch role: the session in use stays in force (its keys still served, its timers running) while another role is
 * signed in and picked; a cancel or a failure puts it back, the new role's keys replace it. Dropped when it expires.
 */
interface Switching {
  keeping?: SignedInEntry;
}

export interface SigningInEntry extends Switching {
  readonly status: 'signing-in';
  readonly step: SignInStep | null;
  readonly abort: AbortController;
  readonly roles: Promise<RolesReady>;
}

/** The assertion waits here for the role choice, and is dropped as soon as it is sent to STS. */
export interface RolesReadyEntry extends Switching {
  readonly status: 'roles-ready';
  readonly response: SamlResponse;
  readonly roles: RolesReady;
}

export interface AssumingEntry extends Switching {
  readonly status: 'assuming';
  readonly roleArn: string;
}

export interface SignedInEntry {
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
}

/** What the service holds per connection. Keys and the assertion live here only, in memory. */
export type Entry = { readonly status: 'signed-out' } | SigningInEntry | RolesReadyEntry | AssumingEntry | SignedInEntry;

export const signedOut: Entry = { status: 'signed-out' };

/** The session whose keys are in use: the entry itself once signed in, else the one a role switch keeps. */
export function sessionInForce(entry: Entry): SignedInEntry | undefined {
  if (entry.status === 'signed-in') return entry;
  return entry.status === 'signed-out' ? undefined : entry.keeping;
}

/** What a cancelled or failed sign-in or role choice leaves: the session a role switch kept, else signed out. */
export function afterCancel(entry: Entry): Entry {
  return sessionInForce(entry) ?? signedOut;
}

/** An entry as the UI may see it: no assertion, no key. */
export function stateOf(connectionId: string, entry: Entry): SessionState {
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

export function sessionBusy(connection: Pick<Connection, 'name'>): AtlasSsoError {
  return new AtlasSsoError('session-busy', `"${connection.name}" is signing in right now: finish or cancel that sign-in first.`);
}
