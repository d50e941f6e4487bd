import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { editFileAtomically } from '../credentials/atomic-edit.js';
import type { ErrorCode } from '../errors.js';
import { parseJsonObject } from '../parse-json-object.js';

/** What Atlas said the last time a role's keys reached a cluster: a database user for it, or none. */
export type AtlasVerdict = 'user-found' | 'no-user';

/** One remembered answer; no key, no token, nothing secret. */
export interface RoleVerdict {
  readonly verdict: AtlasVerdict;
  /** ISO 8601. */
  readonly at: string;
  /** The name (or host) of the cluster that answered. */
  readonly cluster: string;
}

/**
 * Beside the connections file, not in it: learned answers are this person's history, not configuration, so a team file
 * (`connections export`) never carries them, and a broken or missing verdicts file never stops anything.
 */
export function atlasVerdictsPath(connectionsFilePath: string): string {
  return join(dirname(connectionsFilePath), 'atlas-verdicts.json');
}

/** What a cluster's answer says about the role, or undefined when it says nothing either way (unreachable, expired keys…). */
export function verdictOfOutcome(outcome: { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode }): AtlasVerdict | undefined {
  if (outcome.ok) return 'user-found';
  return outcome.code === 'mongodb-no-database-user' ? 'no-user' : undefined;
}

type VerdictsByConnection = Readonly<Record<string, Readonly<Record<string, RoleVerdict>>>>;

function isRoleVerdict(value: unknown): value is RoleVerdict {
  if (typeof value !== 'object' || value === null) return false;
  const { verdict, at, cluster } = value as Record<string, unknown>;
  return (verdict === 'user-found' || verdict === 'no-user') && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof cluster === 'string';
}

/** Every well-formed entry of the file's text; anything else is dropped (it is a hint, never worth an error). */
function parseVerdicts(text: string | null): VerdictsByConnection {
  const connections = parseJsonObject(text ?? '')?.connections;
  if (typeof connections !== 'object' || connections === null) return {};
  return Object.fromEntries(
    Object.entries(connections as Record<string, unknown>).map(([connectionId, roles]) => [
      connectionId,
      Object.fromEntries(Object.entries(typeof roles === 'object' && roles !== null ? roles : {}).filter(([, verdict]) => isRoleVerdict(verdict))) as Record<string, RoleVerdict>,
    ]),
  );
}

/** The connection's remembered verdicts by role ARN; empty when none or the file is unreadable. */
export async function readAtlasVerdicts(filePath: string, connectionId: string): Promise<ReadonlyMap<string, RoleVerdict>> {
  const text = await readFile(filePath, 'utf8').catch(() => null);
  return new Map(Object.entries(parseVerdicts(text)[connectionId] ?? {}));
}

export interface VerdictRecord extends RoleVerdict {
  readonly connectionId: string;
  readonly roleArn: string;
}

/** Remembers the latest answer for a connection and role (under the same lock and atomic write as the connections file). */
export async function recordAtlasVerdict(filePath: string, record: VerdictRecord): Promise<void> {
  const { connectionId, roleArn, verdict, at, cluster } = record;
  await editFileAtomically(filePath, (old) => {
    const all = parseVerdicts(old);
    const next = { ...all, [connectionId]: { ...all[connectionId], [roleArn]: { verdict, at, cluster } } };
    return `${JSON.stringify({ version: 1, connections: next }, null, 2)}\n`;
  });
}

/** Forgets a removed connection's verdicts. */
export async function forgetAtlasVerdicts(filePath: string, connectionId: string): Promise<void> {
  const text = await readFile(filePath, 'utf8').catch(() => null);
  if (parseVerdicts(text)[connectionId] === undefined) return;
  await editFileAtomically(filePath, (old) => {
    const remaining = Object.fromEntries(Object.entries(parseVerdicts(old)).filter(([id]) => id !== connectionId));
    return `${JSON.stringify({ version: 1, connections: remaining }, null, 2)}\n`;
  });
}
