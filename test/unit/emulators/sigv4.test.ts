import { describe, expect, it } from 'vitest';
import type { ReceivedRequest, SigV4Secret } from '../../emulators/sts/sigv4.js';
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  formatAmzDate,
  parseAmzDate,
  parseAuthorization,
  signaturesEqual,
  signingKey,
  stringToSign,
  verifySigV4,
} from '../../emulators/sts/sigv4.js';

// AWS's published Signature V4 test suite (aws-sig-v4-test-suite): same credentials, date, region and service for every case.
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const amzDate = '20150830T123600Z';
const suiteScope = { secretAccessKey, amzDate, region: 'us-east-1', service: 'service' };

interface Vector {
  readonly name: string;
  readonly request: ReceivedRequest;
  readonly signedHeaders: readonly string[];
  readonly canonical?: string;
  readonly signature: string;
}

const host = ['Host', 'example.amazonaws.com'] as const;
const date = ['X-Amz-Date', amzDate] as const;

const vectors: readonly Vector[] = [
  {
    name: 'get-vanilla',
    request: { method: 'GET', path: '/', query: '', headers: [host, date], body: '' },
    signedHeaders: ['host', 'x-amz-date'],
    canonical: 'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    request: { method: 'GET', path: '/', query: 'Param2=value2&Param1=value1', headers: [host, date], body: '' },
    signedHeaders: ['host', 'x-amz-date'],
    canonical: 'GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-order-key',
    request: { method: 'GET', path: '/', query: 'Param1=value2&Param1=Value1', headers: [host, date], body: '' },
    signedHeaders: ['host', 'x-amz-date'],
    signature: 'eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1',
  },
  {
    name: 'post-x-www-form-urlencoded',
    request: { method: 'POST', path: '/', query: '', headers: [['Content-Type', 'application/x-www-form-urlencoded'], host, date], body: 'Param1=value1' },
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    canonical: 'POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-x-www-form-urlencoded-parameters',
    request: { method: 'POST', path: '/', query: '', headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf8'], host, date], body: 'Param1=value1' },
    signedHeaders: ['content-type', 'host', 'x-amz-date'],
    signature: '1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe',
  },
  {
    name: 'post-sts-token/post-sts-header-before',
    request: {
      method: 'POST', path: '/', query: '', body: '',
      headers: [host, date, ['X-Amz-Security-Token', 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==']],
    },
    signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
  {
    name: 'get-header-value-trim',
    request: { method: 'GET', path: '/', query: '', headers: [host, ['My-Header1', ' value1'], ['My-Header2', ' "a   b   c"'], date], body: '' },
    signedHeaders: ['host', 'my-header1', 'my-header2', 'x-amz-date'],
    canonical: 'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:"a b c"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'get-utf8',
    request: { method: 'GET', path: '/ሴ', query: '', headers: [host, date], body: '' },
    signedHeaders: ['host', 'x-amz-date'],
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'normalize-path/get-slashes',
    request: { method: 'GET', path: '//example//', query: '', headers: [host, date], body: '' },
    signedHeaders: ['host', 'x-amz-date'],
    signature: '9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84',
  },
];

describe('SigV4 against the AWS test suite', () => {
  it.each(vectors)('$name gives the published signature', (vector) => {
    if (vector.canonical !== undefined) expect(canonicalRequest(vector.request, vector.signedHeaders)).toBe(vector.canonical);
    expect(computeSignature(vector.request, { ...suiteScope, signedHeaders: vector.signedHeaders })).toBe(vector.signature);
  });

  it('derives the signing key of AWS\'s documented example and the string to sign of get-vanilla', () => {
    expect(signingKey(secretAccessKey, '20120215', 'us-east-1', 'iam').toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
    const [vanilla] = vectors;
    const canonical = vanilla && canonicalRequest(vanilla.request, vanilla.signedHeaders);
    expect(stringToSign(amzDate, '20150830/us-east-1/service/aws4_request', canonical ?? '')).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63',
    );
  });

  it('normalizes paths and queries like the suite (relative segments, spaces, unreserved characters)', () => {
    expect(canonicalUri('/example/..')).toBe('/');
    expect(canonicalUri('/./example')).toBe('/example');
    expect(canonicalUri('/example space/')).toBe('/example%20space/');
    expect(canonicalUri('/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')).toBe('/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    expect(canonicalQueryString('%E1%88%B4=bar')).toBe('%E1%88%B4=bar');
    expect(canonicalQueryString("a=it's(*)!")).toBe('a=it%27s%28%2A%29%21');
  });
});

describe('SigV4 parsing helpers', () => {
  it('reads an Authorization header and refuses other schemes', () => {
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc')).toEqual({
      accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'sts', signedHeaders: ['host', 'x-amz-date'], signature: 'abc',
    });
    expect(parseAuthorization('AWS AKIDEXAMPLE:abc')).toBeUndefined();
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts, SignedHeaders=host, Signature=abc')).toBeUndefined();
  });

  it('round-trips X-Amz-Date and compares signatures of different lengths as unequal', () => {
    const parsed = parseAmzDate(amzDate);
    expect(parsed?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
    expect(parsed && formatAmzDate(parsed)).toBe(amzDate);
    expect(parseAmzDate('2015-08-30T12:36:00Z')).toBeUndefined();
    expect(signaturesEqual('abcd', 'abcd')).toBe(true);
    expect(signaturesEqual('abcd', 'abc')).toBe(false);
    expect(signaturesEqual('abcd', 'abce')).toBe(false);
  });
});

describe('verifySigV4', () => {
  const token = 'session-token-value';
  const secrets = new Map<string, SigV4Secret>([['ASIAEXAMPLE', { secretAccessKey, sessionToken: token }]]);
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const signedHeaders = ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-mongodb-gs2-cb-flag', 'x-mongodb-server-nonce'];
  const now = new Date('2015-08-30T12:36:00Z');

  /** A request signed as a MongoDB driver signs it for the server to replay: host sts.amazonaws.com, extra headers. */
  function signedRequest(overrides: { readonly secret?: string; readonly date?: string; readonly token?: string; readonly service?: string; readonly region?: string } = {}): ReceivedRequest {
    const headers: (readonly [string, string])[] = [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Host', 'sts.amazonaws.com'],
      ['X-Amz-Date', overrides.date ?? amzDate],
      ['X-Amz-Security-Token', overrides.token ?? token],
      ['X-MongoDB-GS2-CB-Flag', 'n'],
      ['X-MongoDB-Server-Nonce', 'c2VydmVyLW5vbmNlLXNlcnZlci1ub25jZS0xMjM0NTY3ODkwMTI='],
    ];
    const request: ReceivedRequest = { method: 'POST', path: '/', query: '', headers, body };
    const service = overrides.service ?? 'sts';
    const region = overrides.region ?? 'us-east-1';
    const signature = computeSignature(request, {
      secretAccessKey: overrides.secret ?? secretAccessKey, amzDate: overrides.date ?? amzDate, region, service, signedHeaders,
    });
    const scope = `${(overrides.date ?? amzDate).slice(0, 8)}/${region}/${service}/aws4_request`;
    return { ...request, headers: [...headers, ['Authorization', `AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature ?? ''}`]] };
  }

  const verify = (request: ReceivedRequest, at: Date = now) => verifySigV4(request, { now: at, service: 'sts', regions: ['us-east-1'], secretFor: (id) => secrets.get(id) });

  it('refuses a credential scoped to another region than the endpoint serves, correctly signed or not', () => {
    const forRegions = (regions: readonly string[]) => (request: ReceivedRequest) => verifySigV4(request, { now, service: 'sts', regions, secretFor: (id) => secrets.get(id) });
    expect(forRegions(['eu-west-1'])(signedRequest({ region: 'eu-west-1' }))).toEqual({ ok: true, accessKeyId: 'ASIAEXAMPLE' });
    expect(forRegions(['eu-west-1'])(signedRequest({ region: 'us-east-1' }))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 403, message: "Credential should be scoped to a valid region, not 'us-east-1'." });
    expect(forRegions(['us-east-1', 'ap-south-1'])(signedRequest({ region: 'ap-south-1' }))).toEqual({ ok: true, accessKeyId: 'ASIAEXAMPLE' });
    expect(verify(signedRequest({ region: 'ap-south-1' }))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', message: "Credential should be scoped to a valid region, not 'ap-south-1'." });
  });

  it('accepts a replayed request whose signed Host is not the server it reached, with signed MongoDB headers', () => {
    expect(verify(signedRequest())).toEqual({ ok: true, accessKeyId: 'ASIAEXAMPLE' });
  });

  it('refuses a changed signed header, a wrong secret, another service scope, a missing header', () => {
    const tampered = signedRequest();
    const changed = { ...tampered, headers: tampered.headers.map(([name, value]) => [name, name === 'X-MongoDB-Server-Nonce' ? 'b3RoZXI=' : value] as const) };
    expect(verify(changed)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 403 });
    expect(verify(signedRequest({ secret: 'not-the-secret' }))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    expect(verify(signedRequest({ service: 's3' }))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 'sts'." });
    const withoutNonce = signedRequest();
    expect(verify({ ...withoutNonce, headers: withoutNonce.headers.filter(([name]) => name !== 'X-MongoDB-Server-Nonce') })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('refuses a wrong session token and an unknown key as InvalidClientTokenId', () => {
    expect(verify(signedRequest({ token: 'another-token' }))).toMatchObject({ ok: false, code: 'InvalidClientTokenId', status: 403 });
    const request = signedRequest();
    const unknownKey = { ...request, headers: request.headers.map(([name, value]) => [name, value.replace('ASIAEXAMPLE', 'ASIAUNKNOWN')] as const) };
    expect(verify(unknownKey)).toMatchObject({ ok: false, code: 'InvalidClientTokenId' });
  });

  it('refuses a request signed more than 15 minutes from the server clock, either way, and accepts one within', () => {
    expect(verify(signedRequest(), new Date(now.getTime() + 20 * 60_000))).toMatchObject({
      ok: false, code: 'SignatureDoesNotMatch', message: 'Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T125600Z - 15 min.)',
    });
    expect(verify(signedRequest(), new Date(now.getTime() - 20 * 60_000))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', message: expect.stringContaining('Signature not yet current') as unknown });
    expect(verify(signedRequest(), new Date(now.getTime() + 14 * 60_000))).toMatchObject({ ok: true });
  });

  it('answers a request without Authorization as MissingAuthenticationToken', () => {
    expect(verify({ method: 'POST', path: '/', query: '', headers: [['Host', 'sts.amazonaws.com']], body })).toMatchObject({ ok: false, code: 'MissingAuthenticationToken' });
  });
});
