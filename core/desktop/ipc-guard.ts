import type { ApiHandlers, Reply, RequestName, RequestResult } from '../api.js';
import { isRequestName } from '../api.js';
import { parseParams, runRequest } from '../session/api-dispatch.js';
import { isAppUrl } from './app-origin.js';

/** One IPC channel per request, derived from its name; events all go down one channel. */
export const ipcChannelPrefix = 'atlas-sso:';
export const ipcEventChannel = 'atlas-sso:event';

export function ipcChannelOf(name: RequestName): string {
  return `${ipcChannelPrefix}${name}`;
}

/** Who sent an IPC message, as read off Electron's `event.senderFrame`: null when the frame is gone. */
export interface IpcSenderFrame {
  readonly url: string;
  /** True when the frame is its page's main frame (frame.parent === null). */
  readonly isTopFrame: boolean;
}

/** Only our UI's top frame may call the host: not a subframe, not file:, not http:, not another app:// host. */
export function isTrustedSender(frame: IpcSenderFrame | null): boolean {
  return frame !== null && frame.isTopFrame && isAppUrl(frame.url);
}

/**
 * The one wrapper every IPC handler goes through: checks the sender, parses the params with the request's schema,
 * runs the handler, and always answers with a value (only an Error's message would survive `ipcMain.handle`).
 */
export async function handleIpcRequest<N extends RequestName>(handlers: ApiHandlers, name: N, frame: IpcSenderFrame | null, raw: unknown): Promise<Reply<RequestResult<N>>> {
  if (!isRequestName(name)) return refusal('There is no such request.');
  if (!isTrustedSender(frame)) return refusal('This window is not allowed to talk to Atlas SSO.');
  const params = parseParams(name, raw);
  if (!params.ok) return params;
  return runRequest(handlers, name, params.value);
}

function refusal(message: string): { readonly ok: false; readonly error: { readonly code: 'host-unexpected'; readonly message: string } } {
  return { ok: false, error: { code: 'host-unexpected', message } };
}
