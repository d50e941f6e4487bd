import type { Document } from 'bson';

/** MongoDB error codes the emulator answers with, named as the server names them. */
export const errorCodeNames = {
  2: 'BadValue',
  9: 'FailedToParse',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  17: 'ProtocolError',
  22: 'InvalidBSON',
  26: 'NamespaceNotFound',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  59: 'CommandNotFound',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  334: 'MechanismUnavailable',
  352: 'UnsupportedOpQueryCommand',
  8000: 'AtlasError',
  11000: 'DuplicateKey',
  40323: 'Location40323',
  40571: 'Location40571',
} as const;

export type ErrorCode = keyof typeof errorCodeNames;

/** A command failure, answered to the client as `{ok: 0, errmsg, code, codeName}`. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  /** The reply document mongod sends for this failure. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: errorCodeNames[this.code] };
  }
}
