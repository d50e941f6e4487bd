import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS Signature Version 4, server side: recompute a request's signature from what was received
 * and compare it in constant time, with the checks and error codes AWS answers with.
 */

/** A request as the server received it; headers are the raw pairs, in order (duplicates kept). */
export interface ReceivedRequest {
  readonly method: string;
  /** Path of the request target, as sent. */
  readonly path: string;
  /** Query string without the `?`. */
  readonly query: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer | string;
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** Credential scope: date (YYYYMMDD), region, service. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** What the verifier needs to know about an access key it issued. */
export interface SigV4Secret {
  readonly secretAccessKey: string;
  /** The session token the request must carry in X-Amz-Security-Token, for temporary keys. */
  readonly sessionToken: string | undefined;
}

export type SigV4Verdict =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

const algorithm = 'AWS4-HMAC-SHA256';
/** AWS refuses a signature more than 15 minutes away from its clock. */
const maxSkewMs = 15 * 60_000;

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The normalized, encoded path (non-S3 rules: `.`, `..` and empty segments removed). */
export function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(decodeOrKeep(segment)));
  }
  const trailingSlash = segments.length > 0 && path.endsWith('/');
  return `/${segments.join('/')}${trailingSlash ? '/' : ''}`;
}

/** Query parameters encoded and sorted by name, then value. */
export function canonicalQueryString(query: string): string {
  if (query === '') return '';
  const pairs = query.split('&').filter((part) => part !== '').map((part) => {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? '' : part.slice(equals + 1);
    return [uriEncode(decodeOrKeep(name)), uriEncode(decodeOrKeep(value))] as const;
  });
  pairs.sort(([nameA, valueA], [nameB, valueB]) => compareStrings(nameA, nameB) || compareStrings(valueA, valueB));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every value of a header (case-insensitive), in the order received. */
function headerValues(headers: ReceivedRequest['headers'], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([key]) => key.toLowerCase() === wanted).map(([, value]) => value);
}

/** `name:value\n` lines for the signed headers; undefined when one of them was not received. */
function canonicalHeaders(headers: ReceivedRequest['headers'], signedHeaders: readonly string[]): string | undefined {
  let text = '';
  for (const name of signedHeaders) {
    const values = headerValues(headers, name);
    if (values.length === 0) return undefined;
    text += `${name}:${values.map((value) => value.trim().replace(/\s+/g, ' ')).join(',')}\n`;
  }
  return text;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical request, or undefined when a signed header is missing from the request. */
export function canonicalRequest(request: ReceivedRequest, signedHeaders: readonly string[]): string | undefined {
  const headers = canonicalHeaders(request.headers, signedHeaders);
  if (headers === undefined) return undefined;
  return [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQueryString(request.query),
    headers,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [algorithm, amzDate, scope, sha256Hex(canonical)].join('\n');
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const dateKey = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
  const regionKey = createHmac('sha256', dateKey).update(region).digest();
  const serviceKey = createHmac('sha256', regionKey).update(service).digest();
  return createHmac('sha256', serviceKey).update('aws4_request').digest();
}

/** Hex signature of a request for a scope; undefined when a signed header is missing. */
export function computeSignature(
  request: ReceivedRequest,
  scope: { readonly secretAccessKey: string; readonly amzDate: string; readonly region: string; readonly service: string; readonly signedHeaders: readonly string[] },
): string | undefined {
  const canonical = canonicalRequest(request, scope.signedHeaders);
  if (canonical === undefined) return undefined;
  const date = scope.amzDate.slice(0, 8);
  const toSign = stringToSign(scope.amzDate, `${date}/${scope.region}/${scope.service}/aws4_request`, canonical);
  return createHmac('sha256', signingKey(scope.secretAccessKey, date, scope.region, scope.service)).update(toSign).digest('hex');
}

/** Constant-time comparison of two hex signatures (a length mismatch is simply unequal). */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function parseAuthorization(value: string): SigV4Authorization | undefined {
  if (!value.startsWith(`${algorithm} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(algorithm.length + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential?.length !== 5 || credential[4] !== 'aws4_request' || signedHeaders === undefined || signature === undefined) return undefined;
  const [accessKeyId = '', date = '', region = '', service = ''] = credential;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** `20150830T123600Z` → Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `2015-08-30T12:36:00Z` → `20150830T123600Z`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function refuse(status: number, code: string, message: string): SigV4Verdict {
  return { ok: false, status, code, message };
}

const mismatch = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Checks a header-signed request like AWS: algorithm and scope, the key is known, its session token matches,
 * X-Amz-Date within 15 minutes of `now`, then the signature itself (constant time).
 * The Host header is whatever the client signed: a replayed request keeps its original host.
 */
export function verifySigV4(
  request: ReceivedRequest,
  options: {
    readonly now: Date;
    readonly service: string;
    /** The regions of the endpoint answering; a credential scoped to another is refused as AWS does. */
    readonly regions: readonly string[];
    readonly secretFor: (accessKeyId: string) => SigV4Secret | undefined;
  },
): SigV4Verdict {
  const [header] = headerValues(request.headers, 'authorization');
  if (header === undefined) return refuse(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const auth = parseAuthorization(header);
  if (auth === undefined) {
    return refuse(400, 'IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with the ${algorithm} algorithm.`);
  }
  if (auth.service !== options.service) return refuse(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${options.service}'.`);
  if (!options.regions.includes(auth.region)) {
    return refuse(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${auth.region}'.`);
  }
  if (!auth.signedHeaders.includes('host')) return refuse(403, 'SignatureDoesNotMatch', "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  const [amzDateText] = headerValues(request.headers, 'x-amz-date');
  const amzDate = amzDateText === undefined ? undefined : parseAmzDate(amzDateText.trim());
  if (amzDateText === undefined || amzDate === undefined) {
    return refuse(400, 'IncompleteSignature', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const secret = options.secretFor(auth.accessKeyId);
  if (secret === undefined) return refuse(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const tokens = headerValues(request.headers, 'x-amz-security-token');
  if (secret.sessionToken !== undefined && (tokens.length !== 1 || !signaturesEqual(secret.sessionToken, tokens[0] ?? ''))) {
    return refuse(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  }
  const now = options.now.getTime();
  if (amzDate.getTime() < now - maxSkewMs) {
    return refuse(403, 'SignatureDoesNotMatch', `Signature expired: ${formatAmzDate(amzDate)} is now earlier than ${formatAmzDate(new Date(now - maxSkewMs))} (${formatAmzDate(options.now)} - 15 min.)`);
  }
  if (amzDate.getTime() > now + maxSkewMs) {
    return refuse(403, 'SignatureDoesNotMatch', `Signature not yet current: ${formatAmzDate(amzDate)} is still later than ${formatAmzDate(new Date(now + maxSkewMs))} (${formatAmzDate(options.now)} + 15 min.)`);
  }
  if (auth.date !== formatAmzDate(amzDate).slice(0, 8)) {
    return refuse(403, 'SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${formatAmzDate(amzDate).slice(0, 8)}'`);
  }
  const expected = computeSignature(request, {
    secretAccessKey: secret.secretAccessKey, amzDate: formatAmzDate(amzDate), region: auth.region, service: auth.service, signedHeaders: auth.signedHeaders,
  });
  if (expected === undefined || !signaturesEqual(expected, auth.signature)) return refuse(403, 'SignatureDoesNotMatch', mismatch);
  return { ok: true, accessKeyId: auth.accessKeyId };
}
