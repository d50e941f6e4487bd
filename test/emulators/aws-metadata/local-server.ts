import type { ServerResponse } from 'node:http';

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


/** Writes a reply with an exact length, as the metadata services do. */
export function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain'): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/** Metadata timestamps: ISO 8601 in UTC without milliseconds. */
export function metadataTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
