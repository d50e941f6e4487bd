import { displayText } from '../display-text.js';
import { AtlasSsoError } from '../errors.js';

/** What we know about a failed STS call, read off whatever the SDK or Node threw. */
interface FailureFacts {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number | undefined;
}

function factsOf(error: unknown): FailureFacts {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const metadata = record.$metadata as { httpStatusCode?: unknown } | undefined;
  return {
    name: typeof record.name === 'string' ? record.name : '',
    code: typeof record.code === 'string' ? record.code : typeof record.Code === 'string' ? record.Code : '',
    message: typeof record.message === 'string' ? record.message : String(error),
    httpStatus: typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined,
  };
}

/** STS's own words, shortened, with anything that looks like a key, token or assertion blanked out. */
export function scrubServiceMessage(message: string): string {
  return displayText(message.replace(/[A-Za-z0-9+/=_-]{40,}/g, '[redacted]'), 300);
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);

/** True when STS refused the requested DurationSeconds because the role allows less. */
export function isMaxSessionDurationError(error: unknown): boolean {
  const facts = factsOf(error);
  return facts.name === 'ValidationError' && /MaxSessionDuration/i.test(facts.message);
}

/**
 * Turns anything an AssumeRoleWithSAML call threw into one AtlasSsoError a person can act on.
 * `endpoint` names where we called (never a secret); `deadlinePassed` tells our own deadline apart from a cancel.
 */
export function stsFailure(error: unknown, context: { readonly endpoint: string; readonly roleArn: string; readonly deadlineMs: number; readonly deadlinePassed: boolean }): AtlasSsoError {
  if (error instanceof AtlasSsoError) return error;
  const facts = factsOf(error);
  const stsSays = scrubServiceMessage(facts.message);
  const options = { cause: error, details: `${facts.name || facts.code || 'Error'}: ${stsSays}` };
  switch (facts.name) {
    case 'ExpiredTokenException':
      return new AtlasSsoError('sts-expired-assertion', 'Your sign-in has expired (AWS accepts a SAML sign-in for 5 minutes only): sign in again.', options);
    case 'InvalidIdentityTokenException':
      return new AtlasSsoError('sts-invalid-identity-token', `AWS did not accept the sign-in from your identity provider: the IdP and the IAM SAML provider do not trust each other (metadata or signing certificate out of date?). Ask your AWS administrator. AWS said: ${stsSays}`, options);
    case 'IDPRejectedClaimException':
      return new AtlasSsoError('sts-idp-rejected-claim', `AWS rejected the identity provider's claims for this role. Ask your AWS administrator to check the SAML provider and the role's trust policy. AWS said: ${stsSays}`, options);
    case 'AccessDenied':
    case 'AccessDeniedException':
      return new AtlasSsoError('sts-access-denied', `AWS denied access to ${context.roleArn}: the role's trust policy does not allow this SAML provider (or a condition in it fails). Ask your AWS administrator, or pick another role. AWS said: ${stsSays}`, options);
    case 'ValidationError':
      return isMaxSessionDurationError(error)
        ? new AtlasSsoError('sts-duration-too-long', `The role ${context.roleArn} does not allow a session that long: ask for a shorter duration (1 hour always works).`, options)
        : new AtlasSsoError('sts-validation', `AWS refused the request as invalid: ${stsSays}`, options);
    case 'Throttling':
    case 'ThrottlingException':
    case 'RequestLimitExceeded':
    case 'TooManyRequestsException':
      return new AtlasSsoError('sts-throttled', 'AWS STS is throttling requests right now, even after retries: wait a minute and sign in again.', options);
    case 'RegionDisabledException':
      return new AtlasSsoError('sts-validation', `STS is not activated in this region for the account: use another region (--region) or ask your AWS administrator to activate it. AWS said: ${stsSays}`, options);
    case 'TimeoutError':
      return new AtlasSsoError('sts-network', `AWS STS at ${context.endpoint} did not answer in time: check your network or proxy, then try again.`, options);
    case 'AbortError':
      return context.deadlinePassed
        ? new AtlasSsoError('sts-deadline', `AWS STS at ${context.endpoint} did not answer within ${Math.round(context.deadlineMs / 1000)} s: check your network or proxy, then sign in again.`, options)
        : new AtlasSsoError('sts-deadline', 'The request to AWS STS was cancelled.', options);
  }
  if (networkCodes.has(facts.code) || networkCodes.has(facts.name)) {
    return new AtlasSsoError('sts-network', `Could not reach AWS STS at ${context.endpoint} (${facts.code || facts.name}): check your network, proxy or VPN, then try again.`, options);
  }
  if (facts.httpStatus !== undefined && facts.httpStatus >= 500) {
    return new AtlasSsoError('sts-unavailable', `AWS STS answered with an error (HTTP ${facts.httpStatus}) even after retries: try again in a few minutes.`, options);
  }
  if (facts.name === 'Error' || facts.name === '' || facts.name === 'SyntaxError' || facts.name === 'TypeError') {
    return new AtlasSsoError('sts-bad-response', `The answer from ${context.endpoint} was not an STS answer: check the STS endpoint (and any proxy in between).`, options);
  }
  return new AtlasSsoError('sts-unknown', `AWS STS refused the request (${facts.name}): ${stsSays}`, options);
}
