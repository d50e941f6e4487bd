import { describe, expect, it } from 'vitest';
import { callerIdentityFailure, webIdentityFailure } from '../../../core/identity/identity-errors.js';

const context = { endpoint: 'https://sts.us-east-1.amazonaws.com', deadlineMs: 15_000, deadlinePassed: false };

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } });
}

describe('callerIdentityFailure', () => {
  it.each([
    ['InvalidClientTokenId', /^AWS does not know the access key from the shared AWS files/],
    ['SignatureDoesNotMatch', /^AWS rejected the signature made with the keys from the shared AWS files/],
    ['ExpiredToken', /^The keys from the shared AWS files have expired/],
  ])('turns %s into a sentence naming the source', (name, sentence) => {
    const error = callerIdentityFailure(awsError(name, 'The security token included in the request is invalid.'), { ...context, sourceLabel: 'the shared AWS files' });
    expect(error.code).toBe('identity-keys-rejected');
    expect(error.message).toMatch(sentence);
  });

  it('leaves network failures to the STS mapping', () => {
    const error = callerIdentityFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { ...context, sourceLabel: 'x' });
    expect(error.code).toBe('sts-network');
  });
});

describe('webIdentityFailure', () => {
  const web = { ...context, roleArn: 'arn:aws:iam::012345678901:role/AtlasDba', tokenFile: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token' };

  it.each([
    ['InvalidIdentityTokenException', 'sts-invalid-identity-token', /register the cluster's OIDC issuer as an IAM identity provider/],
    ['ExpiredTokenException', 'identity-token-expired', /^The web identity token in \/var\/run\/secrets\/.* has expired/],
    ['AccessDenied', 'sts-access-denied', /trust policy must allow sts:AssumeRoleWithWebIdentity/],
    ['IDPCommunicationErrorException', 'sts-unavailable', /could not reach the OIDC issuer/],
  ])('turns %s into %s', (name, code, sentence) => {
    const error = webIdentityFailure(awsError(name, 'denied'), web);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(sentence);
  });

  it('never repeats a token AWS echoed', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL29pZGMuZWtzIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';
    const error = webIdentityFailure(awsError('InvalidIdentityTokenException', `bad token ${token}`), web);
    expect(error.message).not.toContain(token);
  });
});
