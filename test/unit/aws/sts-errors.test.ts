import { describe, expect, it } from 'vitest';
import { isMaxSessionDurationError, scrubServiceMessage, stsFailure } from '../../../core/aws/sts-errors.js';

const context = { endpoint: 'https://sts.us-east-1.amazonaws.com', roleArn: 'arn:aws:iam::123456789012:role/Dba', deadlineMs: 30_000, deadlinePassed: false };

function serviceError(name: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe('stsFailure', () => {
  it.each([
    ['ExpiredTokenException', 'sts-expired-assertion', /sign in again/],
    ['InvalidIdentityTokenException', 'sts-invalid-identity-token', /do not trust each other/],
    ['IDPRejectedClaimException', 'sts-idp-rejected-claim', /rejected the identity provider's claims/],
    ['AccessDenied', 'sts-access-denied', /trust policy does not allow/],
    ['Throttling', 'sts-throttled', /wait a minute/],
    ['TimeoutError', 'sts-network', /did not answer in time/],
  ])('%s → %s', (name, code, sentence) => {
    const failure = stsFailure(serviceError(name, 'STS words'), context);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(sentence);
  });

  it('tells the MaxSessionDuration error apart from other validation errors', () => {
    const tooLong = serviceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    expect(isMaxSessionDurationError(tooLong)).toBe(true);
    expect(stsFailure(tooLong, context).code).toBe('sts-duration-too-long');
    expect(stsFailure(serviceError('ValidationError', '1 validation error detected'), context).code).toBe('sts-validation');
  });

  it('maps network failures and 5xx', () => {
    expect(stsFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), context).code).toBe('sts-network');
    expect(stsFailure(serviceError('InternalFailure', 'boom', 500), context).code).toBe('sts-unavailable');
  });

  it('tells our deadline from a cancel', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(stsFailure(abort, { ...context, deadlinePassed: true }).message).toMatch(/within 30 s/);
    expect(stsFailure(abort, context).message).toMatch(/cancelled/);
  });

  it('never repeats a long token-like string from the service message', () => {
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD';
    const failure = stsFailure(serviceError('InvalidIdentityTokenException', `bad ${token} here`), context);
    expect(failure.message).not.toContain(token);
    expect(failure.message).toContain('[redacted]');
  });

  it('keeps service messages on one short line', () => {
    expect(scrubServiceMessage(`a\nb${'x '.repeat(400)}`)).toMatch(/^a b[x ]+…$/);
  });
});
