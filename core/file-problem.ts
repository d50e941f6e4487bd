import path from 'node:path';

/**
 * What stopped a file read or write, in words rather than an errno code: "No such file: /x", "Permission denied: /x".
 * For a write, a missing file means its folder is missing.
 */
export function fileProblem(file: string, error: unknown, access: 'read' | 'write' = 'read'): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return access === 'read' ? `No such file: ${file}` : `No such folder: ${path.dirname(file)}`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: ${file}`;
    case 'EISDIR':
      return `${file} is a folder, not a file`;
    default:
      return `Could not ${access} ${file}${code === undefined ? '' : ` (${code})`}`;
  }
}
