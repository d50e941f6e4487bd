import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../emulators/atlas/aggregate.js';
import { CommandError } from '../../emulators/atlas/command-error.js';
import { matchesFilter } from '../../emulators/atlas/filter.js';
import { applyProjection } from '../../emulators/atlas/projection.js';
import { sortDocuments } from '../../emulators/atlas/sort.js';
import { applyUpdate, upsertSeed } from '../../emulators/atlas/update.js';

const docs = [
  { _id: 1, name: 'a', qty: 5, tags: ['x', 'y'], address: { city: 'Oslo' } },
  { _id: 2, name: 'b', qty: 15, tags: ['y'], address: { city: 'Rome' } },
  { _id: 3, name: 'c', qty: null },
  { _id: 4, name: 'd', qty: 'ten' },
];

const ids = (filter: object): unknown[] => docs.filter((doc) => matchesFilter(doc, filter)).map((doc) => doc._id);

describe('matchesFilter', () => {
  it('matches equality on top-level and dotted fields, and inside arrays', () => {
    expect(ids({ name: 'b' })).toEqual([2]);
    expect(ids({ 'address.city': 'Oslo' })).toEqual([1]);
    expect(ids({ tags: 'y' })).toEqual([1, 2]);
    expect(ids({ tags: ['y'] })).toEqual([2]);
  });

  it('compares within a type only ($gt/$lt do not match strings against numbers)', () => {
    expect(ids({ qty: { $gt: 4 } })).toEqual([1, 2]);
    expect(ids({ qty: { $gte: 5, $lt: 15 } })).toEqual([1]);
    expect(ids({ qty: { $lte: 100 } })).toEqual([1, 2]);
  });

  it('supports $in, $nin, $ne, $exists, null, $or, $and, $nor, $regex, $not', () => {
    expect(ids({ name: { $in: ['a', 'c'] } })).toEqual([1, 3]);
    expect(ids({ name: { $nin: ['a', 'c'] } })).toEqual([2, 4]);
    expect(ids({ name: { $ne: 'a' } })).toEqual([2, 3, 4]);
    expect(ids({ address: { $exists: true } })).toEqual([1, 2]);
    expect(ids({ address: { $exists: false } })).toEqual([3, 4]);
    expect(ids({ qty: null })).toEqual([3]);
    expect(ids({ missing: null })).toEqual([1, 2, 3, 4]);
    expect(ids({ $or: [{ name: 'a' }, { qty: 15 }] })).toEqual([1, 2]);
    expect(ids({ $and: [{ tags: 'y' }, { qty: { $gt: 10 } }] })).toEqual([2]);
    expect(ids({ $nor: [{ name: 'a' }, { name: 'b' }] })).toEqual([3, 4]);
    expect(ids({ name: { $regex: '^[ab]$' } })).toEqual([1, 2]);
    expect(ids({ name: /^[cd]/ })).toEqual([3, 4]);
    expect(ids({ qty: { $not: { $gt: 10 } } })).toEqual([1, 3, 4]);
  });

  it('treats 5, 5.0 and ObjectIds by value', () => {
    const id = new ObjectId();
    expect(matchesFilter({ _id: id }, { _id: new ObjectId(id.toHexString()) })).toBe(true);
    expect(matchesFilter({ n: 5 }, { n: 5.0 })).toBe(true);
  });

  it('refuses unknown operators with BadValue', () => {
    expect(() => ids({ qty: { $near: 1 } })).toThrow(CommandError);
    expect(() => ids({ $where: 'true' })).toThrow(/unknown top level operator/);
  });
});

describe('applyProjection', () => {
  it('includes, excludes, handles dotted paths and _id', () => {
    const [doc = {}] = docs;
    expect(applyProjection(doc, { name: 1 })).toEqual({ _id: 1, name: 'a' });
    expect(applyProjection(doc, { _id: 0, 'address.city': 1 })).toEqual({ address: { city: 'Oslo' } });
    expect(applyProjection(doc, { tags: 0, address: 0, qty: 0 })).toEqual({ _id: 1, name: 'a' });
    expect(applyProjection(doc, { _id: 1 })).toEqual({ _id: 1 });
    expect(() => applyProjection(doc, { name: 1, qty: 0 })).toThrow(/exclusion/);
  });
});

describe('sortDocuments', () => {
  it('sorts across types in MongoDB order, by several keys, stably', () => {
    expect(sortDocuments(docs, { qty: 1 }).map((doc): unknown => doc._id)).toEqual([3, 1, 2, 4]);
    expect(sortDocuments([{ a: 1, b: 2 }, { a: 1, b: 1 }, { a: 0, b: 3 }], { a: -1, b: 1 })).toEqual([{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 0, b: 3 }]);
    expect(() => sortDocuments(docs, { qty: 2 })).toThrow(CommandError);
  });
});

describe('applyUpdate', () => {
  it('applies $set, $inc, $unset, $push, $min, $max on copies', () => {
    const original = { _id: 1, a: 1, nested: { b: 2 } };
    expect(applyUpdate(original, { $set: { 'nested.c': 3 }, $inc: { a: 2, fresh: 1 }, $unset: { 'nested.b': '' } }, false)).toEqual({ _id: 1, a: 3, fresh: 1, nested: { c: 3 } });
    expect(original).toEqual({ _id: 1, a: 1, nested: { b: 2 } });
    expect(applyUpdate({ _id: 1, l: [1], n: 5 }, { $push: { l: 2 }, $min: { n: 3 } }, false)).toEqual({ _id: 1, l: [1, 2], n: 3 });
    expect(applyUpdate({ _id: 1, n: 5 }, { $max: { n: 3 } }, false)).toEqual({ _id: 1, n: 5 });
  });

  it('replaces whole documents keeping _id, and protects _id', () => {
    expect(applyUpdate({ _id: 7, a: 1 }, { b: 2 }, false)).toEqual({ _id: 7, b: 2 });
    expect(() => applyUpdate({ _id: 7 }, { _id: 8 }, false)).toThrow(/immutable/);
    expect(() => applyUpdate({ _id: 7 }, { $set: { _id: 8 } }, false)).toThrow(/immutable/);
    expect(() => applyUpdate({ _id: 7, s: 'x' }, { $inc: { s: 1 } }, false)).toThrow(/non-numeric/);
    expect(() => applyUpdate({ _id: 7 }, { $rename: { a: 'b' } }, false)).toThrow(/Unknown modifier/);
  });

  it('builds upserts from the filter equalities and $setOnInsert', () => {
    const seed = upsertSeed({ sku: 'x', 'dim.h': 2, qty: { $gt: 1 }, color: { $eq: 'red' }, $or: [{ a: 1 }] });
    expect(seed).toEqual({ sku: 'x', dim: { h: 2 }, color: 'red' });
    expect(applyUpdate(seed, { $setOnInsert: { created: true }, $set: { qty: 1 } }, true)).toEqual({ sku: 'x', dim: { h: 2 }, color: 'red', created: true, qty: 1 });
    expect(applyUpdate({ _id: 1 }, { $setOnInsert: { created: true } }, false)).toEqual({ _id: 1 });
  });
});

describe('runPipeline', () => {
  const sales = [
    { region: 'EU', amount: 10, item: 'a' },
    { region: 'US', amount: 5, item: 'b' },
    { region: 'EU', amount: 7, item: 'c' },
  ];

  it('runs $match, $group with $sum/$avg/$min/$max/$push, and $sort', () => {
    expect(
      runPipeline(sales, [
        { $match: { amount: { $gt: 1 } } },
        { $group: { _id: '$region', total: { $sum: '$amount' }, n: { $sum: 1 }, avg: { $avg: '$amount' }, low: { $min: '$amount' }, high: { $max: '$amount' }, items: { $push: '$item' } } },
        { $sort: { total: -1 } },
      ]),
    ).toEqual([
      { _id: 'EU', total: 17, n: 2, avg: 8.5, low: 7, high: 10, items: ['a', 'c'] },
      { _id: 'US', total: 5, n: 1, avg: 5, low: 5, high: 5, items: ['b'] },
    ]);
  });

  it('runs $project (with field references), $skip, $limit, $count, $addFields, $unset', () => {
    expect(runPipeline(sales, [{ $project: { _id: 0, where: '$region', amount: 1 } }, { $skip: 1 }, { $limit: 1 }])).toEqual([{ amount: 5, where: 'US' }]);
    expect(runPipeline(sales, [{ $match: { region: 'EU' } }, { $count: 'eu' }])).toEqual([{ eu: 2 }]);
    expect(runPipeline(sales, [{ $match: { region: 'nowhere' } }, { $count: 'n' }])).toEqual([]);
    expect(runPipeline([{ a: 1, b: 2 }], [{ $addFields: { c: '$a', d: { $literal: '$x' } } }, { $unset: 'b' }])).toEqual([{ a: 1, c: 1, d: '$x' }]);
    expect(runPipeline(sales, [{ $group: { _id: null, n: { $count: {} } } }])).toEqual([{ _id: null, n: 3 }]);
  });

  it('refuses stages and expressions it does not know', () => {
    expect(() => runPipeline(sales, [{ $lookup: {} }])).toThrow(/Unrecognized pipeline stage/);
    expect(() => runPipeline(sales, [{ $project: { x: { $concat: ['a'] } } }])).toThrow(/Unrecognized expression/);
    expect(() => runPipeline(sales, [{ $match: {}, $limit: 1 }])).toThrow(/exactly one field/);
  });
});
