import type { Document } from 'bson';
import { Long } from 'bson';
import { CommandError } from './command-error.js';

/** The batch size mongod uses for a first batch when the client gives none. */
const defaultFirstBatchSize = 101;

interface OpenCursor {
  readonly namespace: string;
  readonly owner: string | null;
  readonly remaining: Document[];
}

/** A cursor reply document as find/aggregate/listCollections/getMore answer it. */
export interface CursorReply {
  readonly id: Long;
  readonly ns: string;
  readonly firstBatch?: Document[];
  readonly nextBatch?: Document[];
}

/** Server-side cursors over already-computed results, paged by batchSize like mongod's. */
export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private nextId = 1n;

  /** Returns the first batch, keeping a cursor open when more remain; `owner` is the user who may page it. */
  open(namespace: string, results: readonly Document[], batchSize: number | undefined, owner: string | null): CursorReply {
    const size = batchSize ?? defaultFirstBatchSize;
    const firstBatch = results.slice(0, size);
    const remaining = results.slice(size);
    if (remaining.length === 0) return { id: Long.ZERO, ns: namespace, firstBatch };
    const id = this.nextId;
    this.nextId += 1n;
    this.cursors.set(id.toString(), { namespace, owner, remaining });
    return { id: Long.fromBigInt(id), ns: namespace, firstBatch };
  }

  /** The next batch of an open cursor; fails like mongod for an unknown cursor or another namespace or user. */
  getMore(id: Long, namespace: string, batchSize: number | undefined, owner: string | null): CursorReply {
    const key = id.toString();
    const cursor = this.cursors.get(key);
    if (!cursor) throw new CommandError(43, `cursor id ${key} not found`);
    if (cursor.owner !== owner) throw new CommandError(13, `cursor id ${key} was not created by the authenticated user`);
    if (cursor.namespace !== namespace) throw new CommandError(13, `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`);
    const nextBatch = cursor.remaining.splice(0, batchSize ?? cursor.remaining.length);
    if (cursor.remaining.length > 0) return { id, ns: namespace, nextBatch };
    this.cursors.delete(key);
    return { id: Long.ZERO, ns: namespace, nextBatch };
  }

  /** Closes the caller's cursors; another user's cursor counts as not found. */
  kill(ids: readonly Long[], owner: string | null): { readonly cursorsKilled: Long[]; readonly cursorsNotFound: Long[] } {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const id of ids) {
      const key = id.toString();
      const owned = this.cursors.get(key)?.owner === owner && this.cursors.delete(key);
      (owned ? cursorsKilled : cursorsNotFound).push(id);
    }
    return { cursorsKilled, cursorsNotFound };
  }
}
