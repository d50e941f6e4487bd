import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { MetadataRequest, ServedCredentials } from './local-server.js';
import { listenLocally } from '../listen-locally.js';
import { metadataTime, send } from './local-server.js';

export interface InstanceMetadataOptions {
  /** The instance profile's role name, listed under iam/security-credentials/. */
  readonly roleName: string;
  /** Its keys, asked for at each request. */
  readonly credentials: () => ServedCredentials;
}

export interface InstanceMetadataEndpoint {
  /** Set AWS_EC2_METADATA_SERVICE_ENDPOINT to this. */
  readonly endpoint: string;
  readonly requests: readonly MetadataRequest[];
  close(): Promise<void>;
}

const credentialsPath = '/latest/meta-data/iam/security-credentials/';

/**
 * EC2's instance metadata service in IMDSv2-only mode on 127.0.0.1: PUT /latest/api/token (with a TTL header) gives a
 * session token; every GET must carry it in X-aws-ec2-metadata-token, else 401, as on an instance that requires IMDSv2.
 */
export async function startInstanceMetadataEndpoint(options: InstanceMetadataOptions): Promise<InstanceMetadataEndpoint> {
  const tokens = new Set<string>();
  const requests: MetadataRequest[] = [];
  const hasToken = (request: IncomingMessage): boolean => {
    const token = request.headers['x-aws-ec2-metadata-token'];
    return typeof token === 'string' && tokens.has(token);
  };
  const server = await listenLocally((request, response) => {
    const path = request.url ?? '';
    if (request.method === 'PUT' && path === '/latest/api/token') {
      const ttl = Number(request.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      requests.push({ method: 'PUT', path, authorized: true });
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21_600) {
        send(response, 400, 'Bad Request');
        return;
      }
      const token = randomBytes(32).toString('base64');
      tokens.add(token);
      send(response, 200, token);
      return;
    }
    const authorized = hasToken(request);
    requests.push({ method: request.method ?? '', path, authorized });
    if (request.method !== 'GET') {
      send(response, 405, 'Method Not Allowed');
    } else if (!authorized) {
      send(response, 401, 'Unauthorized');
    } else if (path === credentialsPath) {
      send(response, 200, options.roleName);
    } else if (path === `${credentialsPath}${options.roleName}`) {
      const keys = options.credentials();
      send(response, 200, JSON.stringify({
        Code: 'Success',
        LastUpdated: metadataTime(new Date()),
        Type: 'AWS-HMAC',
        AccessKeyId: keys.accessKeyId,
        SecretAccessKey: keys.secretAccessKey,
        Token: keys.sessionToken,
        Expiration: metadataTime(keys.expiration),
      }));
    } else {
      send(response, 404, 'Not Found');
    }
  });
  return { endpoint: server.origin, requests, close: server.close };
}
