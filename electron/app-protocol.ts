import { readFile } from 'node:fs/promises';
import type { Session } from 'electron';
import { protocol } from 'electron';
import { appScheme } from '../core/desktop/app-origin.js';
import { appResponseHeaders } from '../core/desktop/app-headers.js';
import { resolveAppFile } from '../core/desktop/app-file-path.js';

/** Must run before `app.whenReady()`: app:// gets a real origin (standard) and counts as a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

/** Serves the built UI (dist/renderer) on app://atlas-sso in the app window's session, with the CSP on every answer. */
export function serveAppUi(appSession: Session, rendererDir: string): void {
  appSession.protocol.handle(appScheme, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: appResponseHeaders });
    const file = resolveAppFile(rendererDir, request.url);
    if (!file.ok) return new Response(null, { status: file.status, headers: appResponseHeaders });
    try {
      return new Response(await readFile(file.filePath), { status: 200, headers: { ...appResponseHeaders, 'Content-Type': file.contentType } });
    } catch {
      return new Response(null, { status: 404, headers: appResponseHeaders });
    }
  });
}
