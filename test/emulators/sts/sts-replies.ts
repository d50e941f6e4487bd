import type { AssumedWebIdentity } from './assume-role-with-web-identity.js';
import type { IssuedCredentials } from './issued-credentials.js';
import type { VerifiedAssertion } from './saml-verification.js';
import type { StsError } from './sts-error.js';

/** The bodies STS answers with, in the Query protocol's XML, and in JSON for clients that ask (MongoDB servers). */
const stsXmlNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** STS timestamps: ISO 8601 in UTC, no milliseconds. */
function stsTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function xmlReply(status: number, body: string): Reply {
  return { status, contentType: 'text/xml', body };
}

export function assumeRoleWithSamlReply(
  credentials: IssuedCredentials,
  assertion: VerifiedAssertion,
  nameQualifier: string,
  requestId: string,
): Reply {
  return xmlReply(200, [
    `<AssumeRoleWithSAMLResponse xmlns="${stsXmlNamespace}">`,
    '<AssumeRoleWithSAMLResult>',
    `<Audience>${escapeXml(assertion.recipient)}</Audience>`,
    `<AssumedRoleUser><AssumedRoleId>${escapeXml(credentials.userId)}</AssumedRoleId><Arn>${escapeXml(credentials.arn)}</Arn></AssumedRoleUser>`,
    '<Credentials>',
    `<AccessKeyId>${credentials.accessKeyId}</AccessKeyId>`,
    `<SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>`,
    `<SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken>`,
    `<Expiration>${stsTime(credentials.expiration)}</Expiration>`,
    '</Credentials>',
    `<Issuer>${escapeXml(assertion.issuer)}</Issuer>`,
    `<NameQualifier>${escapeXml(nameQualifier)}</NameQualifier>`,
    `<Subject>${escapeXml(assertion.subject)}</Subject>`,
    `<SubjectType>${escapeXml(assertion.subjectType)}</SubjectType>`,
    '</AssumeRoleWithSAMLResult>',
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`,
    '</AssumeRoleWithSAMLResponse>',
  ].join('\n'));
}

export function assumeRoleWithWebIdentityReply(assumed: AssumedWebIdentity, requestId: string): Reply {
  const { credentials } = assumed;
  return xmlReply(200, [
    `<AssumeRoleWithWebIdentityResponse xmlns="${stsXmlNamespace}">`,
    '<AssumeRoleWithWebIdentityResult>',
    `<SubjectFromWebIdentityToken>${escapeXml(assumed.subject)}</SubjectFromWebIdentityToken>`,
    `<Audience>${escapeXml(assumed.audience)}</Audience>`,
    `<AssumedRoleUser><AssumedRoleId>${escapeXml(credentials.userId)}</AssumedRoleId><Arn>${escapeXml(credentials.arn)}</Arn></AssumedRoleUser>`,
    '<Credentials>',
    `<AccessKeyId>${credentials.accessKeyId}</AccessKeyId>`,
    `<SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>`,
    `<SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken>`,
    `<Expiration>${stsTime(credentials.expiration)}</Expiration>`,
    '</Credentials>',
    `<Provider>${escapeXml(assumed.provider)}</Provider>`,
    '</AssumeRoleWithWebIdentityResult>',
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`,
    '</AssumeRoleWithWebIdentityResponse>',
  ].join('\n'));
}

export function getCallerIdentityReply(credentials: IssuedCredentials, requestId: string, json: boolean): Reply {
  if (json) {
    const result = { Arn: credentials.arn, UserId: credentials.userId, Account: credentials.accountId };
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ GetCallerIdentityResponse: { GetCallerIdentityResult: result, ResponseMetadata: { RequestId: requestId } } }) };
  }
  return xmlReply(200, [
    `<GetCallerIdentityResponse xmlns="${stsXmlNamespace}">`,
    '<GetCallerIdentityResult>',
    `<Arn>${escapeXml(credentials.arn)}</Arn>`,
    `<UserId>${escapeXml(credentials.userId)}</UserId>`,
    `<Account>${credentials.accountId}</Account>`,
    '</GetCallerIdentityResult>',
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`,
    '</GetCallerIdentityResponse>',
  ].join('\n'));
}

export function errorReply(error: StsError, requestId: string, json: boolean): Reply {
  if (json) {
    return { status: error.status, contentType: 'application/json', body: JSON.stringify({ Error: { Type: error.type, Code: error.code, Message: error.message }, RequestId: requestId }) };
  }
  return xmlReply(error.status, [
    `<ErrorResponse xmlns="${stsXmlNamespace}">`,
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>`,
    `<RequestId>${requestId}</RequestId>`,
    '</ErrorResponse>',
  ].join('\n'));
}

/** A 200 whose body is well-formed XML of no STS action: what a misbehaving proxy or endpoint returns. */
export function unrelatedReply(): Reply {
  return xmlReply(200, '<ListBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets/></ListBucketsResult>');
}
