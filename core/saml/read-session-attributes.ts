import { awsRoleSessionNameAttribute, awsSessionDurationAttribute } from './saml-names.js';

/** Why AWS would not accept the RoleSessionName the IdP sent. */
export type RoleSessionNameProblem = 'missing' | 'too-short' | 'too-long' | 'bad-characters';
/** Why AWS ignores the SessionDuration the IdP sent. */
export type SessionDurationProblem = 'not-a-number' | 'out-of-range';

/** What the IdP says about the session STS will create, with sentences for what AWS will not accept. */
export interface SessionAttributes {
  readonly sessionDuration: number | null;
  readonly roleSessionName: string | null;
  /** The first value of each as sent (trimmed), usable or not; null when the attribute is absent. */
  readonly sentRoleSessionName: string | null;
  readonly sentSessionDuration: string | null;
  readonly roleSessionNameProblem: RoleSessionNameProblem | null;
  readonly sessionDurationProblem: SessionDurationProblem | null;
  readonly warnings: readonly string[];
}

/** STS's bounds for SessionDuration, in seconds (15 minutes to 12 hours). */
export const minSessionDuration = 900;
export const maxSessionDuration = 43_200;
/** AWS's rule for RoleSessionName; STS refuses the assertion otherwise. */
const roleSessionNameCharacters = /^[\w+=,.@-]*$/;

function sessionDurationProblemOf(value: string): SessionDurationProblem | null {
  if (!/^\d{1,9}$/.test(value)) return 'not-a-number';
  const seconds = Number(value);
  return seconds >= minSessionDuration && seconds <= maxSessionDuration ? null : 'out-of-range';
}

function roleSessionNameProblemOf(value: string | undefined): RoleSessionNameProblem | null {
  if (value === undefined) return 'missing';
  if (!roleSessionNameCharacters.test(value)) return 'bad-characters';
  if (value.length < 2) return 'too-short';
  return value.length > 64 ? 'too-long' : null;
}

/** Reads SessionDuration and RoleSessionName from the assertion's attributes (first value of each). */
export function readSessionAttributes(attributes: ReadonlyMap<string, readonly string[]>): SessionAttributes {
  const warnings: string[] = [];
  const duration = attributes.get(awsSessionDurationAttribute)?.[0]?.trim();
  const name = attributes.get(awsRoleSessionNameAttribute)?.[0]?.trim();
  const sessionDurationProblem = duration === undefined ? null : sessionDurationProblemOf(duration);
  const roleSessionNameProblem = roleSessionNameProblemOf(name);
  if (sessionDurationProblem !== null) {
    const what = sessionDurationProblem === 'not-a-number' ? 'a SessionDuration that is not a whole number of seconds' : `a SessionDuration of ${Number(duration)} seconds`;
    warnings.push(
      `The identity provider sends ${what}; AWS accepts 900 to 43,200, so it is ignored and the session lasts as long as you ask (1 hour by default). Your IdP administrator can fix the attribute.`,
    );
  }
  if (roleSessionNameProblem !== null) {
    warnings.push(
      roleSessionNameProblem === 'missing'
        ? 'The identity provider sends no RoleSessionName attribute, which AWS requires, so AWS will likely refuse the sign-in; ask your IdP administrator to add it to the AWS app.'
        : 'The identity provider sends a RoleSessionName AWS does not accept (2 to 64 letters, digits or +=,.@_-), so AWS will likely refuse the sign-in; ask your IdP administrator to fix it.',
    );
  }
  return {
    sessionDuration: duration !== undefined && sessionDurationProblem === null ? Number(duration) : null,
    roleSessionName: name !== undefined && roleSessionNameProblem === null ? name : null,
    sentRoleSessionName: name ?? null,
    sentSessionDuration: duration ?? null,
    roleSessionNameProblem,
    sessionDurationProblem,
    warnings,
  };
}
