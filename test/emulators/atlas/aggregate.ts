import type { Document } from 'bson';
import { EJSON } from 'bson';
import { CommandError } from './command-error.js';
import { matchesFilter } from './filter.js';
import { applyProjection } from './projection.js';
import { sortDocuments } from './sort.js';
import { asNumber, cloneDocument, compareValues, getPath, setPath, unsetPath } from './values.js';

/** Runs a basic aggregation pipeline ($match, $project, $addFields/$set, $unset, $sort, $skip, $limit, $count, $group). */
export function runPipeline(documents: readonly Document[], pipeline: readonly Document[]): Document[] {
  let current: Document[] = [...documents];
  for (const stage of pipeline) {
    const entries = Object.entries(stage);
    const [entry] = entries;
    if (entries.length !== 1 || entry === undefined) throw new CommandError(40323, 'A pipeline stage specification object must contain exactly one field.');
    current = runStage(current, entry[0], entry[1]);
  }
  return current;
}

/** The $out and $merge stages write; everything else only reads. */
export function pipelineWrites(pipeline: readonly Document[]): boolean {
  return pipeline.some((stage) => '$out' in stage || '$merge' in stage);
}

function runStage(documents: Document[], name: string, spec: unknown): Document[] {
  switch (name) {
    case '$match':
      return documents.filter((document) => matchesFilter(document, spec as Document));
    case '$project':
      return documents.map((document) => project(document, spec as Document));
    case '$addFields':
    case '$set':
      return documents.map((document) => {
        const result = cloneDocument(document);
        for (const [path, expression] of Object.entries(spec as Document)) setPath(result, path, evaluate(document, expression));
        return result;
      });
    case '$unset': {
      const paths = Array.isArray(spec) ? (spec as unknown[]).map(String) : [String(spec)];
      return documents.map((document) => {
        const result = cloneDocument(document);
        for (const path of paths) unsetPath(result, path);
        return result;
      });
    }
    case '$sort':
      return sortDocuments(documents, spec as Document);
    case '$skip':
      return documents.slice(nonNegative(name, spec));
    case '$limit':
      return documents.slice(0, nonNegative(name, spec));
    case '$count':
      if (typeof spec !== 'string' || spec === '' || spec.startsWith('$')) throw new CommandError(2, 'the count field must be a non-empty string that does not start with $');
      return documents.length === 0 ? [] : [{ [spec]: documents.length }];
    case '$group':
      return group(documents, spec as Document);
    default:
      throw new CommandError(2, `Unrecognized pipeline stage name: '${name}' (the Atlas emulator supports a basic subset)`);
  }
}

function nonNegative(stage: string, value: unknown): number {
  const number = asNumber(value);
  if (number === undefined || number < 0 || !Number.isInteger(number)) throw new CommandError(2, `invalid argument to ${stage} stage: expected a non-negative integer`);
  return number;
}

function project(document: Document, spec: Document): Document {
  const flags: Document = {};
  const computed: [string, unknown][] = [];
  for (const [path, value] of Object.entries(spec) as [string, unknown][]) {
    if (value === 0 || value === 1 || typeof value === 'boolean') flags[path] = value;
    else computed.push([path, value]);
  }
  if (computed.length === 0) return applyProjection(document, flags);
  const result = applyProjection(document, { ...flags, ...Object.fromEntries(computed.map(([path]) => [path, 1])) });
  for (const [path, expression] of computed) setPath(result, path, evaluate(document, expression));
  return result;
}

/** Evaluates an aggregation expression: `$path` references, `{$literal}`, nested documents and arrays, else the literal. */
function evaluate(document: Document, expression: unknown): unknown {
  if (typeof expression === 'string') return expression.startsWith('$') ? getPath(document, expression.slice(1)) : expression;
  if (Array.isArray(expression)) return expression.map((item) => evaluate(document, item));
  if (expression !== null && typeof expression === 'object' && Object.getPrototypeOf(expression) === Object.prototype) {
    const entries = Object.entries(expression);
    const [first] = entries;
    if (entries.length === 1 && first !== undefined && first[0] === '$literal') return first[1];
    if (first !== undefined && first[0].startsWith('$')) throw new CommandError(2, `Unrecognized expression '${first[0]}' (the Atlas emulator supports a basic subset)`);
    return Object.fromEntries(entries.map(([key, value]) => [key, evaluate(document, value)]));
  }
  return expression;
}

interface Group {
  readonly id: unknown;
  readonly members: Document[];
}

function group(documents: readonly Document[], spec: Document): Document[] {
  if (!('_id' in spec)) throw new CommandError(2, "a group specification must include an _id");
  const groups = new Map<string, Group>();
  for (const document of documents) {
    const id = evaluate(document, spec._id) ?? null;
    const key = EJSON.stringify({ id }, { relaxed: false });
    const existing = groups.get(key);
    if (existing) existing.members.push(document);
    else groups.set(key, { id, members: [document] });
  }
  return [...groups.values()].map(({ id, members }) => {
    const result: Document = { _id: id };
    for (const [field, accumulator] of Object.entries(spec)) {
      if (field !== '_id') result[field] = accumulate(field, accumulator, members);
    }
    return result;
  });
}

function accumulate(field: string, accumulator: unknown, members: readonly Document[]): unknown {
  const entries: [string, unknown][] = accumulator !== null && typeof accumulator === 'object' ? Object.entries(accumulator) : [];
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) throw new CommandError(2, `The field '${field}' must be an accumulator object`);
  const [operator, expression] = entry;
  const values = members.map((member) => evaluate(member, expression));
  const numbers = values.map(asNumber).filter((value): value is number => value !== undefined);
  const present = values.filter((value) => value !== undefined && value !== null);
  switch (operator) {
    case '$sum':
      return numbers.reduce((total, value) => total + value, 0);
    case '$count':
      return members.length;
    case '$avg':
      return numbers.length === 0 ? null : numbers.reduce((total, value) => total + value, 0) / numbers.length;
    case '$min':
      return present.length === 0 ? null : present.reduce((best, value) => (compareValues(value, best) < 0 ? value : best));
    case '$max':
      return present.length === 0 ? null : present.reduce((best, value) => (compareValues(value, best) > 0 ? value : best));
    case '$first':
      return values[0] ?? null;
    case '$last':
      return values.at(-1) ?? null;
    case '$push':
      return present;
    default:
      throw new CommandError(2, `unknown group operator '${operator}'`);
  }
}
