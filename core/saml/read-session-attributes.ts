import { awsRoleSessionNameAttribute, awsSessionDurationAttribute } from './saml-names.js';

/** What the IdP says about the session STS will create, with sentences for what AWS will not accept. */
export interface SessionAttributes {
  readonly sessionDuration: number | null;
  readonly roleSessionName: string | null;
  readonly warnings: readonly string[];
}

/** STS's bounds for SessionDuration, in seconds (15 minutes to 12 hours). */
const minSessionDuration = 900;
const maxSessionDuration = 43_200;
/** AWS's rule for RoleSessionName; STS refuses the assertion otherwise. */
const roleSessionNamePattern = /^[\w+=,.@-]{2,64}$/;

function readSessionDuration(values: readonly string[] | undefined, warnings: string[]): number | null {
  const value = values?.[0]?.trim();
  if (value === undefined) return null;
  const seconds = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (seconds >= minSessionDuration && seconds <= maxSessionDuration) return seconds;
  const what = Number.isNaN(seconds) ? 'a SessionDuration that is not a whole number of seconds' : `a SessionDuration of ${seconds} seconds`;
  warnings.push(
    `The identity provider sends ${what}; AWS accepts 900 to 43,200, so it is ignored and the session lasts as long as you ask (1 hour by default). Your IdP administrator can fix the attribute.`,
  );
  return null;
}

function readRoleSessionName(values: readonly string[] | undefined, warnings: string[]): string | null {
  const value = values?.[0]?.trim();
  if (value !== undefined && roleSessionNamePattern.test(value)) return value;
  warnings.push(
    value === undefined
      ? 'The identity provider sends no RoleSessionName attribute, which AWS requires, so AWS will likely refuse the sign-in; ask your IdP administrator to add it to the AWS app.'
      : 'The identity provider sends a RoleSessionName AWS does not accept (2 to 64 letters, digits or +=,.@_-), so AWS will likely refuse the sign-in; ask your IdP administrator to fix it.',
  );
  return null;
}

/** Reads SessionDuration and RoleSessionName from the assertion's attributes (first value of each). */
export function readSessionAttributes(attributes: ReadonlyMap<string, readonly string[]>): SessionAttributes {
  const warnings: string[] = [];
  const sessionDuration = readSessionDuration(attributes.get(awsSessionDurationAttribute), warnings);
  const roleSessionName = readRoleSessionName(attributes.get(awsRoleSessionNameAttribute), warnings);
  return { sessionDuration, roleSessionName, warnings };
}
