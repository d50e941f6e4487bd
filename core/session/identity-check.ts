import type { IdentityCheck } from '../api.js';
import { credentialSourceLabels } from '../identity/credential-sources.js';
import type { IdentityDiagnosis } from '../identity/diagnose-identity.js';
import { atlasUserPlace } from '../identity/diagnose-identity.js';

/**
 * A diagnosis as the UI receives it: dates as ISO strings, each step with its label, the Atlas screen to add the user
 * on. Built field by field, so nothing the diagnosis may hold besides these (a key) can cross to the UI.
 */
export function identityCheckOf(target: IdentityCheck['target'], diagnosis: IdentityDiagnosis, warnings: readonly string[]): IdentityCheck {
  const { atlasUser, connection } = diagnosis;
  return {
    target,
    source: diagnosis.source,
    sourceLabel: diagnosis.sourceLabel,
    detail: diagnosis.detail,
    steps: diagnosis.steps.map((step) => ({
      source: step.source,
      label: credentialSourceLabels[step.source],
      outcome: step.outcome,
      reason: step.reason ?? null,
      stopsChain: step.stopsChain === true,
    })),
    callerArn: diagnosis.callerArn,
    accountId: diagnosis.accountId,
    atlasUser: atlasUser === null ? null : { arn: atlasUser.arn, kind: atlasUser.kind, place: atlasUser.kind === 'unsupported' ? null : atlasUserPlace(atlasUser) },
    expiresAt: diagnosis.expiration?.toISOString() ?? null,
    cluster:
      diagnosis.cluster === null
        ? null
        : {
            address: diagnosis.cluster,
            user: connection?.user ?? null,
            roles: connection?.roles.map((role) => ({ role: role.role, db: role.db })) ?? [],
            serverVersion: connection?.serverVersion ?? null,
          },
    problem: diagnosis.problem === null ? null : { code: diagnosis.problem.code, message: diagnosis.problem.message },
    warnings,
  };
}
