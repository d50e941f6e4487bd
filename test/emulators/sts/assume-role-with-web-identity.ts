import { createPublicKey, verify } from 'node:crypto';
import type { RegisteredRole } from './assume-role-with-saml.js';
import { requestedDuration, requiredParam } from './assume-role-with-saml.js';
import type { IssuedCredentials } from './issued-credentials.js';
import { newCredentials } from './issued-credentials.js';
import { accessDenied, invalidIdentityToken, StsError, validationError } from './sts-error.js';

/** An OIDC identity provider registered in IAM (an EKS cluster's issuer): the tokens' `iss`, the allowed `aud`, its signing key. */
export interface OidcProvider {
  readonly issuer: string;
  /** The client ID IAM lists for the provider; EKS uses `sts.amazonaws.com`. */
  readonly audience: string;
  /** The RSA public key of the issuer's JWKS, as PEM. */
  readonly publicKeyPem: string;
}

export interface AssumeRoleWithWebIdentityContext {
  readonly oidcProviders: readonly OidcProvider[];
  readonly roles: readonly RegisteredRole[];
  readonly now: Date;
}

export interface AssumedWebIdentity {
  readonly credentials: IssuedCredentials;
  readonly subject: string;
  readonly audience: string;
  /** The provider as STS names it: the issuer without its scheme. */
  readonly provider: string;
}

interface TokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
  readonly exp: number;
}

const sessionNameShape = /^[\w+=,.@-]{2,64}$/;

function notAJwt(): StsError {
  return invalidIdentityToken('The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw notAJwt();
  }
}

/** The header, claims and signed bytes of a compact JWS, refusing anything but RS256 with the claims STS needs. */
function readToken(token: string): { readonly claims: TokenClaims; readonly signed: Buffer; readonly signature: Buffer } {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[\w-]+$/.test(part))) throw notAJwt();
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const header = decodePart(headerPart) as { alg?: unknown };
  if (header.alg !== 'RS256') throw invalidIdentityToken(`Unsupported token signing algorithm: ${String(header.alg)}`);
  const raw = decodePart(claimsPart) as { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown };
  const aud = typeof raw.aud === 'string' ? [raw.aud] : Array.isArray(raw.aud) ? raw.aud.filter((value): value is string => typeof value === 'string') : [];
  if (typeof raw.iss !== 'string' || typeof raw.sub !== 'string' || typeof raw.exp !== 'number' || aud.length === 0) throw notAJwt();
  return {
    claims: { iss: raw.iss, sub: raw.sub, aud, exp: raw.exp },
    signed: Buffer.from(`${headerPart}.${claimsPart}`),
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}

/** AssumeRoleWithWebIdentity as AWS decides it: parameters, registered issuer, signature, audience, expiry, role trust. */
export function assumeRoleWithWebIdentity(params: URLSearchParams, context: AssumeRoleWithWebIdentityContext): AssumedWebIdentity {
  const roleArn = requiredParam(params, 'RoleArn', 'roleArn', 20, 2048);
  const sessionName = requiredParam(params, 'RoleSessionName', 'roleSessionName', 2, 64);
  const token = requiredParam(params, 'WebIdentityToken', 'webIdentityToken', 4, 20_000);
  const duration = requestedDuration(params);
  if (!sessionNameShape.test(sessionName)) {
    throw validationError(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }

  const { claims, signed, signature } = readToken(token);
  const provider = context.oidcProviders.find((candidate) => candidate.issuer === claims.iss);
  if (provider === undefined) throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${claims.iss}`);
  if (!verify('sha256', signed, createPublicKey(provider.publicKeyPem), signature)) throw invalidIdentityToken('The web identity token signature could not be verified.');
  if (!claims.aud.includes(provider.audience)) throw invalidIdentityToken('Incorrect token audience');
  if (claims.exp * 1000 <= context.now.getTime()) {
    throw new StsError('ExpiredTokenException', `Token expired: current date/time ${Math.floor(context.now.getTime() / 1000)} must be before the expiration date/time ${claims.exp}`, 400);
  }

  const role = context.roles.find((candidate) => candidate.roleArn === roleArn);
  const trusted = role?.trustedWebIdentities?.some((identity) => identity.issuer === claims.iss && (identity.subject === undefined || identity.subject === claims.sub)) === true;
  if (role === undefined || !trusted) throw accessDenied('AssumeRoleWithWebIdentity');
  if (duration !== undefined && duration > (role.maxSessionDuration ?? 3600)) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
  const credentials = newCredentials(roleArn, sessionName, new Date(context.now.getTime() + (duration ?? 3600) * 1000));
  return { credentials, subject: claims.sub, audience: provider.audience, provider: claims.iss.replace(/^https:\/\//, '') };
}
