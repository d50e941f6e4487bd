import { AtlasSsoError } from '../errors.js';
import type { InstanceRecord } from './single-instance.js';

/** What a later `atlas-sso ui` asks the running one for: a new app window, a browser tab, or a fresh link to print. */
export type InstanceRequest = 'app' | 'tab' | 'link';

/**
 * Asks the running `atlas-sso ui` for a page, with the key from its private instance file. For 'link' it answers with
 * a fresh one-time link; otherwise it opens the page itself, so the link never leaves that process but in its private redirect file.
 */
export async function askRunningInstance(record: InstanceRecord, kind: InstanceRequest, timeoutMs = 10_000): Promise<{ readonly launchUrl?: string }> {
  let response: Response;
  try {
    response = await fetch(`${record.origin}/api/instance`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Atlas-Sso-Token': record.key },
      body: JSON.stringify({ kind }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new AtlasSsoError('host-unexpected', `Atlas SSO is already running (process ${record.pid}) but did not answer at ${record.origin}: stop it (Ctrl-C in its terminal) and try again.`, { cause: error });
  }
  const body = (await response.json().catch(() => undefined)) as { readonly ok?: boolean; readonly value?: { readonly launchUrl?: unknown }; readonly error?: { readonly message?: unknown } } | undefined;
  if (!response.ok || body?.ok !== true) {
    const reason = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
    throw new AtlasSsoError('host-open-failed', `Atlas SSO is already running at ${record.origin} but could not open a window: ${reason}`);
  }
  const launchUrl = body.value?.launchUrl;
  return typeof launchUrl === 'string' ? { launchUrl } : {};
}
