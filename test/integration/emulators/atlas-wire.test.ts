import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { Document } from 'bson';
import { Binary, deserialize, serialize } from 'bson';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crc32c } from '../../emulators/atlas/crc32c.js';
import type { AtlasEmulator } from '../../emulators/atlas/index.js';
import { startAtlasEmulator } from '../../emulators/atlas/index.js';
import type { Frame } from '../../emulators/atlas/wire-protocol.js';
import { encodeMessage, FrameReader, opCodes, parseMessage } from '../../emulators/atlas/wire-protocol.js';

/** A bare TCP client that speaks frames, to send what no driver would. */
class RawClient {
  private readonly reader = new FrameReader();
  private readonly frames: Frame[] = [];
  private readonly waiters: ((frame: Frame) => void)[] = [];
  private nextRequestId = 100;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) {
        const waiter = this.waiters.shift();
        if (waiter) waiter(frame);
        else this.frames.push(frame);
      }
    });
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawClient(socket);
    openClients.push(client);
    return client;
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Sends an OP_MSG command; returns its request id. */
  command(document: Document, moreToCome = false): number {
    const requestId = (this.nextRequestId += 1);
    this.write(encodeMessage(requestId, 0, document, moreToCome));
    return requestId;
  }

  nextFrame(): Promise<Frame> {
    const ready = this.frames.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async reply(): Promise<{ readonly frame: Frame; readonly document: Document }> {
    const frame = await this.nextFrame();
    const document = frame.header.opCode === opCodes.reply ? deserialize(frame.body.subarray(20)) : parseMessage(frame).command;
    return { frame, document };
  }

  async run(document: Document): Promise<Document> {
    const requestId = this.command(document);
    const { frame, document: reply } = await this.reply();
    expect(frame.header.responseTo).toBe(requestId);
    return reply;
  }
}

const openClients: RawClient[] = [];
let atlas: AtlasEmulator;

function header(length: number, requestId: number, opCode: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeInt32LE(length, 0);
  bytes.writeInt32LE(requestId, 4);
  bytes.writeInt32LE(0, 8);
  bytes.writeInt32LE(opCode, 12);
  return bytes;
}

function opQuery(requestId: number, collection: string, query: Document): Buffer {
  const body = Buffer.concat([Buffer.alloc(4), Buffer.from(`${collection}\0`), Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), serialize(query)]);
  return Buffer.concat([header(16 + body.length, requestId, opCodes.query), body]);
}

beforeAll(async () => {
  atlas = await startAtlasEmulator({ stsUrl: 'http://127.0.0.1:9', users: [], stsHostToAdvertise: 'sts.eu-west-1.amazonaws.com' });
});

afterEach(() => {
  for (const client of openClients.splice(0)) client.socket.destroy();
});

afterAll(async () => {
  await atlas.close();
});

describe('Atlas emulator wire protocol', () => {
  it('answers a legacy OP_QUERY hello with an OP_REPLY describing a MongoDB 7.0 primary', async () => {
    const client = await RawClient.open(atlas.port);
    client.write(opQuery(7, 'admin.$cmd', { isMaster: 1, helloOk: true, saslSupportedMechs: '$external.someone' }));
    const { frame, document } = await client.reply();
    expect(frame.header).toMatchObject({ opCode: opCodes.reply, responseTo: 7 });
    expect(document).toMatchObject({ ok: 1, ismaster: true, helloOk: true, minWireVersion: 0, logicalSessionTimeoutMinutes: 30, saslSupportedMechs: ['MONGODB-AWS'] });
    expect(document.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(typeof document.connectionId).toBe('number');
    expect(document.topologyVersion).toHaveProperty('processId');
    expect(document.me).toBe(`127.0.0.1:${atlas.port}`);
  });

  it('refuses OP_QUERY for anything but hello with UnsupportedOpQueryCommand', async () => {
    const client = await RawClient.open(atlas.port);
    client.write(opQuery(8, 'sales.$cmd', { find: 'orders' }));
    expect((await client.reply()).document).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('answers OP_MSG commands, unknown commands with CommandNotFound, and a missing $db with an error', async () => {
    const client = await RawClient.open(atlas.port);
    expect(await client.run({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
    expect(await client.run({ buildInfo: 1, $db: 'admin', lsid: { id: new Binary(randomBytes(16), 4) }, $clusterTime: { clusterTime: 1 } })).toMatchObject({ ok: 1, modules: ['enterprise'], version: expect.stringMatching(/^7\.0\./) as unknown });
    expect(await client.run({ frobnicate: 1, $db: 'admin' })).toMatchObject({ ok: 0, code: 59, codeName: 'CommandNotFound' });
    expect(await client.run({ ping: 1 })).toMatchObject({ ok: 0, code: 40571 });
  });

  it('refuses data commands before authentication with code 13, reading kind-1 document sequences', async () => {
    const client = await RawClient.open(atlas.port);
    const body = serialize({ insert: 'orders', $db: 'sales' });
    const documents = [serialize({ a: 1 }), serialize({ a: 2 })];
    const sequence = Buffer.concat([Buffer.from('documents\0'), ...documents]);
    const sectionSize = Buffer.alloc(4);
    sectionSize.writeInt32LE(4 + sequence.length);
    const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body, Buffer.from([1]), sectionSize, sequence]);
    client.write(Buffer.concat([header(16 + payload.length, 55, opCodes.msg), payload]));
    const { frame, document } = await client.reply();
    expect(frame.header.responseTo).toBe(55);
    expect(document).toMatchObject({ ok: 0, code: 13, codeName: 'Unauthorized', errmsg: 'Command insert requires authentication' });
  });

  it('answers invalid BSON with InvalidBSON and keeps the connection', async () => {
    const client = await RawClient.open(atlas.port);
    const badDocument = Buffer.from([12, 0, 0, 0, 0x42, 0x61, 0, 1, 2, 3, 4, 0]); // element type 0x42 does not exist
    const payload = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), badDocument]);
    client.write(Buffer.concat([header(16 + payload.length, 60, opCodes.msg), payload]));
    expect((await client.reply()).document).toMatchObject({ ok: 0, code: 22, codeName: 'InvalidBSON' });
    expect(await client.run({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
  });

  it('checks CRC-32C checksums: a good one is answered, a bad one closes the connection', async () => {
    const client = await RawClient.open(atlas.port);
    const withChecksum = (requestId: number, corrupt: boolean): Buffer => {
      const payload = Buffer.concat([Buffer.from([1, 0, 0, 0]), Buffer.from([0]), serialize({ ping: 1, $db: 'admin' })]);
      const unsummed = Buffer.concat([header(16 + payload.length + 4, requestId, opCodes.msg), payload]);
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32LE((crc32c(unsummed) ^ (corrupt ? 1 : 0)) >>> 0);
      return Buffer.concat([unsummed, checksum]);
    };
    client.write(withChecksum(70, false));
    expect((await client.reply()).document).toEqual({ ok: 1 });
    client.write(withChecksum(71, true));
    await client.closed;
    expect(client.socket.destroyed).toBe(true);
  });

  it('does not answer a moreToCome request', async () => {
    const client = await RawClient.open(atlas.port);
    client.command({ ping: 1, $db: 'admin' }, true);
    const second = client.command({ ping: 1, $db: 'admin' });
    expect((await client.reply()).frame.header.responseTo).toBe(second);
  });

  it('streams awaitable hello replies with moreToCome when exhaust is allowed', async () => {
    const client = await RawClient.open(atlas.port);
    const topologyVersion: unknown = (await client.run({ hello: 1, $db: 'admin' })).topologyVersion;
    const payload = Buffer.concat([Buffer.from([0, 0, 1, 0]), Buffer.from([0]), serialize({ hello: 1, $db: 'admin', topologyVersion, maxAwaitTimeMS: 20 })]);
    client.write(Buffer.concat([header(16 + payload.length, 80, opCodes.msg), payload]));
    const first = await client.nextFrame();
    const second = await client.nextFrame();
    expect(first.header.responseTo).toBe(80);
    expect(second.header.responseTo).toBe(first.header.requestId);
    expect(first.body.readUInt32LE(0) & 2).toBe(2);
    expect(parseMessage(second).command).toMatchObject({ ok: 1, isWritablePrimary: true });
  });

  it('runs speculative MONGODB-AWS saslStart inside hello and answers our nonce and STS host', async () => {
    const client = await RawClient.open(atlas.port);
    const clientNonce = randomBytes(32);
    const reply = await client.run({
      hello: 1,
      $db: 'admin',
      speculativeAuthenticate: { saslStart: 1, mechanism: 'MONGODB-AWS', db: '$external', payload: new Binary(serialize({ r: new Binary(clientNonce), p: 110 })) },
    });
    const speculative = reply.speculativeAuthenticate as Document;
    expect(speculative).toMatchObject({ conversationId: 1, done: false });
    expect(speculative).not.toHaveProperty('ok');
    const serverFirst = deserialize((speculative.payload as Binary).value());
    const serverNonce = Buffer.from((serverFirst.s as Binary).value());
    expect(serverNonce).toHaveLength(64);
    expect(serverNonce.subarray(0, 32).equals(clientNonce)).toBe(true);
    expect(serverFirst.h).toBe('sts.eu-west-1.amazonaws.com');
    const ignored = await client.run({ hello: 1, $db: 'admin', speculativeAuthenticate: { saslStart: 1, mechanism: 'SCRAM-SHA-256', db: 'admin', payload: new Binary() } });
    expect(ignored).not.toHaveProperty('speculativeAuthenticate');
  });

  it('answers SASL mistakes like Atlas: unknown mechanism, bad nonce, unknown conversation, unsigned nonce', async () => {
    const client = await RawClient.open(atlas.port);
    expect(await client.run({ saslStart: 1, mechanism: 'PLAIN', payload: new Binary(), $db: '$external' })).toMatchObject({ ok: 0, code: 334 });
    const shortNonce = new Binary(serialize({ r: new Binary(randomBytes(8)), p: 110 }));
    expect(await client.run({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: shortNonce, $db: '$external' })).toMatchObject({ ok: 0, code: 8000, codeName: 'AtlasError', errmsg: 'bad auth : the client nonce must be 32 bytes of binary data' });
    expect(await client.run({ saslContinue: 1, conversationId: 42, payload: new Binary(), $db: '$external' })).toMatchObject({ ok: 0, code: 17 });
    const started = await client.run({ saslStart: 1, mechanism: 'MONGODB-AWS', payload: new Binary(serialize({ r: new Binary(randomBytes(32)), p: 110 })), $db: '$external' });
    const unsigned = new Binary(serialize({ a: 'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20250101/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00', d: '20250101T000000Z' }));
    expect(await client.run({ saslContinue: 1, conversationId: started.conversationId as number, payload: unsigned, $db: '$external' })).toMatchObject({
      ok: 0,
      code: 8000,
      errmsg: 'bad auth : the aws authorization header does not sign x-mongodb-server-nonce, x-mongodb-gs2-cb-flag',
    });
    expect(atlas.authentications.filter((attempt) => attempt.ok)).toEqual([]);
  });

  it('survives garbage, impossible lengths, unknown opcodes, OP_COMPRESSED and truncated frames, and keeps serving', async () => {
    // Each case: bytes, and whether mongod would end the connection (true) or keep waiting for the rest (false).
    const garbage: [Buffer, boolean][] = [
      [randomBytes(3), false],
      [Buffer.from([5, 0, 0, 0, 1, 2, 3, 4]), true],
      [Buffer.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]), true],
      [Buffer.concat([header(20, 1, 9999), Buffer.alloc(4)]), true],
      [Buffer.concat([header(16 + 9, 2, opCodes.compressed), Buffer.from([0xdd, 0x07, 0, 0, 4, 0, 0, 0, 0])]), true],
      [Buffer.concat([header(16 + 5, 3, opCodes.msg), Buffer.from([0, 0, 0, 0, 2])]), true],
      [Buffer.concat([header(16 + 5 + 13, 4, opCodes.msg), Buffer.from([4, 0, 0, 0, 0]), serialize({ ping: 1 }).subarray(0, 13)]), true],
      [Buffer.concat([header(16 + 4, 5, opCodes.query), Buffer.from('abcd')]), true],
      [Buffer.concat([header(1000, 6, opCodes.msg), randomBytes(100)]), false],
    ];
    for (const [bytes, closes] of garbage) {
      const client = await RawClient.open(atlas.port);
      client.write(bytes);
      if (closes) await expect(client.closed).resolves.toBeUndefined();
      else client.socket.end();
    }
    const second = await RawClient.open(atlas.port);
    expect(await second.run({ ping: 1, $db: 'admin' })).toEqual({ ok: 1 });
    const driver = new MongoClient(`mongodb://127.0.0.1:${atlas.port}/?directConnection=true`, { serverSelectionTimeoutMS: 5000 });
    try {
      expect(await driver.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await driver.close();
    }
  });
});
