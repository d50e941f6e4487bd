import { MongoNetworkError, MongoNetworkTimeoutError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { ConnectionFailureContext } from '../../../core/mongodb/mongodb-errors.js';
import { mongodbFailure, scrubDriverMessage } from '../../../core/mongodb/mongodb-errors.js';
import { addressOfUri, testConnection } from '../../../core/mongodb/test-connection.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN'.repeat(4);
const context: ConnectionFailureContext = { address: 'cluster0.ab1cd.mongodb.net', secrets: [secret, token], timeoutMs: 10_000, deadlinePassed: false, cancelled: false };

function nodeError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

function badAuth(errmsg: string): MongoServerError {
  return new MongoServerError({ ok: 0, code: 8000, codeName: 'AtlasError', errmsg });
}

describe('mongodbFailure', () => {
  it('names the role to add as a database user, from the caller', () => {
    const error = mongodbFailure(badAuth('bad auth : user not found'), { ...context, expectedUser: 'arn:aws:iam::123456789012:role/dba' });
    expect(error.code).toBe('mongodb-no-database-user');
    expect(error.message).toBe('Atlas has no database user for role arn:aws:iam::123456789012:role/dba: add it in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role, with that ARN.');
  });

  it('prefers the ARN Atlas says it looked for, which has no role path', () => {
    const error = mongodbFailure(badAuth('bad auth : user arn:aws:iam::123456789012:role/dba is not found'), { ...context, expectedUser: 'arn:aws:iam::123456789012:role/team/dba' });
    expect(error.message).toContain('for role arn:aws:iam::123456789012:role/dba:');
  });

  it('derives the role ARN from an assumed-role ARN in the server message when the caller gave none', () => {
    const error = mongodbFailure(badAuth('bad auth : user arn:aws-us-gov:sts::123456789012:assumed-role/dba/alice@example.com is not found'), context);
    expect(error.message).toContain('role arn:aws-us-gov:iam::123456789012:role/dba:');
  });

  it('asks to sign in again on any other bad auth', () => {
    const error = mongodbFailure(badAuth('bad auth : aws sts call has response 403'), context);
    expect(error.code).toBe('mongodb-auth-failed');
    expect(error.message).toMatch(/sign in again/);
  });

  it('maps an SRV lookup failure to the cluster address, even when the DNS server refused', () => {
    for (const code of ['ENOTFOUND', 'ECONNREFUSED']) {
      const error = mongodbFailure(nodeError(`querySrv ${code} _mongodb._tcp.cluster0.ab1cd.mongodb.net`, { code, syscall: 'querySrv' }), context);
      expect(error.code).toBe('mongodb-dns');
      expect(error.message).toContain('check the cluster address');
    }
  });

  it('finds a TLS failure under a network error', () => {
    const tls = nodeError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const error = mongodbFailure(new MongoNetworkError('connection 1 to 127.0.0.1:27017 closed', { cause: tls }), context);
    expect(error.code).toBe('mongodb-tls');
    expect(error.message).toContain('self-signed certificate');
  });

  it('tells a refused connection from a silent one', () => {
    expect(mongodbFailure(nodeError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED', syscall: 'connect' }), context).code).toBe('mongodb-unreachable');
    const silent = mongodbFailure(new MongoNetworkTimeoutError('connection timed out'), context);
    expect(silent.code).toBe('mongodb-ip-access-list');
    expect(silent.message).toContain('IP access list (Atlas → Network Access)');
  });

  it('reports our own deadline and a cancel apart', () => {
    expect(mongodbFailure(new DOMException('timed out', 'TimeoutError'), { ...context, deadlinePassed: true }).message).toContain('within 10 s');
    expect(mongodbFailure(new DOMException('aborted', 'AbortError'), { ...context, cancelled: true }).code).toBe('mongodb-cancelled');
  });

  it('asks for a database role when the user may not list databases', () => {
    const error = mongodbFailure(new MongoServerError({ ok: 0, code: 13, codeName: 'Unauthorized', errmsg: 'not authorized on admin to execute command' }), context);
    expect(error.code).toBe('mongodb-not-authorized');
  });

  it('never repeats a key or token the driver put in its message', () => {
    const error = mongodbFailure(new Error(`weird failure with ${secret} and ${token} in mongodb://user:pw@host`), context);
    expect(error.code).toBe('mongodb-connection-failed');
    for (const text of [error.message, error.details ?? '']) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
      expect(text).not.toContain('user:pw');
    }
  });
});

describe('helpers', () => {
  it('scrubs known secrets even when short', () => {
    expect(scrubDriverMessage('key abc123 here', ['abc123'])).toBe('key [redacted] here');
  });

  it('shows the hosts of a connection string without user info', () => {
    expect(addressOfUri('mongodb+srv://cluster0.ab1cd.mongodb.net/?authMechanism=MONGODB-AWS')).toBe('cluster0.ab1cd.mongodb.net');
    expect(addressOfUri('mongodb://u:p@h1:27017,h2:27018/db')).toBe('h1:27017,h2:27018');
  });
});

describe('testConnection without a network', () => {
  it('rejects a malformed connection string with the connection-string code', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: secret, sessionToken: token, expiration: new Date(Date.now() + 3_600_000) };
    const error = await testConnection({ uri: 'http://cluster0.example.net/', credentials }).then(() => undefined, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'mongodb-invalid-connection-string' });
  });

  it('rejects a password in the connection string without repeating it', async () => {
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: secret, sessionToken: token, expiration: new Date(Date.now() + 3_600_000) };
    const error = await testConnection({ uri: 'mongodb://ann:hunter2@127.0.0.1:1/', credentials }).then(() => undefined, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'mongodb-invalid-connection-string' });
    expect((error as Error).message).not.toContain('hunter2');
  });
});
