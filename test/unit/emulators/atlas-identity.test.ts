import { describe, expect, it } from 'vitest';
import { canSeeDatabase, isAllowed } from '../../emulators/atlas/authorization.js';
import { parseClientFirst, parseClientSecond, PayloadError, signedHeaderNames } from '../../emulators/atlas/aws-sasl-payloads.js';
import { databaseUserArnOfCaller } from '../../emulators/atlas/caller-arn.js';
import { Binary, serialize } from 'bson';

describe('databaseUserArnOfCaller', () => {
  it('maps assumed-role session ARNs to the role ARN, keeping the partition', () => {
    expect(databaseUserArnOfCaller('arn:aws:sts::111122223333:assumed-role/dba/alice@example.com')).toBe('arn:aws:iam::111122223333:role/dba');
    expect(databaseUserArnOfCaller('arn:aws-us-gov:sts::111122223333:assumed-role/dba/s')).toBe('arn:aws-us-gov:iam::111122223333:role/dba');
    expect(databaseUserArnOfCaller('arn:aws-cn:sts::111122223333:assumed-role/dba/s')).toBe('arn:aws-cn:iam::111122223333:role/dba');
  });

  it('leaves IAM user ARNs and anything else unchanged', () => {
    expect(databaseUserArnOfCaller('arn:aws:iam::111122223333:user/ci')).toBe('arn:aws:iam::111122223333:user/ci');
    expect(databaseUserArnOfCaller('arn:aws:sts::111122223333:federated-user/bob')).toBe('arn:aws:sts::111122223333:federated-user/bob');
  });
});

describe('authorization', () => {
  const reader = [{ role: 'read' as const, db: 'sales' }];
  const writer = [{ role: 'readWrite' as const, db: 'sales' }];
  const dbAdmin = [{ role: 'dbAdmin' as const, db: 'sales' }];
  const admin = [{ role: 'atlasAdmin' as const, db: 'admin' }];

  it('grants read, write and manage per role and database', () => {
    expect(isAllowed(reader, 'read', 'sales')).toBe(true);
    expect(isAllowed(reader, 'write', 'sales')).toBe(false);
    expect(isAllowed(reader, 'read', 'hr')).toBe(false);
    expect(isAllowed(writer, 'write', 'sales')).toBe(true);
    expect(isAllowed(dbAdmin, 'manage', 'sales')).toBe(true);
    expect(isAllowed(dbAdmin, 'read', 'sales')).toBe(false);
    expect(isAllowed(admin, 'write', 'anything')).toBe(true);
  });

  it('shows a database to users with a role on it, and every database to atlasAdmin', () => {
    expect(canSeeDatabase(reader, 'sales')).toBe(true);
    expect(canSeeDatabase(reader, 'hr')).toBe(false);
    expect(canSeeDatabase(admin, 'hr')).toBe(true);
  });
});

describe('MONGODB-AWS payloads', () => {
  it('accepts the spec client-first message and refuses a wrong nonce or gs2 flag', () => {
    const nonce = Buffer.alloc(32, 7);
    expect(parseClientFirst(new Binary(serialize({ r: new Binary(nonce), p: 110 }))).clientNonce.equals(nonce)).toBe(true);
    expect(() => parseClientFirst(new Binary(serialize({ r: new Binary(nonce), p: 121 })))).toThrow(PayloadError);
    expect(() => parseClientFirst(new Binary(serialize({ r: 'text', p: 110 })))).toThrow(/32 bytes/);
    expect(() => parseClientFirst(new Binary(Buffer.from('not bson')))).toThrow(/not a BSON document/);
    expect(() => parseClientFirst('not binary')).toThrow(/binary/);
  });

  it('reads the client-second message and the signed header names', () => {
    const a = 'AWS4-HMAC-SHA256 Credential=ASIA/20250101/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce, Signature=ab';
    expect(parseClientSecond(new Binary(serialize({ a, d: '20250101T000000Z', t: 'token' })))).toEqual({ authorization: a, amzDate: '20250101T000000Z', securityToken: 'token' });
    expect(signedHeaderNames(a)).toContain('x-mongodb-server-nonce');
    expect(() => parseClientSecond(new Binary(serialize({ a, d: 'yesterday' })))).toThrow(/x-amz-date/);
    expect(() => parseClientSecond(new Binary(serialize({ d: '20250101T000000Z' })))).toThrow(/authorization header/);
  });
});
