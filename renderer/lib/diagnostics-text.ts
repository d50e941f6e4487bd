import type { ApiError } from '../../core/api.js';

/**
 * What "Copy diagnostics" puts on the clipboard: the error as the host reported it (host messages never hold a
 * secret) and the host's own secret-free diagnostics; nothing from the page's memory, which may hold copied keys.
 */
export function diagnosticsText(error: ApiError, hostDiagnostics: string | null): string {
  return [
    'Atlas SSO diagnostics',
    `Error code: ${error.code}`,
    `Message: ${error.message}`,
    ...(error.details === undefined ? [] : [`Details: ${error.details}`]),
    '',
    hostDiagnostics ?? '(The host did not answer with its diagnostics.)',
  ].join('\n');
}
