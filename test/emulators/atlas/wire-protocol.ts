import type { Document } from 'bson';
import { deserialize, serialize } from 'bson';
import { crc32c } from './crc32c.js';

/** The opcodes a MongoDB 7.0 server still understands; anything else closes the connection. */
export const opCodes = { reply: 1, query: 2004, compressed: 2012, msg: 2013 } as const;

/** The biggest message the emulator accepts or announces (`maxMessageSizeBytes`), like mongod. */
export const maxMessageSizeBytes = 48_000_000;
/** The biggest BSON document announced in hello (`maxBsonObjectSize`). */
export const maxBsonObjectSize = 16 * 1024 * 1024;

const headerSize = 16;
const checksumPresent = 1 << 0;
const moreToCome = 1 << 1;
const exhaustAllowed = 1 << 16;
/** Bits 0-15 are "required": a receiver must reject a message with one it does not know. */
const knownRequiredBits = checksumPresent | moreToCome;

/** The standard header every wire message starts with. */
export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}

/** A complete frame cut from the byte stream: its header and the bytes after the header. */
export interface Frame {
  readonly header: MessageHeader;
  readonly body: Buffer;
}

/** A legacy OP_QUERY: drivers still send their first hello this way. */
export interface QueryMessage {
  readonly fullCollectionName: string;
  readonly query: Document;
}

/** An OP_MSG with its kind-1 document sequences folded into the command body, as mongod does. */
export interface CommandMessage {
  readonly command: Document;
  readonly moreToCome: boolean;
  readonly exhaustAllowed: boolean;
}

/** A violation of the wire protocol: the connection cannot go on (mongod closes it). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** A message whose framing is fine but whose BSON is not: answerable with an error reply. */
export class InvalidBsonError extends Error {
  override readonly name = 'InvalidBsonError';
}

/** Cuts a TCP byte stream into frames; buffers partial frames and refuses impossible lengths. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds received bytes and returns every frame now complete; throws ProtocolError on a bad length. */
  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= 4) {
      const messageLength = this.pending.readInt32LE(0);
      if (messageLength < headerSize || messageLength > maxMessageSizeBytes) {
        throw new ProtocolError(`message length ${messageLength} is outside ${headerSize}..${maxMessageSizeBytes}`);
      }
      if (this.pending.length < messageLength) break;
      const frame = this.pending.subarray(0, messageLength);
      this.pending = this.pending.subarray(messageLength);
      frames.push({
        header: {
          messageLength,
          requestId: frame.readInt32LE(4),
          responseTo: frame.readInt32LE(8),
          opCode: frame.readInt32LE(12),
        },
        body: frame.subarray(headerSize),
      });
    }
    return frames;
  }
}

/** Parses an OP_QUERY body (flags, cstring namespace, skip, return, query document). */
export function parseQuery(body: Buffer): QueryMessage {
  const nameEnd = body.indexOf(0, 4);
  if (nameEnd < 0) throw new ProtocolError('OP_QUERY has no collection name terminator');
  const fullCollectionName = body.toString('utf8', 4, nameEnd);
  const documentStart = nameEnd + 1 + 8;
  const [query] = readDocuments(body, documentStart, body.length, 'OP_QUERY', { atLeastOne: true });
  if (query === undefined) throw new InvalidBsonError('OP_QUERY has no query document');
  return { fullCollectionName, query };
}

/** Parses an OP_MSG body: flag bits, an optional CRC-32C, one kind-0 body and any kind-1 sequences. */
export function parseMessage(frame: Frame): CommandMessage {
  const { body } = frame;
  if (body.length < 4) throw new ProtocolError('OP_MSG is too short for its flag bits');
  const flagBits = body.readUInt32LE(0);
  if ((flagBits & 0xffff & ~knownRequiredBits) !== 0) throw new ProtocolError(`OP_MSG has unknown required flag bits ${flagBits.toString(16)}`);
  let end = body.length;
  if (flagBits & checksumPresent) {
    if (body.length < 8) throw new ProtocolError('OP_MSG announces a checksum it does not carry');
    end -= 4;
    const expected = body.readUInt32LE(end);
    const headerBytes = Buffer.alloc(headerSize);
    headerBytes.writeInt32LE(frame.header.messageLength, 0);
    headerBytes.writeInt32LE(frame.header.requestId, 4);
    headerBytes.writeInt32LE(frame.header.responseTo, 8);
    headerBytes.writeInt32LE(frame.header.opCode, 12);
    if (crc32c(Buffer.concat([headerBytes, body.subarray(0, end)])) !== expected) throw new ProtocolError('OP_MSG checksum does not match');
  }
  let command: Document | undefined;
  const sequences: [string, Document[]][] = [];
  let offset = 4;
  while (offset < end) {
    const kind = body[offset];
    offset += 1;
    if (kind === 0) {
      if (command !== undefined) throw new ProtocolError('OP_MSG has more than one body section');
      const size = readSize(body, offset, end, 'OP_MSG body');
      [command] = readDocuments(body, offset, offset + size, 'OP_MSG body', { atLeastOne: true });
      offset += size;
    } else if (kind === 1) {
      const size = readSize(body, offset, end, 'OP_MSG document sequence');
      if (size < 5) throw new ProtocolError('OP_MSG document sequence is too short');
      const sectionEnd = offset + size;
      const nameEnd = body.indexOf(0, offset + 4);
      if (nameEnd < 0 || nameEnd >= sectionEnd) throw new ProtocolError('OP_MSG document sequence has no identifier terminator');
      sequences.push([body.toString('utf8', offset + 4, nameEnd), readDocuments(body, nameEnd + 1, sectionEnd, 'OP_MSG document sequence', { atLeastOne: false })]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`OP_MSG has an unknown section kind ${String(kind)}`);
    }
  }
  if (command === undefined) throw new ProtocolError('OP_MSG has no body section');
  for (const [identifier, documents] of sequences) {
    if (identifier in command) throw new InvalidBsonError(`field '${identifier}' is given both in the body and as a document sequence`);
    command[identifier] = documents;
  }
  return { command, moreToCome: (flagBits & moreToCome) !== 0, exhaustAllowed: (flagBits & exhaustAllowed) !== 0 };
}

/** Encodes an OP_REPLY carrying one document (the answer to an OP_QUERY hello). */
export function encodeReply(requestId: number, responseTo: number, document: Document): Buffer {
  const bson = serialize(document);
  const prefix = Buffer.alloc(headerSize + 20);
  prefix.writeInt32LE(headerSize + 20 + bson.length, 0);
  prefix.writeInt32LE(requestId, 4);
  prefix.writeInt32LE(responseTo, 8);
  prefix.writeInt32LE(opCodes.reply, 12);
  prefix.writeInt32LE(0, 16); // responseFlags
  prefix.writeBigInt64LE(0n, 20); // cursorID
  prefix.writeInt32LE(0, 28); // startingFrom
  prefix.writeInt32LE(1, 32); // numberReturned
  return Buffer.concat([prefix, bson]);
}

/** Encodes an OP_MSG with a single body section; `streaming` sets moreToCome for exhaust replies. */
export function encodeMessage(requestId: number, responseTo: number, document: Document, streaming = false): Buffer {
  const bson = serialize(document);
  const prefix = Buffer.alloc(headerSize + 5);
  prefix.writeInt32LE(headerSize + 5 + bson.length, 0);
  prefix.writeInt32LE(requestId, 4);
  prefix.writeInt32LE(responseTo, 8);
  prefix.writeInt32LE(opCodes.msg, 12);
  prefix.writeUInt32LE(streaming ? moreToCome : 0, 16);
  prefix.writeUInt8(0, 20);
  return Buffer.concat([prefix, bson]);
}

function readSize(body: Buffer, offset: number, end: number, what: string): number {
  if (offset + 4 > end) throw new ProtocolError(`${what} is truncated`);
  const size = body.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError(`${what} has an impossible size ${size}`);
  return size;
}

function readDocuments(body: Buffer, start: number, end: number, what: string, { atLeastOne }: { readonly atLeastOne: boolean }): Document[] {
  const documents: Document[] = [];
  let offset = start;
  while (offset < end) {
    const size = readSize(body, offset, end, what);
    try {
      documents.push(deserialize(body.subarray(offset, offset + size)));
    } catch (error) {
      throw new InvalidBsonError(`${what} holds invalid BSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    offset += size;
  }
  if (atLeastOne && documents.length === 0) throw new ProtocolError(`${what} holds no document`);
  return documents;
}
