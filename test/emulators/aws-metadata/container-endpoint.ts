import { randomUUID } from 'node:crypto';
import type { MetadataRequest, ServedCredentials } from './local-server.js';
import { listenLocally } from '../listen-locally.js';
import { metadataTime, send } from './local-server.js';

export interface ContainerEndpointOptions {
  /** The task role's keys, asked for at each request (so a test can rotate them). */
  readonly credentials: () => ServedCredentials;
  /** The role ARN ECS reports beside the keys. */
  readonly roleArn: string;
  /** The token the agent expects in `Authorization` (AWS_CONTAINER_AUTHORIZATION_TOKEN / _FILE); default a random one. */
  readonly authorizationToken?: string;
}

export interface ContainerEndpoint {
  /** Set AWS_CONTAINER_CREDENTIALS_FULL_URI to this. */
  readonly fullUri: string;
  readonly authorizationToken: string;
  readonly requests: readonly MetadataRequest[];
  close(): Promise<void>;
}

/**
 * The ECS / EKS Pod Identity container credentials endpoint on 127.0.0.1: GET on the full URI with the exact
 * `Authorization` token answers the task role's keys as JSON; anything else gets the agent's 401 / 404.
 */
export async function startContainerEndpoint(options: ContainerEndpointOptions): Promise<ContainerEndpoint> {
  const authorizationToken = options.authorizationToken ?? randomUUID();
  const path = `/v2/credentials/${randomUUID()}`;
  const requests: MetadataRequest[] = [];
  const server = await listenLocally((request, response) => {
    const authorized = request.headers.authorization === authorizationToken;
    requests.push({ method: request.method ?? '', path: request.url ?? '', authorized });
    if (request.method !== 'GET' || request.url !== path) {
      send(response, 404, JSON.stringify({ code: 'NotFound', message: 'Not found' }), 'application/json');
      return;
    }
    if (!authorized) {
      send(response, 401, JSON.stringify({ code: 'AccessDenied', message: 'Authorization token is missing or invalid' }), 'application/json');
      return;
    }
    const keys = options.credentials();
    send(response, 200, JSON.stringify({
      AccessKeyId: keys.accessKeyId,
      SecretAccessKey: keys.secretAccessKey,
      Token: keys.sessionToken,
      Expiration: metadataTime(keys.expiration),
      RoleArn: options.roleArn,
    }), 'application/json');
  });
  return { fullUri: `${server.origin}${path}`, authorizationToken, requests, close: server.close };
}
