import { describe, expect, it } from 'vitest';
import { credentialProcessJson } from '../../../core/credentials/credential-process-output.js';
import { isAtlasSsoError } from '../../../core/errors.js';

describe('credentialProcessJson', () => {
  it('prints exactly the five fields, in order, with a UTC RFC 3339 expiry and nothing else', () => {
    const json = credentialProcessJson({
      accessKeyId: 'ASIAEXAMPLE1',
      secretAccessKey: 'se/cret+KEY',
      sessionToken: 'to"ken\\x',
      expiration: new Date('2026-11-29T11:00:00+01:00'),
    });
    expect(json).toBe('{"Version":1,"AccessKeyId":"ASIAEXAMPLE1","SecretAccessKey":"se/cret+KEY","SessionToken":"to\\"ken\\\\x","Expiration":"2026-11-29T10:00:00Z"}');
    expect(JSON.parse(json)).toEqual({ Version: 1, AccessKeyId: 'ASIAEXAMPLE1', SecretAccessKey: 'se/cret+KEY', SessionToken: 'to"ken\\x', Expiration: '2026-11-29T10:00:00Z' });
  });

  it('refuses an invalid expiry date without printing the keys', () => {
    let error: unknown;
    try {
      credentialProcessJson({ accessKeyId: 'A', secretAccessKey: 'SECRET', sessionToken: 'T', expiration: new Date(Number.NaN) });
    } catch (caught) {
      error = caught;
    }
    expect(isAtlasSsoError(error, 'credentials-invalid-value')).toBe(true);
    expect((error as Error).message).not.toContain('SECRET');
  });
});
