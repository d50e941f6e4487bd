import type { Document } from 'mongodb';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { loadTestTls, startAtlasEmulator } from '../../emulators/atlas/index.js';
import type { IssuedCredentials, StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';
import { withLastCharacterChanged } from '../../support/tamper.js';

const writerRole = 'arn:aws:iam::111122223333:role/atlas-writer';
const readerRole = 'arn:aws:iam::111122223333:role/atlas-reader';
const adminRole = 'arn:aws:iam::111122223333:role/atlas-admin';
const strangerRole = 'arn:aws:iam::111122223333:role/no-database-user';

const sampleOrders = [
  { _id: 1, region: 'EU', total: 120, customer: { tier: 'gold' } },
  { _id: 2, region: 'US', total: 80, customer: { tier: 'silver' } },
  { _id: 3, region: 'EU', total: 45, customer: { tier: 'silver' } },
  { _id: 4, region: 'APAC', total: 300, customer: { tier: 'gold' } },
  { _id: 5, region: 'US', total: 15 },
];

let sts: StsEmulator;
let atlas: AtlasEmulator;
const clients: MongoClient[] = [];

/** A driver client that signs with `credentials` through AWS_CREDENTIAL_PROVIDER (the driver refuses keys in the URI). */
function clientFor(uri: string, credentials: Pick<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>): MongoClient {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 5000,
    authMechanismProperties: {
      AWS_CREDENTIAL_PROVIDER: () =>
        Promise.resolve({
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          sessionToken: credentials.sessionToken,
          expiration: credentials.expiration,
        }),
    },
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  sts = await startStsEmulator({ providers: [], roles: [] });
  atlas = await startAtlasEmulator({
    stsUrl: sts.url,
    users: [
      { arn: writerRole, roles: [{ role: 'readWrite', db: 'sales' }] },
      { arn: readerRole, roles: [{ role: 'read', db: 'sales' }] },
      { arn: adminRole, roles: [{ role: 'atlasAdmin', db: 'admin' }] },
    ],
    data: { sales: { orders: sampleOrders }, hr: { people: [{ name: 'Ada' }] } },
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await atlas.close();
  await sts.close();
});

describe('Atlas emulator with the mongodb driver (MONGODB-AWS)', () => {
  it('authenticates an assumed role as its IAM role ARN and reports it in connectionStatus', async () => {
    const client = clientFor(atlas.uri, sts.issueFor(writerRole, 'alice@example.com'));
    const status = await client.db('admin').command({ connectionStatus: 1 });
    expect(status.authInfo).toEqual({
      authenticatedUsers: [{ user: writerRole, db: '$external' }],
      authenticatedUserRoles: [{ role: 'readWrite', db: 'sales' }],
    });
    expect(atlas.authentications).toContainEqual({ user: writerRole, ok: true });
  });

  it('runs find with filters, projection, sort, skip, limit and small batches (getMore)', async () => {
    const orders = clientFor(atlas.uri, sts.issueFor(readerRole, 'bob')).db('sales').collection('orders');
    expect(await orders.find({ region: 'EU' }, { projection: { _id: 1 } }).sort({ total: -1 }).toArray()).toEqual([{ _id: 1 }, { _id: 3 }]);
    expect(await orders.find({ total: { $gt: 50, $lt: 200 } }).project({ _id: 0, total: 1 }).sort({ total: 1 }).toArray()).toEqual([{ total: 80 }, { total: 120 }]);
    expect(await orders.find({ 'customer.tier': 'gold' }).project({ _id: 1 }).toArray()).toEqual([{ _id: 1 }, { _id: 4 }]);
    expect(await orders.find({ region: { $in: ['APAC', 'US'] }, customer: { $exists: false } }).project({ _id: 1 }).toArray()).toEqual([{ _id: 5 }]);
    expect((await orders.find({}, { batchSize: 2 }).sort({ _id: 1 }).skip(1).limit(3).toArray()).map((order) => order._id)).toEqual([2, 3, 4]);
    expect((await orders.find({}, { batchSize: 2 }).toArray()).length).toBe(5);
    expect(await orders.countDocuments({ region: 'US' })).toBe(2);
    expect(await orders.estimatedDocumentCount()).toBe(5);
  });

  it('pages cursors with getMore and lets only their owner kill them', async () => {
    const sales = clientFor(atlas.uri, sts.issueFor(readerRole, 'bob')).db('sales');
    const { cursor } = (await sales.command({ find: 'orders', batchSize: 2 })) as { cursor: { id: unknown; firstBatch: unknown[] } };
    const cursorId = cursor.id;
    expect(cursor.firstBatch).toHaveLength(2);
    expect(await sales.command({ getMore: cursorId, collection: 'orders', batchSize: 1 })).toMatchObject({ cursor: { nextBatch: [{ _id: 3 }] } });
    const other = clientFor(atlas.uri, sts.issueFor(writerRole, 'alice')).db('sales');
    expect(await other.command({ killCursors: 'orders', cursors: [cursorId] })).toMatchObject({ cursorsKilled: [], cursorsNotFound: [cursorId] });
    await expect(other.command({ getMore: cursorId, collection: 'orders' })).rejects.toMatchObject({ code: 13 });
    expect(await sales.command({ killCursors: 'orders', cursors: [cursorId] })).toMatchObject({ cursorsKilled: [cursorId] });
    await expect(sales.command({ getMore: cursorId, collection: 'orders' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('inserts, updates (set, inc, unset, upsert, multi), deletes and aggregates for a readWrite user', async () => {
    const db = clientFor(atlas.uri, sts.issueFor(writerRole, 'alice')).db('sales');
    const scratch = db.collection<Document>('scratch');
    await scratch.insertMany([{ sku: 'a', qty: 1, tag: 'x' }, { sku: 'b', qty: 2, tag: 'x' }, { sku: 'c', qty: 3, tag: 'y' }]);
    expect(await scratch.updateOne({ sku: 'a' }, { $inc: { qty: 10 }, $set: { 'meta.seen': true } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await scratch.updateMany({ tag: 'x' }, { $unset: { tag: '' } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const upsert = await scratch.updateOne({ sku: 'd' }, { $set: { qty: 4 } }, { upsert: true });
    expect(upsert.upsertedCount).toBe(1);
    expect(await scratch.findOne({ sku: 'a' }, { projection: { _id: 0 } })).toEqual({ sku: 'a', qty: 11, meta: { seen: true } });
    expect(await scratch.findOne({ sku: 'd' }, { projection: { _id: 0 } })).toEqual({ sku: 'd', qty: 4 });
    expect(await scratch.countDocuments({ tag: { $exists: true } })).toBe(1);
    expect(await scratch.deleteMany({ qty: { $lt: 4 } })).toMatchObject({ deletedCount: 2 });
    expect(await scratch.countDocuments()).toBe(2);

    const totals = await db
      .collection('orders')
      .aggregate([{ $match: { total: { $gt: 20 } } }, { $group: { _id: '$region', total: { $sum: '$total' }, orders: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(totals).toEqual([
      { _id: 'APAC', total: 300, orders: 1 },
      { _id: 'EU', total: 165, orders: 2 },
      { _id: 'US', total: 80, orders: 1 },
    ]);
    expect(await db.collection('orders').aggregate([{ $match: { region: 'EU' } }, { $count: 'n' }]).toArray()).toEqual([{ n: 2 }]);
    await scratch.drop();
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['orders']);
  });

  it('lists only the databases a user has a role on (atlasAdmin sees all)', async () => {
    const writer = clientFor(atlas.uri, sts.issueFor(writerRole, 'alice'));
    expect((await writer.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name)).toEqual(['sales']);
    const admin = clientFor(atlas.uri, sts.issueFor(adminRole, 'root'));
    expect((await admin.db('admin').admin().listDatabases()).databases.map((d) => d.name)).toEqual(['hr', 'sales']);
    expect(await admin.db('hr').collection('people').findOne({}, { projection: { _id: 0 } })).toEqual({ name: 'Ada' });
  });

  it('refuses writes to a read-only user and reads of another database with code 13 Unauthorized', async () => {
    const db = clientFor(atlas.uri, sts.issueFor(readerRole, 'bob')).db('sales');
    const insert = db.collection('orders').insertOne({ region: 'EU' });
    await expect(insert).rejects.toBeInstanceOf(MongoServerError);
    await expect(insert).rejects.toMatchObject({ code: 13, codeName: 'Unauthorized' });
    await expect(db.client.db('hr').collection('people').findOne({})).rejects.toMatchObject({ code: 13 });
  });

  it('refuses commands before authentication with code 13, but answers hello and ping', async () => {
    const anonymous = new MongoClient(atlas.uri.replace(/&authSource=[^&]*&authMechanism=MONGODB-AWS/, ''), { serverSelectionTimeoutMS: 5000 });
    clients.push(anonymous);
    expect(await anonymous.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    await expect(anonymous.db('sales').collection('orders').findOne({})).rejects.toMatchObject({ code: 13, errmsg: 'Command find requires authentication' });
  });

  it("answers 8000 'bad auth : user … is not found' for a role with no database user", async () => {
    const client = clientFor(atlas.uri, sts.issueFor(strangerRole, 'eve'));
    await expect(client.connect()).rejects.toMatchObject({ code: 8000, codeName: 'AtlasError', errmsg: `bad auth : user ${strangerRole} is not found` });
    expect(atlas.authentications).toContainEqual({ user: strangerRole, ok: false, reason: `bad auth : user ${strangerRole} is not found` });
  });

  it("answers 8000 'bad auth : aws sts call has response 403' for a tampered secret, and logs no secret", async () => {
    const issued = sts.issueFor(writerRole, 'mallory');
    const tampered = { ...issued, secretAccessKey: withLastCharacterChanged(issued.secretAccessKey) };
    await expect(clientFor(atlas.uri, tampered).connect()).rejects.toMatchObject({ code: 8000, errmsg: 'bad auth : aws sts call has response 403' });
    const seen = JSON.stringify(atlas.authentications);
    expect(seen).not.toContain(issued.secretAccessKey.slice(0, 12));
    expect(seen).not.toContain(issued.sessionToken.slice(20, 40));
  });

  it('refuses expired keys (STS answers 403 ExpiredToken)', async () => {
    const expired = sts.issueFor(writerRole, 'late', 0);
    await expect(clientFor(atlas.uri, expired).connect()).rejects.toMatchObject({ code: 8000, errmsg: 'bad auth : aws sts call has response 403' });
  });

  it('refuses when STS cannot be reached, without hanging', async () => {
    const stsGone = await startStsEmulator({ providers: [], roles: [] });
    const keys = stsGone.issueFor(writerRole, 'alice');
    await stsGone.close();
    const orphan = await startAtlasEmulator({ stsUrl: stsGone.url, users: [{ arn: writerRole, roles: [{ role: 'readWrite', db: 'sales' }] }] });
    try {
      await expect(clientFor(orphan.uri, keys).connect()).rejects.toMatchObject({ code: 8000, errmsg: expect.stringMatching(/^bad auth : aws sts call failed/) as unknown });
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await orphan.close();
    }
  });

  it('serves the same over TLS with the test CA (tls=true&tlsCAFile=…), and a client without the CA is refused', async () => {
    const tls = loadTestTls();
    const secure = await startAtlasEmulator({ stsUrl: sts.url, users: [{ arn: readerRole, roles: [{ role: 'read', db: 'sales' }] }], data: { sales: { orders: sampleOrders } }, tls });
    try {
      expect(secure.uri).toContain('&tls=true&tlsCAFile=');
      const client = clientFor(secure.uri, sts.issueFor(readerRole, 'bob'));
      expect(await client.db('admin').command({ connectionStatus: 1 })).toMatchObject({ authInfo: { authenticatedUsers: [{ user: readerRole, db: '$external' }] } });
      expect(await client.db('sales').collection('orders').countDocuments({ region: 'EU' })).toBe(2);
      const untrusting = new MongoClient(secure.uri.replace(/&tlsCAFile=[^&]*/, ''), { serverSelectionTimeoutMS: 1500 });
      clients.push(untrusting);
      await expect(untrusting.db('admin').command({ ping: 1 })).rejects.toThrow(/certificate/i);
    } finally {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await secure.close();
    }
  });
});
