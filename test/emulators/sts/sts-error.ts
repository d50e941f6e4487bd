/** A refusal as STS answers it: the error code the SDKs map to exceptions, the HTTP status, and AWS's wording. */
export class StsError extends Error {
  override readonly name = 'StsError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

/** AWS's words when the token is fine but the role may not be assumed with it. */
export function accessDenied(action = 'AssumeRoleWithSAML'): StsError {
  return new StsError('AccessDenied', `Not authorized to perform sts:${action}`, 403);
}

export function invalidIdentityToken(message: string): StsError {
  return new StsError('InvalidIdentityToken', message, 400);
}

export function validationError(message: string): StsError {
  return new StsError('ValidationError', message, 400);
}
