import type { Document } from 'bson';
import { ObjectId } from 'bson';
import { arrayArgument, collectionArgument, countArgument, documentArgument } from './command-arguments.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { CommandError } from './command-error.js';
import { matchesFilter } from './filter.js';
import type { WriteError } from './store.js';
import { applyUpdate, isOperatorUpdate, upsertSeed } from './update.js';
import { valuesEqual } from './values.js';

/** A write reply: ok:1 with `writeErrors` when some statements failed, as mongod answers. */
function writeReply(fields: Document, writeErrors: readonly WriteError[]): Document {
  return writeErrors.length === 0 ? { ...fields, ok: 1 } : { ...fields, writeErrors, ok: 1 };
}

/** Runs each statement of a batch; an ordered batch stops at the first failing one. */
function eachStatement(statements: readonly Document[], ordered: boolean, run: (statement: Document, index: number) => void): WriteError[] {
  const writeErrors: WriteError[] = [];
  for (const [index, statement] of statements.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      writeErrors.push({ index, code: error.code, errmsg: error.message });
      if (ordered) break;
    }
  }
  return writeErrors;
}

function insert(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'insert');
  const { inserted, writeErrors } = context.server.store.insert(context.db, collection, arrayArgument(command, 'documents'), command.ordered !== false);
  return writeReply({ n: inserted }, writeErrors);
}

function update(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'update');
  const { store } = context.server;
  let matched = 0;
  let modified = 0;
  const upserted: { index: number; _id: unknown }[] = [];
  const writeErrors = eachStatement(arrayArgument(command, 'updates'), command.ordered !== false, (statement, index) => {
    const filter = documentArgument(statement, 'q');
    const change: unknown = statement.u;
    if (statement.multi === true && change !== null && typeof change === 'object' && !Array.isArray(change) && !isOperatorUpdate(change)) {
      throw new CommandError(9, 'multi update is not supported for replacement-style update');
    }
    const documents = store.collection(context.db, collection, false);
    const targets = documents.filter((document) => matchesFilter(document, filter));
    const chosen = statement.multi === true ? targets : targets.slice(0, 1);
    if (chosen.length === 0 && statement.upsert === true) {
      const created = applyUpdate(upsertSeed(filter), change, true);
      const stored = { _id: (created._id as unknown) ?? new ObjectId(), ...created };
      store.collection(context.db, collection, true).push(stored);
      upserted.push({ index, _id: stored._id });
      return;
    }
    for (const document of chosen) {
      const updated = applyUpdate(document, change, false);
      matched += 1;
      if (!valuesEqual(updated, document)) modified += 1;
      documents[documents.indexOf(document)] = updated;
    }
  });
  return writeReply({ n: matched + upserted.length, nModified: modified, ...(upserted.length > 0 ? { upserted } : {}) }, writeErrors);
}

function remove(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'delete');
  const documents = context.server.store.collection(context.db, collection, false);
  let removed = 0;
  const writeErrors = eachStatement(arrayArgument(command, 'deletes'), command.ordered !== false, (statement) => {
    const limit = countArgument(statement, 'limit') ?? 0;
    const filter = documentArgument(statement, 'q');
    const targets = documents.filter((document) => matchesFilter(document, filter));
    for (const document of limit === 1 ? targets.slice(0, 1) : targets) {
      documents.splice(documents.indexOf(document), 1);
      removed += 1;
    }
  });
  return writeReply({ n: removed }, writeErrors);
}

function create(command: Document, context: CommandContext): Document {
  context.server.store.createCollection(context.db, collectionArgument(command, 'create'));
  return { ok: 1 };
}

function drop(command: Document, context: CommandContext): Document {
  const collection = collectionArgument(command, 'drop');
  const existed = context.server.store.dropCollection(context.db, collection);
  return existed ? { nIndexesWas: 1, ns: `${context.db}.${collection}`, ok: 1 } : { ok: 1 };
}

function dropDatabase(_command: Document, context: CommandContext): Document {
  context.server.store.dropDatabase(context.db);
  return { dropped: context.db, ok: 1 };
}

/** Commands that change data or collections. */
export const writeCommands: Readonly<Record<string, CommandHandler>> = {
  insert: { access: ['write'], run: insert },
  update: { access: ['write'], run: update },
  delete: { access: ['write'], run: remove },
  create: { access: ['manage'], run: create },
  drop: { access: ['manage'], run: drop },
  dropDatabase: { access: ['manage'], run: dropDatabase },
};
