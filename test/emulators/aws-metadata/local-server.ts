import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a metadata endpoint saw, secret-free: what the SDK asked for and whether it proved itself. */
export interface MetadataRequest {
  readonly method: string;
  readonly path: string;
  /** The request carried the right authorization token (ECS) or session token (IMDSv2). */
  readonly authorized: boolean;
}

/** Keys a metadata endpoint hands out, shaped like the STS emulator's `IssuedCredentials`. */
export interface ServedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly close: () => Promise<void>;
}

/** Serves `handle` on 127.0.0.1 at a port the OS picks; `close` also ends open keep-alive connections. */
export async function listenLocally(handle: (request: IncomingMessage, response: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Writes a reply with an exact length, as the metadata services do. */
export function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain'): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Metadata timestamps: ISO 8601 in UTC without milliseconds. */
export function metadataTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
