import { randomBytes } from 'node:crypto';
import type { Binary } from 'bson';
import type { RoleGrant } from './authorization.js';
import type { ClientSecond } from './aws-sasl-payloads.js';
import { encodeServerFirst, nonceHalfLength, parseClientFirst, parseClientSecond, PayloadError, signedHeaderNames } from './aws-sasl-payloads.js';
import { databaseUserArnOfCaller } from './caller-arn.js';
import { replayGetCallerIdentity } from './sts-replay.js';

/** A database user of the emulated cluster: an IAM role or user ARN and its Atlas roles. */
export interface DatabaseUser {
  readonly arn: string;
  readonly roles: readonly RoleGrant[];
}

/** Where the server checks identities: the STS to replay to, the host it tells clients to sign for, the users. */
export interface AwsAuthenticationConfig {
  readonly stsUrl: string;
  readonly stsHost: string;
  readonly users: readonly DatabaseUser[];
  readonly stsTimeoutMs: number;
}

/** A conversation after saslStart: the full server nonce the client must sign. */
export interface PendingConversation {
  readonly serverNonce: Buffer;
}

/** The end of a conversation: the database user, or why not (an Atlas "bad auth : …" sentence, no secret). */
export type AuthenticationOutcome =
  | { readonly ok: true; readonly user: DatabaseUser }
  | { readonly ok: false; readonly user: string | null; readonly reason: string };

/** Headers the client must have signed so the replayed request proves it answered *our* nonce. */
const requiredSignedHeaders = ['host', 'x-mongodb-server-nonce', 'x-mongodb-gs2-cb-flag'] as const;

/** Answers the client-first message with our nonce (client's 32 bytes + 32 fresh ones) and the STS host to sign for. */
export function startConversation(payload: unknown, stsHost: string): { readonly pending: PendingConversation; readonly reply: Binary } {
  const { clientNonce } = parseClientFirst(payload);
  const serverNonce = Buffer.concat([clientNonce, randomBytes(nonceHalfLength)]);
  return { pending: { serverNonce }, reply: encodeServerFirst(serverNonce, stsHost) };
}

/** Checks the client-second message by replaying it to STS, then finds the database user for the caller. */
export async function finishConversation(pending: PendingConversation, payload: unknown, config: AwsAuthenticationConfig): Promise<AuthenticationOutcome> {
  let signed: ClientSecond;
  try {
    signed = parseClientSecond(payload);
  } catch (error) {
    if (error instanceof PayloadError) return { ok: false, user: null, reason: `bad auth : ${error.message}` };
    throw error;
  }
  const signedNames = signedHeaderNames(signed.authorization);
  const unsigned = requiredSignedHeaders.filter((name) => !signedNames.includes(name));
  if (unsigned.length > 0) return { ok: false, user: null, reason: `bad auth : the aws authorization header does not sign ${unsigned.join(', ')}` };
  const outcome = await replayGetCallerIdentity({
    stsUrl: config.stsUrl,
    signedHost: config.stsHost,
    serverNonce: pending.serverNonce,
    signed,
    timeoutMs: config.stsTimeoutMs,
  });
  if (outcome.kind === 'rejected') return { ok: false, user: null, reason: `bad auth : aws sts call has response ${outcome.status}` };
  if (outcome.kind === 'unreachable') return { ok: false, user: null, reason: `bad auth : aws sts call failed: ${outcome.reason}` };
  const arn = databaseUserArnOfCaller(outcome.arn);
  const user = config.users.find((candidate) => candidate.arn === arn);
  if (!user) return { ok: false, user: arn, reason: `bad auth : user ${arn} is not found` };
  return { ok: true, user };
}
