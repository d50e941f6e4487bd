import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ClientSecond } from './aws-sasl-payloads.js';

/** The exact body every MONGODB-AWS client signs. */
export const getCallerIdentityBody = 'Action=GetCallerIdentity&Version=2011-06-15';

/** What the replayed GetCallerIdentity said: the caller's ARN, or the HTTP status / network failure. */
export type ReplayOutcome =
  | { readonly kind: 'identified'; readonly arn: string }
  | { readonly kind: 'rejected'; readonly status: number }
  | { readonly kind: 'unreachable'; readonly reason: string };

/** Inputs of one replay: where STS is, the host the client signed for, and the client's signed parts. */
export interface ReplayRequest {
  readonly stsUrl: string;
  readonly signedHost: string;
  readonly serverNonce: Buffer;
  readonly signed: ClientSecond;
  readonly timeoutMs: number;
}

/**
 * Re-sends the client's signed GetCallerIdentity to STS, as Atlas does to AWS: the same headers the client
 * signed (Host is the advertised STS host, not the URL's), so only a valid signature over our nonce passes.
 */
export function replayGetCallerIdentity(replay: ReplayRequest): Promise<ReplayOutcome> {
  const url = new URL(replay.stsUrl);
  const headers: Record<string, string> = {
    Host: replay.signedHost,
    Authorization: replay.signed.authorization,
    'X-Amz-Date': replay.signed.amzDate,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(getCallerIdentityBody)),
    'X-MongoDB-Server-Nonce': replay.serverNonce.toString('base64'),
    'X-MongoDB-GS2-CB-Flag': 'n',
    Accept: 'application/json',
  };
  if (replay.signed.securityToken !== undefined) headers['X-Amz-Security-Token'] = replay.signed.securityToken;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers, timeout: replay.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          resolve({ kind: 'rejected', status });
          return;
        }
        const arn = callerArnOf(Buffer.concat(chunks).toString('utf8'));
        resolve(arn === undefined ? { kind: 'unreachable', reason: 'aws sts response has no caller arn' } : { kind: 'identified', arn });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`aws sts call timed out after ${replay.timeoutMs} ms`)));
    req.on('error', (error) => resolve({ kind: 'unreachable', reason: error.message }));
    req.end(getCallerIdentityBody);
  });
}

/** The caller ARN from a GetCallerIdentity answer, JSON (asked for) or XML (what STS sends by default). */
function callerArnOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const arn = (parsed as { GetCallerIdentityResponse?: { GetCallerIdentityResult?: { Arn?: unknown } } }).GetCallerIdentityResponse?.GetCallerIdentityResult?.Arn;
    return typeof arn === 'string' ? arn : undefined;
  } catch {
    return /<Arn>([^<]+)<\/Arn>/.exec(body)?.[1];
  }
}
