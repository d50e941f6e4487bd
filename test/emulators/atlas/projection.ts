import type { Document } from 'bson';
import { CommandError } from './command-error.js';
import { cloneDocument, getPath, setPath, unsetPath } from './values.js';

/** Applies a find projection: inclusion or exclusion of top-level and dotted fields, `_id` kept unless excluded. */
export function applyProjection(document: Document, projection: Document | undefined): Document {
  if (projection === undefined || projection === null || Object.keys(projection).length === 0) return cloneDocument(document);
  const entries = Object.entries(projection);
  const fields = entries.filter(([path]) => path !== '_id');
  // `{_id: 1}` alone is an inclusion projection too.
  const including = fields.length === 0 ? isTruthy(projection._id) : fields.some(([, value]) => isTruthy(value));
  if (including && fields.some(([, value]) => !isTruthy(value))) {
    throw new CommandError(2, 'Cannot do exclusion on a field in an inclusion projection');
  }
  const keepId = projection._id === undefined || isTruthy(projection._id);
  if (!including) {
    const result = cloneDocument(document);
    for (const [path] of fields) unsetPath(result, path);
    if (!keepId) unsetPath(result, '_id');
    return result;
  }
  const source = cloneDocument(document);
  const result: Document = {};
  const id: unknown = source._id;
  if (keepId && id !== undefined) result._id = id;
  for (const [path] of fields) {
    const value = getPath(source, path);
    if (value !== undefined) setPath(result, path, value);
  }
  return result;
}

/** 1, true and other non-zero values include; 0 and false exclude. */
function isTruthy(value: unknown): boolean {
  return value !== 0 && value !== false;
}
