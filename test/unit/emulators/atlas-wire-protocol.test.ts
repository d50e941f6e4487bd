import { Binary, serialize } from 'bson';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../emulators/atlas/crc32c.js';
import type { Frame } from '../../emulators/atlas/wire-protocol.js';
import { encodeMessage, encodeReply, FrameReader, InvalidBsonError, opCodes, parseMessage, parseQuery, ProtocolError } from '../../emulators/atlas/wire-protocol.js';

function frameOf(bytes: Buffer): Frame {
  const [frame] = new FrameReader().push(bytes);
  if (!frame) throw new Error('no frame');
  return frame;
}

function opMsg(flagBits: number, sections: Buffer): Buffer {
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(flagBits);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + 4 + sections.length, 0);
  header.writeInt32LE(9, 4);
  header.writeInt32LE(opCodes.msg, 12);
  return Buffer.concat([header, flags, sections]);
}

function sequence(identifier: string, documents: readonly Uint8Array[]): Buffer {
  const content = Buffer.concat([Buffer.from(`${identifier}\0`), ...documents]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(4 + content.length);
  return Buffer.concat([Buffer.from([1]), size, content]);
}

describe('crc32c', () => {
  it('matches the standard CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
});

describe('FrameReader', () => {
  it('reassembles frames split across chunks and splits frames sharing a chunk', () => {
    const one = encodeMessage(1, 0, { ping: 1, $db: 'admin' });
    const two = encodeMessage(2, 0, { hello: 1, $db: 'admin' });
    const reader = new FrameReader();
    const all = Buffer.concat([one, two]);
    expect(reader.push(all.subarray(0, 3))).toEqual([]);
    expect(reader.push(all.subarray(3, one.length + 5)).map((frame) => frame.header.requestId)).toEqual([1]);
    expect(reader.push(all.subarray(one.length + 5)).map((frame) => frame.header.requestId)).toEqual([2]);
  });

  it('refuses lengths below the header size or above maxMessageSizeBytes', () => {
    expect(() => new FrameReader().push(Buffer.from([15, 0, 0, 0]))).toThrow(ProtocolError);
    expect(() => new FrameReader().push(Buffer.from([0x01, 0x6c, 0xdc, 0x02]))).toThrow(ProtocolError);
  });
});

describe('parseMessage', () => {
  it('folds kind-1 document sequences into the command, as mongod does', () => {
    const body = Buffer.concat([Buffer.from([0]), serialize({ update: 'c', $db: 'd' })]);
    const bytes = opMsg(0, Buffer.concat([body, sequence('updates', [serialize({ q: {}, u: { $set: { a: 1 } } }), serialize({ q: { b: 2 }, u: {} })])]));
    const { command, moreToCome } = parseMessage(frameOf(bytes));
    expect(command).toEqual({ update: 'c', $db: 'd', updates: [{ q: {}, u: { $set: { a: 1 } } }, { q: { b: 2 }, u: {} }] });
    expect(moreToCome).toBe(false);
  });

  it('reads moreToCome and exhaustAllowed, verifies a checksum, and rejects unknown required bits', () => {
    const body = Buffer.concat([Buffer.from([0]), serialize({ ping: 1, $db: 'admin' })]);
    expect(parseMessage(frameOf(opMsg(2 | (1 << 16), body)))).toMatchObject({ moreToCome: true, exhaustAllowed: true });
    const unsummed = opMsg(1, Buffer.concat([body, Buffer.alloc(4)]));
    unsummed.writeUInt32LE(crc32c(unsummed.subarray(0, unsummed.length - 4)), unsummed.length - 4);
    expect(parseMessage(frameOf(unsummed)).command).toEqual({ ping: 1, $db: 'admin' });
    unsummed.writeUInt32LE(0, unsummed.length - 4);
    expect(() => parseMessage(frameOf(unsummed))).toThrow(/checksum/);
    expect(() => parseMessage(frameOf(opMsg(4, body)))).toThrow(ProtocolError);
  });

  it('tells framing errors (ProtocolError) from bad BSON (InvalidBsonError)', () => {
    expect(() => parseMessage(frameOf(opMsg(0, Buffer.from([0, 5, 0, 0]))))).toThrow(ProtocolError);
    expect(() => parseMessage(frameOf(opMsg(0, Buffer.from([0, 8, 0, 0, 0, 0x42, 0x61, 0, 0]))))).toThrow(InvalidBsonError);
    expect(() => parseMessage(frameOf(opMsg(0, Buffer.from([3, 5, 0, 0, 0, 0]))))).toThrow(/section kind/);
    const twice = Buffer.concat([Buffer.from([0]), serialize({ insert: 'c', documents: [], $db: 'd' }), sequence('documents', [serialize({ a: 1 })])]);
    expect(() => parseMessage(frameOf(opMsg(0, twice)))).toThrow(InvalidBsonError);
  });
});

describe('encodeReply / parseQuery', () => {
  it('encodes an OP_REPLY with one document and parses an OP_QUERY namespace and query', () => {
    const reply = encodeReply(5, 4, { ok: 1, payload: new Binary(Buffer.from('x')) });
    expect(reply.readInt32LE(0)).toBe(reply.length);
    expect(reply.readInt32LE(12)).toBe(opCodes.reply);
    expect(reply.readInt32LE(32)).toBe(1);
    const body = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(8), serialize({ isMaster: 1 })]);
    expect(parseQuery(body)).toEqual({ fullCollectionName: 'admin.$cmd', query: { isMaster: 1 } });
  });
});
