import type { z } from 'zod';
import { looksLikeSecretKey } from './schema.js';

const shownIssues = 8;

/** One line per problem, each naming the field path (`connections[0].idpUrl: must start with https://`), never a value. */
export function describeIssues(error: z.ZodError): string {
  const lines = error.issues.flatMap((issue): readonly string[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        `${fieldPath([...issue.path, key])}: ${looksLikeSecretKey(key) ? 'looks like a secret, and connections never hold a secret: remove it' : 'is not a known field: remove it or check its spelling'}`,
      );
    }
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return [`${fieldPath(issue.path)}: ${message}`];
  });
  const more = lines.length - shownIssues;
  return [...lines.slice(0, shownIssues), ...(more > 0 ? [`…and ${more} more`] : [])].join('\n');
}

/** `connections[0].accountAliases["12"]`, as people read paths. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
