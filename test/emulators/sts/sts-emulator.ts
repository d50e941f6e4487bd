import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { signinAcsLocation } from './aws-names.js';
import { listenLocally } from '../listen-locally.js';
import type { RegisteredProvider, RegisteredRole } from './assume-role-with-saml.js';
import { assumeRoleWithSaml } from './assume-role-with-saml.js';
import type { OidcProvider } from './assume-role-with-web-identity.js';
import { assumeRoleWithWebIdentity } from './assume-role-with-web-identity.js';
import type { IssuedCredentials } from './issued-credentials.js';
import { newCredentials } from './issued-credentials.js';
import { verifySigV4 } from './sigv4.js';
import { StsError } from './sts-error.js';
import type { Reply } from './sts-replies.js';
import { assumeRoleWithSamlReply, assumeRoleWithWebIdentityReply, errorReply, getCallerIdentityReply, unrelatedReply } from './sts-replies.js';

export type { RegisteredProvider, RegisteredRole } from './assume-role-with-saml.js';
export type { OidcProvider } from './assume-role-with-web-identity.js';
export type { IssuedCredentials } from './issued-credentials.js';

export interface StsEmulatorOptions {
  /** SAML providers registered in IAM. */
  readonly providers: readonly RegisteredProvider[];
  readonly roles: readonly RegisteredRole[];
  /** Recipients accepted besides every AWS sign-in ACS URL (global, regional, GovCloud, China). */
  readonly acceptedRecipients?: readonly string[];
  /** OIDC providers registered in IAM, for AssumeRoleWithWebIdentity (EKS service accounts); roles opt in with `trustedWebIdentities`. */
  readonly oidcProviders?: readonly OidcProvider[];
  /** The emulator's "now"; default the system clock. */
  readonly clock?: () => Date;
  /**
   * The regions this endpoint serves (as `sts.REGION.amazonaws.com` serves one): a GetCallerIdentity signed for
   * another is refused as AWS refuses it. Default: us-east-1 only, the region of the global endpoint.
   */
  readonly regions?: readonly [string, ...string[]];
}

export type StsFault =
  | { readonly kind: 'throttle' }
  | { readonly kind: 'internal-error' }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'expired' }
  | { readonly kind: 'reset' }
  /** 200 with an unrelated XML body. */
  | { readonly kind: 'wrong-body' };

export interface StsEmulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every key handed out (SAML, web identity, `issueFor`), by access key id: GetCallerIdentity answers for each. */
  readonly issued: ReadonlyMap<string, IssuedCredentials>;
  /** Credentials for a role without a SAML round trip (for tests of later steps, e.g. the Atlas emulator). */
  issueFor(roleArn: string, sessionName: string, durationSeconds?: number): IssuedCredentials;
  /** Queue a fault for the next `times` requests (default 1). */
  injectFault(fault: StsFault, times?: number): void;
  /** Server-side handling time (ms) of each request answered, in order (for benches). */
  readonly handlingTimesMs: readonly number[];
  /** Every request received, secret-free. */
  readonly requests: readonly { readonly action: string; readonly at: Date }[];
  close(): Promise<void>;
}

const stsVersion = '2011-06-15';
/** The region the global endpoint sts.amazonaws.com signs for. */
const defaultRegions = ['us-east-1'] as const;
/** Far above any real STS request (a 100,000-character assertion, form-encoded); stops runaway bodies. */
const maxBodyBytes = 1024 * 1024;
const roleArnShape = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]+$/;
const providerArnShape = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:saml-provider\/[\w.-]+$/;

/** Any https AWS sign-in SAML endpoint, in any partition or region, as AWS accepts for Recipient. */
function isAwsSigninAcs(url: string): boolean {
  return signinAcsLocation(url) !== undefined;
}

function checkOptions(options: StsEmulatorOptions): void {
  for (const provider of options.providers) {
    if (!providerArnShape.test(provider.principalArn)) throw new TypeError(`Not a SAML provider ARN: ${provider.principalArn}`);
  }
  for (const role of options.roles) {
    if (!roleArnShape.test(role.roleArn)) throw new TypeError(`Not a role ARN: ${role.roleArn}`);
    const max = role.maxSessionDuration ?? 3600;
    if (!Number.isInteger(max) || max < 3600 || max > 43200) throw new TypeError(`MaxSessionDuration must be 3600..43200 seconds (IAM's range), got ${max}.`);
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new StsError('RequestEntityTooLarge', 'The request body is too large.', 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Raw header pairs, so a header sent twice is seen twice (SigV4 joins them). */
function headerPairs(request: IncomingMessage): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) pairs.push([request.rawHeaders[i] ?? '', request.rawHeaders[i + 1] ?? '']);
  return pairs;
}

function faultReply(fault: StsFault, action: string, requestId: string, json: boolean): Reply | undefined {
  switch (fault.kind) {
    case 'throttle':
      return errorReply(new StsError('Throttling', 'Rate exceeded', 400), requestId, json);
    case 'internal-error':
      return errorReply(new StsError('InternalFailure', 'An internal error occurred. Try again.', 500, 'Receiver'), requestId, json);
    case 'expired':
      return errorReply(action === 'AssumeRoleWithSAML' || action === 'AssumeRoleWithWebIdentity'
        ? new StsError('ExpiredTokenException', action === 'AssumeRoleWithSAML' ? 'Token must be redeemed within 5 minutes of issuance' : 'Token expired', 400)
        : new StsError('ExpiredToken', 'The security token included in the request is expired', 403), requestId, json);
    case 'wrong-body':
      return unrelatedReply();
    case 'slow':
    case 'reset':
      return undefined;
  }
}

/** Starts an STS that speaks the Query protocol on 127.0.0.1 (port picked by the OS) and checks like AWS. Logs nothing. */
export async function startStsEmulator(options: StsEmulatorOptions): Promise<StsEmulator> {
  checkOptions(options);
  const clock = options.clock ?? (() => new Date());
  const extraRecipients = options.acceptedRecipients ?? [];
  const isAcceptedRecipient = (url: string): boolean => extraRecipients.includes(url) || isAwsSigninAcs(url);
  const issued = new Map<string, IssuedCredentials>();
  const handlingTimesMs: number[] = [];
  const requests: { action: string; at: Date }[] = [];
  const faults: { fault: StsFault; remaining: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const remember = (credentials: IssuedCredentials): IssuedCredentials => {
    issued.set(credentials.accessKeyId, credentials);
    return credentials;
  };

  const nextFault = (): StsFault | undefined => {
    const head = faults[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  };

  const delay = (ms: number): Promise<void> => new Promise((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      resolve();
    }, ms);
    timers.add(timer);
  });

  const answer = (request: IncomingMessage, params: URLSearchParams, body: Buffer, action: string, requestId: string, json: boolean): Reply => {
    const version = params.get('Version');
    if (version !== null && version !== stsVersion) throw new StsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);
    switch (action) {
      case 'AssumeRoleWithSAML': {
        const assumed = assumeRoleWithSaml(params, { providers: options.providers, roles: options.roles, isAcceptedRecipient, now: clock() });
        remember(assumed.credentials);
        return assumeRoleWithSamlReply(assumed.credentials, assumed.assertion, assumed.nameQualifier, requestId);
      }
      case 'AssumeRoleWithWebIdentity': {
        const assumed = assumeRoleWithWebIdentity(params, { oidcProviders: options.oidcProviders ?? [], roles: options.roles, now: clock() });
        remember(assumed.credentials);
        return assumeRoleWithWebIdentityReply(assumed, requestId);
      }
      case 'GetCallerIdentity': {
        const [path = '/', query = ''] = (request.url ?? '/').split(/\?(.*)/s);
        const now = clock();
        const verdict = verifySigV4({ method: request.method ?? 'POST', path, query, headers: headerPairs(request), body }, {
          now,
          service: 'sts',
          regions: options.regions ?? defaultRegions,
          secretFor: (accessKeyId) => {
            const credentials = issued.get(accessKeyId);
            return credentials && { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken };
          },
        });
        if (!verdict.ok) throw new StsError(verdict.code, verdict.message, verdict.status);
        const credentials = issued.get(verdict.accessKeyId);
        if (credentials === undefined || credentials.expiration.getTime() <= now.getTime()) {
          throw new StsError('ExpiredToken', 'The security token included in the request is expired', 403);
        }
        return getCallerIdentityReply(credentials, requestId, json);
      }
      default:
        throw new StsError('InvalidAction', `Could not find operation ${action} for version ${version ?? stsVersion}`, 400);
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = randomUUID();
    const json = (request.headers.accept ?? '').includes('application/json');
    let reply: Reply;
    try {
      const body = await readBody(request);
      const params = new URLSearchParams((request.url ?? '').split('?')[1] ?? '');
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
      const action = params.get('Action') ?? '';
      requests.push({ action, at: clock() });
      const fault = nextFault();
      if (fault?.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (fault?.kind === 'slow') await delay(fault.delayMs);
      reply = (fault && faultReply(fault, action, requestId, json)) ?? answer(request, params, body, action, requestId, json);
    } catch (error) {
      reply = errorReply(error instanceof StsError ? error : new StsError('InternalFailure', 'An internal error occurred.', 500, 'Receiver'), requestId, json);
    }
    response.writeHead(reply.status, {
      'Content-Type': reply.contentType,
      'Content-Length': Buffer.byteLength(reply.body),
      'x-amzn-RequestId': requestId,
      Date: clock().toUTCString(),
    });
    response.end(reply.body);
    handlingTimesMs.push(performance.now() - started);
  };

  const local = await listenLocally((request, response) => {
    void handle(request, response);
  });

  return {
    url: local.origin,
    issued,
    handlingTimesMs,
    requests,
    issueFor(roleArn, sessionName, durationSeconds = 3600) {
      if (!roleArnShape.test(roleArn)) throw new TypeError(`Not a role ARN: ${roleArn}`);
      return remember(newCredentials(roleArn, sessionName, new Date(clock().getTime() + durationSeconds * 1000)));
    },
    injectFault(fault, times = 1) {
      faults.push({ fault, remaining: times });
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return local.close();
    },
  };
}
