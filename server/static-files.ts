import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The built UI's file for a URL path, never outside `root`; paths without an extension get index.html (the UI routes
 * itself). Undefined when there is no such file.
 */
export async function readUiFile(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = path.resolve(root);
  const wanted = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (wanted !== base && !wanted.startsWith(`${base}${path.sep}`)) return undefined;
  const file = (await isFile(wanted)) ? wanted : path.extname(wanted) === '' ? path.join(base, 'index.html') : undefined;
  if (file === undefined || !(await isFile(file))) return undefined;
  return { body: await readFile(file), contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() === true;
}
