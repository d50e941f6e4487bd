import { isSigninSamlPath, stsLocationOfSigninUrl } from '../aws/signin-endpoints.js';
import type { SamlFacts } from './read-saml-response.js';
import { awsRoleAttribute, awsRoleSessionNameAttribute } from './saml-names.js';

/** Each thing the report can find wrong with what the IdP sent; one sentence each, with the fix on the IdP side. */
export const idpProblemCodes = [
  'no-role-attribute',
  'role-value-not-a-pair',
  'role-provider-mismatch',
  'role-session-name-missing',
  'role-session-name-too-long',
  'role-session-name-too-short',
  'role-session-name-characters',
  'session-duration-out-of-range',
  'destination-not-aws',
  'assertion-expired',
] as const;
export type IdpProblemCode = (typeof idpProblemCodes)[number];

export interface IdpProblem {
  readonly code: IdpProblemCode;
  readonly sentence: string;
}

/** One Role attribute value as the IdP sent it and as AWS reads it. */
export interface IdpRoleValue {
  /** 1-based position in the attribute. */
  readonly position: number;
  readonly value: string;
  readonly roleArn: string | null;
  readonly principalArn: string | null;
  readonly accountId: string | null;
  readonly partition: string | null;
  /** Which came first in the value; null when it is not a role and a provider. */
  readonly order: 'role,provider' | 'provider,role' | null;
  readonly usable: boolean;
}

/**
 * What the IdP sent, the view SAML-tracer gives plus the diagnosis: no signature value, certificate or base64 is in it.
 * Times are ISO 8601; `clockSkewSeconds` is this computer's clock minus the IssueInstant when read (right after a
 * sign-in, how far the two clocks disagree; for an old file, its age).
 */
export interface IdpReport {
  readonly issuer: string | null;
  readonly destination: string | null;
  readonly audience: string | null;
  readonly issuedAt: string | null;
  readonly expiresAt: string | null;
  readonly readAt: string;
  readonly clockSkewSeconds: number | null;
  readonly nameIdFormat: string | null;
  readonly subject: string | null;
  readonly roleSessionName: string | null;
  readonly sessionDuration: string | null;
  readonly roles: readonly IdpRoleValue[];
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean | null;
  readonly encrypted: boolean;
  readonly problems: readonly IdpProblem[];
}

export interface ExplainOptions {
  readonly now: Date;
  /** ACS URLs the connection is set up to capture (a test IdP or a proxy): a destination among them is not a problem. */
  readonly acceptedDestinations?: readonly string[];
}

const inTheApp = "in the IdP's AWS app";
const rolePattern = '"arn:aws:iam::<account>:role/<name>,arn:aws:iam::<account>:saml-provider/<name>"';

function isAwsSigninEndpoint(destination: string): boolean {
  if (stsLocationOfSigninUrl(destination) === undefined) return false;
  return isSigninSamlPath(new URL(destination).pathname);
}

function roleValueProblems(facts: SamlFacts): readonly IdpProblem[] {
  return facts.sent.roleValues.flatMap(({ value, reading }, index): IdpProblem[] => {
    const which = `Role value ${index + 1} ("${value}")`;
    if (reading.kind === 'not-a-pair') {
      return [{ code: 'role-value-not-a-pair', sentence: `${which} is not one role ARN and one SAML provider ARN separated by a comma, so AWS skips it: ${inTheApp}, send it as ${rolePattern}.` }];
    }
    if (reading.kind === 'mismatch') {
      return [
        {
          code: 'role-provider-mismatch',
          sentence: `${which} pairs a role of account ${reading.roleAccount} (partition ${reading.rolePartition}) with a SAML provider of account ${reading.providerAccount} (partition ${reading.providerPartition}), which STS refuses: ${inTheApp}, pair each role with the SAML provider in its own account.`,
        },
      ];
    }
    return [];
  });
}

function roleSessionNameProblems(facts: SamlFacts): readonly IdpProblem[] {
  const { roleSessionName: name, roleSessionNameProblem: problem } = facts.sent;
  switch (problem) {
    case null:
      return [];
    case 'missing':
      return [{ code: 'role-session-name-missing', sentence: `The assertion has no ${awsRoleSessionNameAttribute} attribute, which AWS requires: ${inTheApp}, map it to the user's email address or login name.` }];
    case 'too-long':
      return [{ code: 'role-session-name-too-long', sentence: `The RoleSessionName "${name ?? ''}" is ${name?.length ?? 0} characters long and AWS allows at most 64: ${inTheApp}, map RoleSessionName to a shorter value such as the login name.` }];
    case 'too-short':
      return [{ code: 'role-session-name-too-short', sentence: `The RoleSessionName "${name ?? ''}" is shorter than the 2 characters AWS requires: ${inTheApp}, map RoleSessionName to the user's email address or login name.` }];
    case 'bad-characters': {
      const refused = [...new Set((name ?? '').replace(/[\w+=,.@-]/g, ''))].map((character) => (character === ' ' ? 'a space' : `"${character}"`)).join(', ');
      return [
        {
          code: 'role-session-name-characters',
          sentence: `The RoleSessionName "${name ?? ''}" contains ${refused}, which STS refuses (it allows letters, digits and +=,.@_-): ${inTheApp}, map RoleSessionName to a value without them, such as the email address.`,
        },
      ];
    }
  }
}

function otherProblems(facts: SamlFacts, options: ExplainOptions): readonly IdpProblem[] {
  const problems: IdpProblem[] = [];
  if (facts.sent.sessionDurationProblem !== null) {
    problems.push({
      code: 'session-duration-out-of-range',
      sentence: `The SessionDuration "${facts.sent.sessionDuration ?? ''}" is not a whole number of seconds from 900 to 43200, as AWS requires: ${inTheApp}, send a value from 900 (15 minutes) to 43200 (12 hours) and allow the role that long in IAM.`,
    });
  }
  const { destination } = facts;
  if (destination === null || (!isAwsSigninEndpoint(destination) && !(options.acceptedDestinations ?? []).includes(destination))) {
    problems.push({
      code: 'destination-not-aws',
      sentence: `${destination === null ? 'The response names no Destination' : `The response is addressed to ${destination}, which is not an AWS sign-in endpoint`}, so AWS refuses it: ${inTheApp}, set the ACS (reply) URL to https://signin.aws.amazon.com/saml, or https://<region>.signin.aws.amazon.com/saml for a regional endpoint.`,
    });
  }
  if (facts.notOnOrAfter !== null && facts.notOnOrAfter.getTime() <= options.now.getTime()) {
    problems.push({
      code: 'assertion-expired',
      sentence: `The assertion expired at ${facts.notOnOrAfter.toISOString()}, so STS refuses it: sign in again for a fresh one, and if a fresh one is already expired, correct the IdP server's clock or lengthen its assertion lifetime (AWS needs at least 5 minutes).`,
    });
  }
  return problems;
}

/** What the IdP sent and what is wrong with it, from the facts core/saml read (no second parse). */
export function explainSamlFacts(facts: SamlFacts, options: ExplainOptions): IdpReport {
  const { sent } = facts;
  const noRoleAttribute: readonly IdpProblem[] =
    sent.roleAttribute === false
      ? [{ code: 'no-role-attribute', sentence: `The assertion has no ${awsRoleAttribute} attribute, so it names no AWS role: ${inTheApp}, add that attribute with one ${rolePattern} value per role.` }]
      : [];
  return {
    issuer: facts.issuer,
    destination: facts.destination,
    audience: sent.audience,
    issuedAt: facts.issueInstant?.toISOString() ?? null,
    expiresAt: facts.notOnOrAfter?.toISOString() ?? null,
    readAt: options.now.toISOString(),
    clockSkewSeconds: facts.issueInstant === null ? null : Math.round((options.now.getTime() - facts.issueInstant.getTime()) / 1000),
    nameIdFormat: sent.nameIdFormat,
    subject: facts.subject,
    roleSessionName: sent.roleSessionName,
    sessionDuration: sent.sessionDuration,
    roles: sent.roleValues.map(({ value, reading }, index) => {
      const parsed = reading.kind === 'role' ? reading.role : reading.kind === 'mismatch' ? { ...reading, accountId: reading.roleAccount, partition: reading.rolePartition } : null;
      return {
        position: index + 1,
        value,
        roleArn: parsed?.roleArn ?? null,
        principalArn: parsed?.principalArn ?? null,
        accountId: parsed?.accountId ?? null,
        partition: parsed?.partition ?? null,
        order: reading.kind === 'not-a-pair' ? null : reading.order,
        usable: reading.kind === 'role',
      };
    }),
    responseSigned: sent.responseSigned,
    assertionSigned: sent.assertionSigned,
    encrypted: facts.encrypted,
    problems: [...noRoleAttribute, ...roleValueProblems(facts), ...roleSessionNameProblems(facts), ...otherProblems(facts, options)],
  };
}
