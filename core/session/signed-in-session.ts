import type { SessionSummary } from '../api.js';
import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import { rolePathAndName } from '../aws/role.js';
import type { Connection } from '../connections/schema.js';
import { AtlasSsoError } from '../errors.js';
import type { SamlResponse } from '../saml/read-saml-response.js';
import { apiErrorOf } from './api-dispatch.js';
import type { AssumeFromResponseResult } from './assume-from-response.js';
import { assumeFromResponse } from './assume-from-response.js';
import type { SessionContext } from './session-context.js';
import type { SignedInEntry } from './session-entry.js';
import { armExpiryTimers } from './session-expiry.js';

/** Redeems the assertion at STS for `role`, with the connection's region and duration and the host's deadline. */
export function assumeRoleFor(ctx: SessionContext, connection: Connection, response: SamlResponse, role: Pick<Role, 'roleArn' | 'principalArn'>, signal?: AbortSignal): Promise<AssumeFromResponseResult> {
  return assumeFromResponse({
    response,
    choice: { role: role.roleArn, principalArn: role.principalArn },
    region: connection.stsRegion,
    durationSeconds: connection.durationSeconds,
    deadlineMs: ctx.ports.stsDeadlineMs,
    signal,
    env: ctx.ports.env,
    now: () => ctx.clock.now(),
  });
}

export interface SignedInRequest {
  readonly connection: Connection;
  readonly role: Role;
  readonly assumed: AssumedRole;
  readonly warnings: readonly string[];
  /** Restored from the keys cache: it holds this session already. */
  readonly restored?: boolean;
}

/** Keys in hand: schedule the warnings, keep the session (and share it), remember the role, tell the UI. */
export async function becomeSignedIn(ctx: SessionContext, request: SignedInRequest): Promise<SessionSummary> {
  const { connection, role, assumed, warnings } = request;
  const { store } = ctx.ports;
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
  armExpiryTimers(ctx, connection.id, entry, warnBefore);
  ctx.table.set(connection.id, entry);
  if (request.restored !== true) await ctx.writes.toKeysCache(connection.id, (cache) => cache.put(connection.id, { role, assumed, warnings }));
  await ctx.writes.share(connection.id, entry, () => ctx.table.isCurrent(connection.id, entry));
  if (connection.lastRole !== role.roleArn) {
    await store.setLastRole(connection.id, role.roleArn).catch((error: unknown) => ctx.events.emit({ type: 'error', connectionId: connection.id, error: apiErrorOf(error) }));
  }
  return summary;
}

/** The connection and its live session, for every request that uses the keys. */
export async function withKeys(ctx: SessionContext, connectionId: string): Promise<{ readonly connection: Connection; readonly session: SignedInEntry }> {
  const connection = await ctx.ports.store.get(connectionId);
  const entry = ctx.table.entryOf(connection.id);
  if (entry.status === 'signed-in') return { connection, session: entry };
  throw new AtlasSsoError('session-signed-out', `You are not signed in to "${connection.name}" (or the keys expired): sign in and pick a role first.`);
}
