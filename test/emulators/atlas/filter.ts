import type { Document } from 'bson';
import { CommandError } from './command-error.js';
import { compareValues, getPathValues, sameTypeBracket, valuesEqual } from './values.js';

/** True when `document` matches a query filter (equality, comparison, $in/$nin, $exists, $and/$or/$nor). */
export function matchesFilter(document: Document, filter: Document | undefined): boolean {
  if (filter === undefined || filter === null) return true;
  return Object.entries(filter).every(([key, condition]) => matchesClause(document, key, condition));
}

function matchesClause(document: Document, key: string, condition: unknown): boolean {
  switch (key) {
    case '$and':
      return subFilters(key, condition).every((filter) => matchesFilter(document, filter));
    case '$or':
      return subFilters(key, condition).some((filter) => matchesFilter(document, filter));
    case '$nor':
      return !subFilters(key, condition).some((filter) => matchesFilter(document, filter));
    case '$comment':
      return true;
    default:
      if (key.startsWith('$')) throw new CommandError(2, `unknown top level operator: ${key}`);
      return matchesField(getPathValues(document, key), condition);
  }
}

function subFilters(operator: string, condition: unknown): Document[] {
  if (!Array.isArray(condition) || condition.length === 0) throw new CommandError(2, `${operator} must be a nonempty array`);
  return condition as Document[];
}

function isOperatorObject(condition: unknown): condition is Document {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition) || Object.getPrototypeOf(condition) !== Object.prototype) return false;
  const keys = Object.keys(condition);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** Candidates are what the path reaches, plus each element of reached arrays (MongoDB's implicit array match). */
function candidatesOf(values: readonly unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? [value, ...(value as unknown[])] : [value]));
}

function matchesField(values: readonly unknown[], condition: unknown): boolean {
  if (!isOperatorObject(condition)) return matchesEquality(values, condition);
  return Object.entries(condition).every(([operator, operand]) => matchesOperator(values, operator, operand, condition));
}

function matchesEquality(values: readonly unknown[], expected: unknown): boolean {
  if (expected === null) return values.length === 0 || candidatesOf(values).some((value) => value === null);
  if (expected instanceof RegExp) return candidatesOf(values).some((value) => typeof value === 'string' && expected.test(value));
  return candidatesOf(values).some((value) => valuesEqual(value, expected));
}

function matchesOperator(values: readonly unknown[], operator: string, operand: unknown, condition: Document): boolean {
  const candidates = candidatesOf(values);
  switch (operator) {
    case '$eq':
      return matchesEquality(values, operand);
    case '$ne':
      return !matchesEquality(values, operand);
    case '$gt':
      return candidates.some((value) => sameTypeBracket(value, operand) && compareValues(value, operand) > 0);
    case '$gte':
      return candidates.some((value) => sameTypeBracket(value, operand) && compareValues(value, operand) >= 0);
    case '$lt':
      return candidates.some((value) => sameTypeBracket(value, operand) && compareValues(value, operand) < 0);
    case '$lte':
      return candidates.some((value) => sameTypeBracket(value, operand) && compareValues(value, operand) <= 0);
    case '$in':
      return inList(operator, operand).some((expected) => matchesEquality(values, expected));
    case '$nin':
      return !inList(operator, operand).some((expected) => matchesEquality(values, expected));
    case '$exists':
      return (values.length > 0) === Boolean(operand);
    case '$regex': {
      const pattern = operand instanceof RegExp ? operand : new RegExp(String(operand), typeof condition.$options === 'string' ? condition.$options : '');
      return candidates.some((value) => typeof value === 'string' && pattern.test(value));
    }
    case '$options':
      return true;
    case '$not':
      return !matchesField(values, operand);
    default:
      throw new CommandError(2, `unknown operator: ${operator}`);
  }
}

function inList(operator: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new CommandError(2, `${operator} needs an array`);
  return operand as unknown[];
}
