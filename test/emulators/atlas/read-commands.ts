import type { Document } from 'bson';
import { pipelineWrites, runPipeline } from './aggregate.js';
import { arrayArgument, collectionArgument, countArgument, cursorIdArgument, documentArgument } from './command-arguments.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { CommandError } from './command-error.js';
import { matchesFilter } from './filter.js';
import { applyProjection } from './projection.js';
import { sortDocuments } from './sort.js';

/** Documents of `db.collection` matching a filter (an empty list for a missing collection, like mongod). */
function matching(context: CommandContext, collection: string, filter: Document | undefined): Document[] {
  return context.server.store.collection(context.db, collection, false).filter((document) => matchesFilter(document, filter));
}

function cursorReply(context: CommandContext, collection: string, results: readonly Document[], batchSize: number | undefined, singleBatch = false): Document {
  const namespace = `${context.db}.${collection}`;
  const owner = context.connection.user?.arn ?? null;
  const cursor = singleBatch ? context.server.cursors.open(namespace, results, results.length, owner) : context.server.cursors.open(namespace, results, batchSize, owner);
  return { cursor, ok: 1 };
}

function find(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'find');
  const skip = countArgument(command, 'skip') ?? 0;
  const limit = countArgument(command, 'limit') ?? 0;
  const sorted = sortDocuments(matching(context, collection, documentArgument(command, 'filter')), documentArgument(command, 'sort'));
  const window = sorted.slice(skip, limit === 0 ? undefined : skip + Math.abs(limit));
  const projection = documentArgument(command, 'projection');
  const results = window.map((document) => applyProjection(document, projection));
  return cursorReply(context, collection, results, countArgument(command, 'batchSize'), command.singleBatch === true || limit < 0);
}

function getMore(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'collection');
  const id = cursorIdArgument(command.getMore);
  const cursor = context.server.cursors.getMore(id, `${context.db}.${collection}`, countArgument(command, 'batchSize'), context.connection.user?.arn ?? null);
  return { cursor, ok: 1 };
}

function killCursors(command: Document, context: CommandContext): Document {
  collectionArgument(command, 'killCursors');
  const ids = arrayArgument(command, 'cursors').map(cursorIdArgument);
  return { ...context.server.cursors.kill(ids, context.connection.user?.arn ?? null), cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'count');
  const skip = countArgument(command, 'skip') ?? 0;
  const limit = countArgument(command, 'limit') ?? 0;
  const total = Math.max(0, matching(context, collection, documentArgument(command, 'query')).length - skip);
  return { n: limit === 0 ? total : Math.min(total, Math.abs(limit)), ok: 1 };
}

function aggregate(command: Document, context: CommandContext): Document {
  if (typeof command.aggregate !== 'string') throw new CommandError(2, 'The Atlas emulator supports aggregate on a collection only, not {aggregate: 1}.');
  const collection = collectionArgument(command, 'aggregate');
  const pipeline = arrayArgument(command, 'pipeline');
  if (pipelineWrites(pipeline)) throw new CommandError(2, 'The Atlas emulator does not support $out or $merge.');
  const cursorOptions = documentArgument(command, 'cursor');
  if (cursorOptions === undefined && command.explain !== true) throw new CommandError(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const results = runPipeline(matching(context, collection, undefined), pipeline);
  return cursorReply(context, collection, results, cursorOptions === undefined ? undefined : countArgument(cursorOptions, 'batchSize'));
}

function listCollections(command: Document, context: CommandContext): Document {
  const entries = context.server.store
    .collectionNames(context.db)
    .map((name) => ({ name, type: 'collection', options: {}, info: { readOnly: false }, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } }))
    .filter((entry) => matchesFilter(entry, documentArgument(command, 'filter')))
    .map((entry) => (command.nameOnly === true ? { name: entry.name, type: entry.type } : entry));
  const cursorOptions = documentArgument(command, 'cursor');
  return cursorReply(context, '$cmd.listCollections', entries, cursorOptions === undefined ? undefined : countArgument(cursorOptions, 'batchSize'));
}

function listIndexes(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'listIndexes');
  if (!context.server.store.collectionNames(context.db).includes(collection)) throw new CommandError(26, `ns does not exist: ${context.db}.${collection}`);
  return cursorReply(context, collection, [{ v: 2, key: { _id: 1 }, name: '_id_' }], undefined);
}

/** Commands that read data or metadata. */
export const readCommands: Readonly<Record<string, CommandHandler>> = {
  find: { access: ['read'], run: find },
  getMore: { access: ['read'], run: getMore },
  killCursors: { access: 'authenticated', run: killCursors },
  count: { access: ['read'], run: count },
  aggregate: { access: ['read'], run: aggregate },
  listCollections: { access: ['read', 'manage'], run: listCollections },
  listIndexes: { access: ['read', 'manage'], run: listIndexes },
};
