/** Raw HTTP as any client could send it (any Host, Origin or Sec-Fetch-Site): what the server's guards must withstand. */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { sessionHeaderName } from '../../../core/api.js';

export interface RawReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export async function sendRaw(port: number, options: { readonly method?: string; readonly path: string; readonly headers?: Readonly<Record<string, string>>; readonly body?: string | Buffer }): Promise<RawReply> {
  return await new Promise<RawReply>((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const ownPage = (port: number): Record<string, string> => ({ Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' });

/** Trades a one-time launch token for the session, as the page does on its first load; the session to send after. */
export async function openSession(port: number, token: string): Promise<string> {
  const reply = await sendRaw(port, { method: 'POST', path: '/api/session', headers: { 'X-Atlas-Sso-Token': token, ...ownPage(port) } });
  const session = reply.status === 200 ? (JSON.parse(reply.body) as { session?: unknown }).session : undefined;
  if (typeof session !== 'string') throw new Error(`The launch token was refused (HTTP ${reply.status}): ${reply.body}`);
  return session;
}

/** The header a page sends its session in. */
export function sessionHeader(session: string): Record<string, string> {
  return { [sessionHeaderName]: session };
}

/** `POST /api/<name>` with the session, as the page sends it. */
export async function callApi(port: number, session: string, name: string, params: unknown): Promise<RawReply> {
  return await sendRaw(port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', ...sessionHeader(session), ...ownPage(port) },
    body: JSON.stringify(params),
  });
}
