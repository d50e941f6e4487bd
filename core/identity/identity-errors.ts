import { stsFailure } from '../aws/sts-errors.js';
import { AtlasSsoError } from '../errors.js';
import { scrubIdentityMessage } from './scrub-message.js';

/** Where a failed STS call went, and whether our own deadline ended it (never a secret). */
export interface StsCallContext {
  readonly endpoint: string;
  readonly deadlineMs: number;
  readonly deadlinePassed: boolean;
}

function nameAndWords(error: unknown): { readonly name: string; readonly said: string; readonly options: { readonly cause: unknown; readonly details: string } } {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { readonly name?: unknown; readonly message?: unknown };
  const name = typeof record.name === 'string' ? record.name : '';
  const said = scrubIdentityMessage(typeof record.message === 'string' ? record.message : String(error));
  return { name, said, options: { cause: error, details: `${name || 'Error'}: ${said}` } };
}

/** GetCallerIdentity refusing the keys themselves, as a sentence naming where the keys came from; anything else as any STS failure. */
export function callerIdentityFailure(error: unknown, context: StsCallContext & { readonly sourceLabel: string }): AtlasSsoError {
  if (error instanceof AtlasSsoError) return error;
  const { name, options } = nameAndWords(error);
  switch (name) {
    case 'InvalidClientTokenId':
      return new AtlasSsoError('identity-keys-rejected', `AWS does not know the access key from ${context.sourceLabel}: it was deleted or deactivated, or it belongs to another partition (GovCloud, China: set --region).`, options);
    case 'SignatureDoesNotMatch':
      return new AtlasSsoError('identity-keys-rejected', `AWS rejected the signature made with the keys from ${context.sourceLabel}: the secret access key does not belong to that access key ID, or this computer's clock is off.`, options);
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return new AtlasSsoError('identity-keys-rejected', `The keys from ${context.sourceLabel} have expired: get fresh ones (sign in again, or let the platform refresh them) and retry.`, options);
  }
  return stsFailure(error, { ...context, roleArn: 'this identity' });
}

/** AssumeRoleWithWebIdentity's refusals in the words of the EKS path (the token file, the OIDC provider, the role's trust policy). */
export function webIdentityFailure(error: unknown, context: StsCallContext & { readonly roleArn: string; readonly tokenFile: string }): AtlasSsoError {
  if (error instanceof AtlasSsoError) return error;
  const { name, said, options } = nameAndWords(error);
  switch (name) {
    case 'InvalidIdentityTokenException':
      return new AtlasSsoError('sts-invalid-identity-token', `AWS did not accept the web identity token in ${context.tokenFile}: register the cluster's OIDC issuer as an IAM identity provider in the role's account, with audience sts.amazonaws.com. AWS said: ${said}`, options);
    case 'ExpiredTokenException':
      return new AtlasSsoError('identity-token-expired', `The web identity token in ${context.tokenFile} has expired: Kubernetes refreshes projected service account tokens, so retry (or restart the pod if the file stays old).`, options);
    case 'IDPRejectedClaimException':
      return new AtlasSsoError('sts-idp-rejected-claim', `AWS rejected the claims of the web identity token for ${context.roleArn}. AWS said: ${said}`, options);
    case 'IDPCommunicationErrorException':
      return new AtlasSsoError('sts-unavailable', `AWS could not reach the OIDC issuer of the web identity token to check its signature: try again in a minute. AWS said: ${said}`, options);
    case 'AccessDenied':
    case 'AccessDeniedException':
      return new AtlasSsoError('sts-access-denied', `AWS denied ${context.roleArn} to this web identity: the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the OIDC provider, with this service account's sub (system:serviceaccount:NAMESPACE:NAME). AWS said: ${said}`, options);
  }
  return stsFailure(error, context);
}
