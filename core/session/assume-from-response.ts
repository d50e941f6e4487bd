import type { AssumedRole } from '../aws/assume-role-with-saml.js';
import { assumeRoleWithSaml } from '../aws/assume-role-with-saml.js';
import type { Role } from '../aws/role.js';
import type { SamlResponse } from '../saml/read-saml-response.js';
import type { RoleChoice } from './pick-role.js';
import { pickRole } from './pick-role.js';

export interface AssumeFromResponseRequest {
  readonly response: SamlResponse;
  readonly choice: RoleChoice;
  /** Overrides the region derived from the assertion's Destination. */
  readonly region?: string | undefined;
  readonly endpoint?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly deadlineMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly now?: (() => Date) | undefined;
}

export interface AssumeFromResponseResult {
  readonly role: Role;
  readonly assumed: AssumedRole;
  /** Everything a person should know: the assertion's warnings, a late clock, a shorter session. */
  readonly warnings: readonly string[];
}

/**
 * The step after sign-in: pick the named role from the assertion and redeem the assertion for it at once
 * (AWS accepts it for 5 minutes). A local clock past NotOnOrAfter only warns: clocks drift, STS decides.
 */
export async function assumeFromResponse(request: AssumeFromResponseRequest): Promise<AssumeFromResponseResult> {
  const { facts } = request.response;
  const role = pickRole(facts.roles, request.choice, { encrypted: facts.encrypted });
  const warnings = [...facts.warnings];
  const now = (request.now ?? (() => new Date()))();
  if (facts.notOnOrAfter !== null && facts.notOnOrAfter.getTime() <= now.getTime()) {
    warnings.push(`This computer's clock says the sign-in expired at ${facts.notOnOrAfter.toISOString()}; asking AWS anyway (if AWS refuses, sign in again).`);
  }
  const region = request.region ?? (facts.partition === role.partition ? facts.region : null);
  const assumed = await assumeRoleWithSaml({
    assertion: request.response.base64,
    role,
    region: region ?? undefined,
    endpoint: request.endpoint,
    durationSeconds: request.durationSeconds,
    sessionDurationCap: facts.sessionDuration ?? undefined,
    deadlineMs: request.deadlineMs,
    signal: request.signal,
    env: request.env,
  });
  return { role, assumed, warnings: [...warnings, ...assumed.warnings] };
}
