import path from 'node:path';
import { appHost, appScheme, parseUrl } from './app-origin.js';

export type AppFileResolution =
  | { readonly ok: true; readonly filePath: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 };

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The file of dist/renderer an app:// URL names, or a refusal: another host, an encoded or plain `..`, a backslash,
 * a NUL or an unknown kind of file is refused, so the handler can never serve anything outside the UI folder.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): AppFileResolution {
  const url = parseUrl(requestUrl);
  if (url === undefined || url.protocol !== `${appScheme}:` || url.host !== appHost) return { ok: false, status: 403 };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { ok: false, status: 400 };
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..')) return { ok: false, status: 403 };
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { ok: false, status: 403 };
  const contentType = contentTypes[path.extname(filePath).toLowerCase()];
  if (contentType === undefined) return { ok: false, status: 404 };
  return { ok: true, filePath, contentType };
}
