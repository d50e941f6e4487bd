import type { Document } from 'bson';
import { ObjectId } from 'bson';
import { CommandError } from './command-error.js';
import { cloneDocument, valuesEqual } from './values.js';

/** Initial sample data: database → collection → documents. */
export type SampleData = Readonly<Record<string, Readonly<Record<string, readonly Document[]>>>>;

/** One write error in an insert/update/delete reply, indexed like the batch it came from. */
export interface WriteError {
  readonly index: number;
  readonly code: number;
  readonly errmsg: string;
}

const invalidDatabaseCharacters = /[/\\. "$\0]/;

/** The in-memory databases: plain arrays of documents per collection, enough for tests and demos. */
export class DataStore {
  private readonly databases = new Map<string, Map<string, Document[]>>();

  constructor(data: SampleData = {}) {
    for (const [database, collections] of Object.entries(data)) {
      for (const [collection, documents] of Object.entries(collections)) {
        const target = this.collection(database, collection, true);
        for (const document of documents) target.push(withId(document));
      }
    }
  }

  /** The names of databases that hold at least one collection. */
  databaseNames(): string[] {
    return [...this.databases.entries()].filter(([, collections]) => collections.size > 0).map(([name]) => name).sort();
  }

  /** The collection names of a database (none when it does not exist). */
  collectionNames(database: string): string[] {
    return [...(this.databases.get(database)?.keys() ?? [])].sort();
  }

  /** Rough size of a database in bytes, for listDatabases. */
  sizeOfDatabase(database: string): number {
    let size = 0;
    for (const documents of this.databases.get(database)?.values() ?? []) size += JSON.stringify(documents).length;
    return size;
  }

  /** The live array of a collection; when missing, `create` stores a new one, else a detached empty array is returned. */
  collection(database: string, name: string, create: boolean): Document[] {
    checkNamespace(database, name);
    let collections = this.databases.get(database);
    if (!collections) {
      collections = new Map();
      if (create) this.databases.set(database, collections);
    }
    let documents = collections.get(name);
    if (!documents) {
      documents = [];
      if (create) collections.set(name, documents);
    }
    return documents;
  }

  /** Creates an empty collection; fails like mongod when it exists. */
  createCollection(database: string, name: string): void {
    if (this.databases.get(database)?.has(name)) throw new CommandError(48, `Collection ${database}.${name} already exists.`);
    this.collection(database, name, true);
  }

  /** Drops a collection; false when there was none. */
  dropCollection(database: string, name: string): boolean {
    const collections = this.databases.get(database);
    const existed = collections?.delete(name) ?? false;
    if (collections && collections.size === 0) this.databases.delete(database);
    return existed;
  }

  /** Drops a whole database. */
  dropDatabase(database: string): void {
    this.databases.delete(database);
  }

  /** Inserts documents in order, stopping at the first error when `ordered`; returns the count and the errors. */
  insert(database: string, name: string, documents: readonly Document[], ordered: boolean): { readonly inserted: number; readonly writeErrors: WriteError[] } {
    const target = this.collection(database, name, true);
    const writeErrors: WriteError[] = [];
    let inserted = 0;
    for (const [index, document] of documents.entries()) {
      const stored = withId(document);
      if (target.some((existing) => valuesEqual(existing._id, stored._id))) {
        writeErrors.push({ index, code: 11000, errmsg: `E11000 duplicate key error collection: ${database}.${name} index: _id_ dup key: { _id: ${String(stored._id)} }` });
        if (ordered) break;
        continue;
      }
      target.push(stored);
      inserted += 1;
    }
    return { inserted, writeErrors };
  }
}

/** A copy of the document with an `_id` first, generated when missing, as mongod stores it. */
function withId(document: Document): Document {
  const copy = cloneDocument(document);
  const { _id, ...rest } = copy;
  return { _id: (_id as unknown) ?? new ObjectId(), ...rest };
}

function checkNamespace(database: string, collection: string): void {
  if (database === '' || invalidDatabaseCharacters.test(database)) throw new CommandError(73, `Invalid database name: '${database}'`);
  if (collection === '' || collection.startsWith('$') || collection.includes('\0')) throw new CommandError(73, `Invalid collection name: '${collection}'`);
}
