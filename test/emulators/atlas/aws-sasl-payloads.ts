import type { Document } from 'bson';
import { Binary, deserialize, serialize } from 'bson';

/** The size of each half of the MONGODB-AWS server nonce (client's 32 bytes + the server's 32). */
export const nonceHalfLength = 32;
/** ASCII 'n': the client does not use channel binding, the only value the spec allows. */
const gs2NoChannelBinding = 110;

/** The client's first message: its nonce and gs2-cb-flag. */
export interface ClientFirst {
  readonly clientNonce: Buffer;
}

/** The client's second message: a SigV4-signed GetCallerIdentity request, reduced to its parts. */
export interface ClientSecond {
  readonly authorization: string;
  readonly amzDate: string;
  readonly securityToken: string | undefined;
}

/** A payload the client sent that does not follow the MONGODB-AWS spec; the message names no secret. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

/** Parses `{r: BinData(32 bytes), p: 110}`. */
export function parseClientFirst(payload: unknown): ClientFirst {
  const document = payloadDocument(payload);
  const nonce: unknown = document.r;
  if (!(nonce instanceof Binary) || nonce.length() !== nonceHalfLength) throw new PayloadError('the client nonce must be 32 bytes of binary data');
  if (document.p !== gs2NoChannelBinding) throw new PayloadError('the gs2-cb-flag must be 110 (n)');
  return { clientNonce: Buffer.from(nonce.value()) };
}

/** Encodes `{s: server nonce, h: sts host}` as the saslStart reply payload. */
export function encodeServerFirst(serverNonce: Buffer, stsHost: string): Binary {
  return new Binary(serialize({ s: new Binary(serverNonce), h: stsHost }));
}

/** Parses `{a: authorization header, d: x-amz-date, t?: security token}`. */
export function parseClientSecond(payload: unknown): ClientSecond {
  const document = payloadDocument(payload);
  const { a: authorization, d: amzDate, t: securityToken } = document as { readonly a?: unknown; readonly d?: unknown; readonly t?: unknown };
  if (typeof authorization !== 'string' || authorization === '') throw new PayloadError('the authorization header (a) is missing');
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate)) throw new PayloadError('the x-amz-date (d) is missing or malformed');
  if (securityToken !== undefined && typeof securityToken !== 'string') throw new PayloadError('the security token (t) must be a string');
  return { authorization, amzDate, securityToken };
}

/** The header names an Authorization header says were signed (`SignedHeaders=a;b;c`). */
export function signedHeaderNames(authorization: string): string[] {
  const match = /(?:^|[\s,])SignedHeaders=([^,\s]+)/.exec(authorization);
  return match?.[1]?.split(';') ?? [];
}

function payloadDocument(payload: unknown): Document {
  if (!(payload instanceof Binary)) throw new PayloadError('the payload must be binary data');
  try {
    return deserialize(payload.value());
  } catch {
    throw new PayloadError('the payload is not a BSON document');
  }
}
