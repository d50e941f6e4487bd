import { credentialSourceLabels } from './credential-sources.js';
import type { IdentityDiagnosis } from './diagnose-identity.js';
import { atlasUserPlace } from './diagnose-identity.js';

/** `--json` output: stable field names, dates as ISO strings, nulls where nothing is known; never a key. */
export interface WhoamiJson {
  readonly source: string | null;
  readonly sourceLabel: string | null;
  readonly detail: string | null;
  readonly steps: readonly { readonly source: string; readonly outcome: string; readonly reason: string | null }[];
  readonly callerArn: string | null;
  readonly accountId: string | null;
  readonly atlasUser: { readonly arn: string; readonly kind: string } | null;
  readonly expiration: string | null;
  readonly cluster: { readonly address: string; readonly user: string | null; readonly roles: readonly string[]; readonly serverVersion: string | null } | null;
  readonly problem: { readonly code: string; readonly message: string } | null;
}

export function whoamiJson(diagnosis: IdentityDiagnosis): WhoamiJson {
  const { connection } = diagnosis;
  return {
    source: diagnosis.source,
    sourceLabel: diagnosis.sourceLabel,
    detail: diagnosis.detail,
    steps: diagnosis.steps.map((step) => ({ source: step.source, outcome: step.outcome, reason: step.reason ?? null })),
    callerArn: diagnosis.callerArn,
    accountId: diagnosis.accountId,
    atlasUser: diagnosis.atlasUser === null ? null : { arn: diagnosis.atlasUser.arn, kind: diagnosis.atlasUser.kind },
    expiration: diagnosis.expiration?.toISOString() ?? null,
    cluster: diagnosis.cluster === null ? null : {
      address: diagnosis.cluster,
      user: connection?.user ?? null,
      roles: connection?.roles.map((role) => `${role.role}@${role.db}`) ?? [],
      serverVersion: connection?.serverVersion ?? null,
    },
    problem: diagnosis.problem,
  };
}

/** The lines a person reads: where the keys came from (and what was tried first), who AWS says they are, what Atlas needs. */
export function whoamiText(diagnosis: IdentityDiagnosis): string {
  const lines: string[] = [];
  const row = (label: string, value: string): void => {
    lines.push(`${(label === '' ? '' : `${label}:`).padEnd(14)}${value}`);
  };
  const answered = diagnosis.steps.findIndex((step) => step.outcome === 'answered');
  const tried = answered === -1 ? diagnosis.steps : diagnosis.steps.slice(0, answered);
  if (diagnosis.sourceLabel !== null) row('Source', diagnosis.detail === null ? diagnosis.sourceLabel : `${diagnosis.sourceLabel} — ${diagnosis.detail}`);
  tried.forEach((step, index) => {
    const outcome = step.outcome === 'failed' ? `failed: ${step.reason ?? ''}` : `not configured (${step.reason ?? ''})`;
    row(index === 0 ? (answered === -1 ? 'Tried' : 'Tried before') : '', `${credentialSourceLabels[step.source]}: ${outcome}`);
  });
  if (diagnosis.callerArn !== null) row('Caller', diagnosis.callerArn);
  if (diagnosis.atlasUser !== null && diagnosis.atlasUser.kind !== 'unsupported') row('Atlas user', `${diagnosis.atlasUser.arn} (${atlasUserPlace(diagnosis.atlasUser)})`);
  if (diagnosis.source !== null) row('Expires', diagnosis.expiration?.toISOString() ?? 'not known (long-term keys, or the source does not say)');
  if (diagnosis.cluster !== null && diagnosis.connection !== null) {
    const roles = diagnosis.connection.roles.map((role) => `${role.role}@${role.db}`).join(', ');
    row('Cluster', `${diagnosis.cluster}: signed in as ${diagnosis.connection.user}${roles === '' ? '' : ` (${roles})`}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
