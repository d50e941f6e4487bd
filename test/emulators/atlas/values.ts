import type { Document } from 'bson';
import { Binary, Decimal128, deserialize, serialize, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';

/** Reads a dotted path (`a.b.c`) from a document; undefined when any step is missing. */
export function getPath(document: unknown, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Every value a dotted path reaches, walking into arrays on the way like MongoDB's matcher. */
export function getPathValues(document: unknown, path: string): unknown[] {
  const [head = '', ...rest] = path.split('.');
  if (document === null || typeof document !== 'object') return [];
  if (Array.isArray(document) && !/^\d+$/.test(head)) return document.flatMap((item) => getPathValues(item, path));
  const value = (document as Record<string, unknown>)[head];
  if (value === undefined) return [];
  return rest.length === 0 ? [value] : getPathValues(value, rest.join('.'));
}

/** Sets a dotted path, creating intermediate documents. */
export function setPath(document: Document, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  let target: Record<string, unknown> = document;
  for (const key of keys) {
    const next = target[key];
    if (next === null || typeof next !== 'object') target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[last] = value;
}

/** Removes a dotted path if present. */
export function unsetPath(document: Document, path: string): void {
  const keys = path.split('.');
  const last = keys.pop() ?? path;
  const parent = keys.length === 0 ? document : getPath(document, keys.join('.'));
  if (parent !== null && typeof parent === 'object') Reflect.deleteProperty(parent, last);
}

/** The value as a JS number when it is any BSON number, else undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Int32 || value instanceof Double) return value.valueOf();
  if (value instanceof Decimal128) return Number(value.toString());
  return undefined;
}

/** MongoDB's cross-type sort order (null before numbers before strings …). */
function typeRank(value: unknown): number {
  if (value instanceof MinKey) return 0;
  if (value === null || value === undefined) return 1;
  if (asNumber(value) !== undefined) return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (value instanceof Binary) return 6;
  if (value instanceof ObjectId) return 7;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (value instanceof Timestamp) return 10;
  if (value instanceof RegExp) return 11;
  if (value instanceof MaxKey) return 12;
  return 4;
}

/** Compares two BSON values in MongoDB order: negative, zero or positive. */
export function compareValues(left: unknown, right: unknown): number {
  const rankDifference = typeRank(left) - typeRank(right);
  if (rankDifference !== 0) return rankDifference;
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== undefined && rightNumber !== undefined) return leftNumber - rightNumber;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (left instanceof Date && right instanceof Date) return left.getTime() - right.getTime();
  if (left instanceof ObjectId && right instanceof ObjectId) return left.toHexString().localeCompare(right.toHexString());
  if (left instanceof Timestamp && right instanceof Timestamp) return left.compare(right);
  if (left instanceof Binary && right instanceof Binary) return Buffer.compare(Buffer.from(left.buffer), Buffer.from(right.buffer));
  if (Array.isArray(left) && Array.isArray(right)) return compareSequences(left, right);
  if (left !== null && typeof left === 'object' && right !== null && typeof right === 'object') {
    return compareSequences(Object.entries(left).flat(), Object.entries(right).flat());
  }
  return 0;
}

function compareSequences(left: readonly unknown[], right: readonly unknown[]): number {
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = compareValues(left[index], right[index]);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** True when both values sort in the same type bracket: comparison operators match only within one. */
export function sameTypeBracket(left: unknown, right: unknown): boolean {
  return typeRank(left) === typeRank(right);
}

/** BSON equality as the matcher sees it (1 equals 1.0 equals Long(1)). */
export function valuesEqual(left: unknown, right: unknown): boolean {
  return sameTypeBracket(left, right) && compareValues(left, right) === 0;
}

/** A deep copy through BSON (keeps ObjectId, Long… classes), so the store never shares objects with a client. */
export function cloneDocument(document: Document): Document {
  return deserialize(serialize(document));
}
