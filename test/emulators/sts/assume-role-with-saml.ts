import { createHash } from 'node:crypto';
import { partitionOfArn, partitionsByName, roleProviderPair } from './aws-names.js';
import type { IssuedCredentials } from './issued-credentials.js';
import { newCredentials } from './issued-credentials.js';
import type { VerifiedAssertion } from './saml-verification.js';
import { verifySamlResponse } from './saml-verification.js';
import { accessDenied, validationError } from './sts-error.js';

/** A SAML provider registered in IAM: its ARN and the IdP certificate from its metadata. */
export interface RegisteredProvider {
  readonly principalArn: string;
  readonly certificatePem: string;
  /** The IdP entity ID from the metadata; when given, the assertion's Issuer must equal it. */
  readonly issuer?: string;
  /** Private key of the provider's SAML encryption certificate, for IdPs that encrypt assertions. */
  readonly encryptionPrivateKeyPem?: string;
}

/** An IAM role that trusts SAML providers. */
export interface RegisteredRole {
  readonly roleArn: string;
  /** Seconds, 3600..43200 as IAM allows; default 3600. */
  readonly maxSessionDuration?: number;
  /** Default: every registered provider of the role's account. */
  readonly trustedPrincipalArns?: readonly string[];
  /** OIDC identities the role's trust policy allows for AssumeRoleWithWebIdentity (an issuer, and a `sub` when given); default none. */
  readonly trustedWebIdentities?: readonly { readonly issuer: string; readonly subject?: string }[];
}

export interface AssumeRoleWithSamlContext {
  readonly providers: readonly RegisteredProvider[];
  readonly roles: readonly RegisteredRole[];
  readonly isAcceptedRecipient: (url: string) => boolean;
  readonly now: Date;
}

export interface AssumedRole {
  readonly credentials: IssuedCredentials;
  readonly assertion: VerifiedAssertion;
  readonly nameQualifier: string;
}

/** ARN parts every IAM ARN has: `arn:PARTITION:iam::ACCOUNT:…`. */
function arnAccount(arn: string): { readonly partition: string; readonly accountId: string } {
  const [, partition = '', , , accountId = ''] = arn.split(':');
  return { partition, accountId };
}

/** A required string parameter within AWS's length limits, else the ValidationError AWS answers. */
export function requiredParam(params: URLSearchParams, name: string, member: string, min: number, max: number): string {
  const value = params.get(name);
  if (value === null) throw validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  if (value.length < min) throw validationError(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
  if (value.length > max) throw validationError(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  return value;
}

/** DurationSeconds when given, checked against STS's 900..43200 range. */
export function requestedDuration(params: URLSearchParams): number | undefined {
  const text = params.get('DurationSeconds');
  if (text === null) return undefined;
  const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value)) throw validationError(`1 validation error detected: Value '${text}' at 'durationSeconds' failed to satisfy constraint: Member must be a whole number`);
  if (value < 900) throw validationError(`1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
  if (value > 43200) throw validationError(`1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`);
  return value;
}

/** STS's NameQualifier: base64(SHA-1(issuer + account id + "/" + provider name)), per the STS API reference. */
function nameQualifierOf(issuer: string, principalArn: string): string {
  const providerName = principalArn.slice(principalArn.indexOf(':saml-provider/') + ':saml-provider/'.length);
  return createHash('sha1').update(`${issuer}${arnAccount(principalArn).accountId}/${providerName}`).digest('base64');
}

/** AssumeRoleWithSAML as AWS decides it: parameters, provider, assertion, role/provider pair, trust, duration. */
export function assumeRoleWithSaml(params: URLSearchParams, context: AssumeRoleWithSamlContext): AssumedRole {
  const roleArn = requiredParam(params, 'RoleArn', 'roleArn', 20, 2048);
  const principalArn = requiredParam(params, 'PrincipalArn', 'principalArn', 20, 2048);
  const samlAssertion = requiredParam(params, 'SAMLAssertion', 'sAMLAssertion', 4, 100_000);
  const duration = requestedDuration(params);

  const provider = context.providers.find((candidate) => candidate.principalArn === principalArn);
  if (provider === undefined) throw accessDenied();
  const assertion = verifySamlResponse({
    samlAssertion,
    certificatePem: provider.certificatePem,
    expectedIssuer: provider.issuer,
    decryptionKeyPem: provider.encryptionPrivateKeyPem,
    acceptedAudiences: [partitionsByName[partitionOfArn(roleArn)].samlAudience],
    isAcceptedRecipient: context.isAcceptedRecipient,
    now: context.now,
  });

  const pairInAssertion = assertion.roleValues.some((value) => {
    const pair = roleProviderPair(value);
    return pair?.roleArn === roleArn && pair.principalArn === principalArn;
  });
  const role = context.roles.find((candidate) => candidate.roleArn === roleArn);
  const trusted = role?.trustedPrincipalArns
    ?? context.providers.map((candidate) => candidate.principalArn).filter((arn) => arnAccount(arn).accountId === arnAccount(roleArn).accountId);
  if (!pairInAssertion || role === undefined || !trusted.includes(principalArn)) throw accessDenied();

  if (duration !== undefined && duration > (role.maxSessionDuration ?? 3600)) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const seconds = Math.min(duration ?? 3600, assertion.sessionDuration ?? Infinity);
  const credentials = newCredentials(roleArn, assertion.roleSessionName, new Date(context.now.getTime() + seconds * 1000));
  return { credentials, assertion, nameQualifier: nameQualifierOf(assertion.issuer, principalArn) };
}
