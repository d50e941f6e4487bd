import type { Document } from 'bson';
import { CommandError } from './command-error.js';
import { asNumber, cloneDocument, getPath, setPath, unsetPath, valuesEqual } from './values.js';

/** True when an update is made of `$` operators rather than being a replacement document. */
export function isOperatorUpdate(update: Document): boolean {
  return Object.keys(update).some((key) => key.startsWith('$'));
}

/**
 * Applies an update ($set, $inc, $unset, $setOnInsert, $push, $min, $max, or a replacement) to a copy of `document`.
 * `inserting` is true for the document an upsert creates, so $setOnInsert applies.
 */
export function applyUpdate(document: Document, update: unknown, inserting: boolean): Document {
  if (Array.isArray(update)) throw new CommandError(2, 'The emulator does not support pipeline-style updates.');
  if (update === null || typeof update !== 'object') throw new CommandError(14, 'Update must be a document');
  const spec = update as Document;
  if (!isOperatorUpdate(spec)) {
    const replacement = cloneDocument(spec);
    if (document._id !== undefined) {
      if (replacement._id !== undefined && !valuesEqual(replacement._id, document._id)) {
        throw new CommandError(2, "After applying the update, the (immutable) field '_id' was found to have been altered");
      }
      return { _id: document._id as unknown, ...replacement };
    }
    return replacement;
  }
  const result = cloneDocument(document);
  for (const [operator, fields] of Object.entries(spec)) {
    if (fields === null || typeof fields !== 'object') throw new CommandError(9, `Modifiers operate on fields but we found type ${typeof fields} instead`);
    for (const [path, operand] of Object.entries(fields as Document)) {
      if (path === '_id' && operator !== '$setOnInsert' && result._id !== undefined && !(operator === '$set' && valuesEqual(operand, result._id))) {
        throw new CommandError(2, "Performing an update on the path '_id' would modify the immutable field '_id'");
      }
      applyOperator(result, operator, path, operand, inserting);
    }
  }
  return result;
}

function applyOperator(document: Document, operator: string, path: string, operand: unknown, inserting: boolean): void {
  switch (operator) {
    case '$set':
      setPath(document, path, operand);
      return;
    case '$setOnInsert':
      if (inserting) setPath(document, path, operand);
      return;
    case '$unset':
      unsetPath(document, path);
      return;
    case '$inc': {
      const increment = asNumber(operand);
      const current = getPath(document, path);
      const base = current === undefined ? 0 : asNumber(current);
      if (increment === undefined) throw new CommandError(14, `Cannot increment with non-numeric argument: {${path}: ${String(operand)}}`);
      if (base === undefined) throw new CommandError(14, `Cannot apply $inc to a value of non-numeric type. {_id: ${String(document._id)}} has the field '${path}' of non-numeric type`);
      setPath(document, path, base + increment);
      return;
    }
    case '$push': {
      const current = getPath(document, path);
      if (current !== undefined && !Array.isArray(current)) throw new CommandError(2, `The field '${path}' must be an array`);
      setPath(document, path, [...((current as unknown[] | undefined) ?? []), operand]);
      return;
    }
    case '$min':
    case '$max': {
      const current = getPath(document, path);
      const currentNumber = asNumber(current);
      const operandNumber = asNumber(operand);
      const replace = current === undefined || (currentNumber !== undefined && operandNumber !== undefined && (operator === '$min' ? operandNumber < currentNumber : operandNumber > currentNumber));
      if (replace) setPath(document, path, operand);
      return;
    }
    default:
      throw new CommandError(9, `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
}

/** The document an upsert starts from: the equality fields of its filter (`{a: 1, 'b.c': 2}` or `{a: {$eq: 1}}`). */
export function upsertSeed(filter: Document | undefined): Document {
  const seed: Document = {};
  for (const [path, condition] of Object.entries(filter ?? {})) {
    if (path.startsWith('$')) continue;
    if (condition !== null && typeof condition === 'object' && Object.getPrototypeOf(condition) === Object.prototype) {
      const operators = Object.keys(condition as object);
      if (operators.length > 0 && operators.every((key) => key.startsWith('$'))) {
        if ('$eq' in (condition as Document)) setPath(seed, path, (condition as Document).$eq);
        continue;
      }
    }
    setPath(seed, path, condition);
  }
  return seed;
}
