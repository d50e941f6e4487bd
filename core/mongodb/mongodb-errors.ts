import { scrubServiceMessage } from '../aws/sts-errors.js';
import { AtlasSsoError } from '../errors.js';

/** What a failed connection test was about: where we connected and for whom (never a secret). */
export interface ConnectionFailureContext {
  /** `host[:port]` of the cluster, as the connection string names it. */
  readonly address: string;
  /** The IAM role ARN Atlas should know as a database user, when the caller knows it. */
  readonly expectedUser?: string;
  /** Values that must never appear in a message (secret key, session token). */
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  /** Our own overall deadline passed (as opposed to a cancel by the caller). */
  readonly deadlinePassed: boolean;
  readonly cancelled: boolean;
}

/** Everything a driver error carries about its causes, flattened: the reason is often three levels down. */
interface FailureFacts {
  readonly names: readonly string[];
  readonly codes: readonly (string | number)[];
  readonly messages: readonly string[];
  readonly syscalls: readonly string[];
}

/** Walks `cause` chains and, for server selection errors, the error recorded for each server. */
function factsOf(error: unknown): FailureFacts {
  const names: string[] = [];
  const codes: (string | number)[] = [];
  const messages: string[] = [];
  const syscalls: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.name === 'string') names.push(record.name);
    if (typeof record.code === 'string' || typeof record.code === 'number') codes.push(record.code);
    if (typeof record.codeName === 'string') codes.push(record.codeName);
    if (typeof record.syscall === 'string') syscalls.push(record.syscall);
    if (typeof record.message === 'string' && !messages.includes(record.message)) messages.push(record.message);
    visit(record.cause);
    const servers = (record.reason as { servers?: unknown } | undefined)?.servers;
    if (servers instanceof Map) for (const server of servers.values()) visit((server as { error?: unknown }).error);
  };
  visit(error);
  if (messages.length === 0) messages.push(String(error));
  return { names, codes, messages, syscalls };
}

/** The driver's words, without any secret we know of, any URI password, or anything key-shaped. */
export function scrubDriverMessage(message: string, secrets: readonly string[]): string {
  let text = message;
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('[redacted]');
  text = text.replace(/(mongodb(?:\+srv)?:\/\/)[^@/\s]*@/gi, '$1');
  return scrubServiceMessage(text);
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT', 'ENOTIMP', 'EREFUSED', 'EBADNAME']);
const tlsCode = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)|ALTNAME|HOSTNAME_MISMATCH/i;
const tlsMessage = /certificate|\bssl\b|\btls\b/i;
const authCodes = new Set<string | number>([8000, 18, 'AuthenticationFailed', 'AtlasError']);
const missingUser = /user\b.*\b(?:is )?not found|no such user|UserNotFound/i;
const timeoutCodes = new Set<string | number>(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The role ARN Atlas says it looked for: exactly what the database user must be (Atlas drops a role's path). */
function roleArnNamedIn(message: string): string | undefined {
  return /arn:aws(?:-us-gov|-cn)?:iam::\d{12}:role\/[\w+=,.@/-]+/.exec(message)?.[0];
}

/** `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION` → `arn:aws:iam::ACCT:role/ROLE`, as Atlas maps it. */
function roleArnOfAssumedRole(message: string): string | undefined {
  const assumed = /arn:(aws(?:-us-gov|-cn)?):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\//.exec(message);
  return assumed ? `arn:${assumed[1] ?? 'aws'}:iam::${assumed[2] ?? ''}:role/${assumed[3] ?? ''}` : undefined;
}

/**
 * Turns anything a connection test threw into one AtlasSsoError a person can act on.
 * Order matters: DNS and TLS failures also surface as server selection timeouts, so the specific cause wins.
 */
export function mongodbFailure(error: unknown, context: ConnectionFailureContext): AtlasSsoError {
  if (error instanceof AtlasSsoError) return error;
  const seconds = Math.round(context.timeoutMs / 1000);
  if (context.cancelled) return new AtlasSsoError('mongodb-cancelled', 'The connection test was cancelled.');
  const facts = factsOf(error);
  const said = scrubDriverMessage(facts.messages.join(' — '), context.secrets);
  const options = { cause: error, details: `${facts.names[0] ?? 'Error'}: ${said}` };
  const allText = [...facts.messages, ...facts.syscalls].join(' ');
  const has = (test: (code: string | number) => boolean): boolean => facts.codes.some(test);

  if (facts.names.some((name) => name === 'MongoParseError' || name === 'MongoInvalidArgumentError' || name === 'MongoAPIError' || name === 'MongoMissingCredentialsError')) {
    return new AtlasSsoError('mongodb-invalid-connection-string', `The connection string for ${context.address} is not usable: ${said.replace(/\.$/, '')}. Copy it again from Atlas → Connect.`, options);
  }
  if (has((code) => dnsCodes.has(String(code))) || /querySrv|queryTxt|getaddrinfo/.test(allText)) {
    return new AtlasSsoError('mongodb-dns', `Could not find the cluster address ${context.address} in DNS: check the cluster address (copy it again from Atlas → Connect), and your network or VPN.`, options);
  }
  if (has((code) => typeof code === 'string' && tlsCode.test(code)) || tlsMessage.test(allText)) {
    return new AtlasSsoError('mongodb-tls', `The secure (TLS) connection to ${context.address} failed (${said}): a proxy, VPN or antivirus may be intercepting TLS, or the certificate authority is not trusted.`, options);
  }
  if (has((code) => authCodes.has(code)) || /bad auth|authentication failed/i.test(allText)) {
    if (missingUser.test(allText)) {
      const roleArn = roleArnNamedIn(allText) ?? context.expectedUser ?? roleArnOfAssumedRole(allText);
      const who = roleArn === undefined ? 'your IAM role' : `role ${roleArn}`;
      return new AtlasSsoError('mongodb-no-database-user', `Atlas has no database user for ${who}: add it in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role, with that ARN.`, options);
    }
    return new AtlasSsoError('mongodb-auth-failed', `Atlas did not accept your AWS keys (they may have expired, or this computer's clock is off): sign in again. Atlas said: ${said}`, options);
  }
  if (has((code) => code === 13 || code === 'Unauthorized')) {
    return new AtlasSsoError('mongodb-not-authorized', `You are signed in to ${context.address}, but your database user may not do this: give it a role in Atlas → Database Access. Atlas said: ${said}`, options);
  }
  if (context.deadlinePassed) {
    return new AtlasSsoError('mongodb-timeout', `The connection test to ${context.address} did not finish within ${seconds} s: check your network, VPN or proxy, then try again.`, options);
  }
  if (has((code) => code === 'ECONNREFUSED')) {
    return new AtlasSsoError('mongodb-unreachable', `Nothing accepted the connection at ${context.address} (connection refused): check the cluster address and port, and that the cluster is not paused.`, options);
  }
  if (facts.names.includes('MongoServerSelectionError') || facts.names.includes('MongoNetworkTimeoutError') || has((code) => timeoutCodes.has(code))) {
    return new AtlasSsoError('mongodb-ip-access-list', `Could not reach the cluster at ${context.address} within ${seconds} s: most likely this computer's IP address is not on the Atlas IP access list (Atlas → Network Access), or a firewall or VPN blocks port 27017.`, options);
  }
  return new AtlasSsoError('mongodb-connection-failed', `The connection test to ${context.address} failed: ${said}`, options);
}
