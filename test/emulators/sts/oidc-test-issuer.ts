import { generateKeyPairSync, sign } from 'node:crypto';
import type { OidcProvider } from './assume-role-with-web-identity.js';

/** A test OIDC issuer, as an EKS cluster's: register `provider` with the STS emulator, write `token(…)` where a pod's projected token would be. */
export interface OidcTestIssuer {
  readonly issuer: string;
  /** What IAM knows of this issuer: register it in `oidcProviders`. */
  readonly provider: OidcProvider;
  /** A signed RS256 ID token for `subject` (default audience `sts.amazonaws.com`, valid one hour). */
  token(claims: { readonly subject: string; readonly audience?: string; readonly expiresAt?: Date; readonly issuedAt?: Date }): string;
  /** The same claims signed with a key nobody registered. */
  forgedToken(claims: { readonly subject: string }): string;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function rsaKeyPair(): { readonly privateKeyPem: string; readonly publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A fresh issuer with its own RSA key (default issuer URL shaped like an EKS cluster's). */
export function createOidcTestIssuer(issuer = 'https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF'): OidcTestIssuer {
  const trusted = rsaKeyPair();
  const stranger = rsaKeyPair();
  const signWith = (privateKeyPem: string, claims: { readonly subject: string; readonly audience?: string; readonly expiresAt?: Date; readonly issuedAt?: Date }): string => {
    const issuedAt = claims.issuedAt ?? new Date();
    const expiresAt = claims.expiresAt ?? new Date(issuedAt.getTime() + 3_600_000);
    const body = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${base64url({
      iss: issuer,
      sub: claims.subject,
      aud: [claims.audience ?? 'sts.amazonaws.com'],
      iat: Math.floor(issuedAt.getTime() / 1000),
      exp: Math.floor(expiresAt.getTime() / 1000),
    })}`;
    return `${body}.${sign('sha256', Buffer.from(body), privateKeyPem).toString('base64url')}`;
  };
  return {
    issuer,
    provider: { issuer, audience: 'sts.amazonaws.com', publicKeyPem: trusted.publicKeyPem },
    token: (claims) => signWith(trusted.privateKeyPem, claims),
    forgedToken: (claims) => signWith(stranger.privateKeyPem, claims),
  };
}
