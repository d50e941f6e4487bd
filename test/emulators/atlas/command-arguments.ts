import type { Document } from 'bson';
import { Long } from 'bson';
import { CommandError } from './command-error.js';
import { asNumber } from './values.js';

/** The collection a command names in its first field (`{find: 'orders'}`), checked to be a string. */
export function collectionArgument(command: Document, name: string): string {
  const value: unknown = command[name];
  if (typeof value !== 'string' || value === '') throw new CommandError(73, `collection name has invalid type ${typeof value}`);
  return value;
}

/** An optional document argument (filter, sort, projection…). */
export function documentArgument(command: Document, name: string): Document | undefined {
  const value: unknown = command[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new CommandError(14, `BSON field '${name}' is the wrong type '${typeof value}', expected type 'object'`);
  return value;
}

/** An optional non-negative integer argument (skip, limit, batchSize). */
export function countArgument(command: Document, name: string): number | undefined {
  const value: unknown = command[name];
  if (value === undefined || value === null) return undefined;
  const number = asNumber(value);
  if (number === undefined || !Number.isInteger(number)) throw new CommandError(14, `BSON field '${name}' must be an integer`);
  return number;
}

/** A required array argument (documents, updates, deletes, pipeline), possibly sent as an OP_MSG document sequence. */
export function arrayArgument(command: Document, name: string): Document[] {
  const value: unknown = command[name];
  if (!Array.isArray(value)) throw new CommandError(14, `BSON field '${name}' is missing or not an array`);
  return value as Document[];
}

/** A cursor id, which arrives as a number or a Long depending on its size. */
export function cursorIdArgument(value: unknown): Long {
  if (value instanceof Long) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return Long.fromNumber(value);
  if (typeof value === 'bigint') return Long.fromBigInt(value);
  throw new CommandError(14, 'cursor id must be a 64-bit integer');
}
