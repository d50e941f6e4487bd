import { ConnectionString } from 'mongodb-connection-string-url';
import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { normalizeAtlasConnectionString } from '../../../core/mongodb/connection-string.js';

const aws = 'authSource=%24external&authMechanism=MONGODB-AWS';
const srv = 'mongodb+srv://cluster0.abcde.mongodb.net';
const dialogOptions = 'retryWrites=true&w=majority&appName=Cluster0';
const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const sessionToken = 'IQoJb3JpZ2luX2VjEHkaCXVzLWVhc3QtMSJHMEUCIQD+/tok==';

describe('normalizeAtlasConnectionString', () => {
  it.each<[string, string, string]>([
    ['the bare SRV string', `${srv}/`, `${srv}/?${aws}`],
    ['the SRV string without a slash', srv, `${srv}/?${aws}`],
    ['the Drivers template', `mongodb+srv://<username>:<password>@cluster0.abcde.mongodb.net/?${dialogOptions}`, `${srv}/?${dialogOptions}&${aws}`],
    ['the newer db_ template', `mongodb+srv://<db_username>:<db_password>@cluster0.abcde.mongodb.net/?${dialogOptions}`, `${srv}/?${dialogOptions}&${aws}`],
    ['the AWS IAM template with spaces', `mongodb+srv://<AWS access key>:<AWS secret key>@cluster0.abcde.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS&${dialogOptions}`, `${srv}/?${dialogOptions}&${aws}`],
    ['the Shell line', `mongosh "${srv}/" --apiVersion 1 --username <db_username>`, `${srv}/?${aws}`],
    ['the Shell line in single quotes', `mongosh '${srv}/myDb' --apiVersion 1`, `${srv}/myDb?${aws}`],
    ['an unquoted Shell line', `mongosh ${srv}/?appName=Cluster0 --apiVersion 1`, `${srv}/?appName=Cluster0&${aws}`],
    ['a string in double quotes with spaces around', `  "${srv}/?${dialogOptions}"\n`, `${srv}/?${dialogOptions}&${aws}`],
    ['a string in typographic quotes', `“${srv}/”`, `${srv}/?${aws}`],
    ['an upper-case scheme', 'MONGODB+SRV://cluster0.abcde.mongodb.net/', `${srv}/?${aws}`],
    ['a replica set host list with a database', 'mongodb://host1:27017,host2:27017/sales?replicaSet=atlas-xyz-shard-0&tls=true', `mongodb://host1:27017,host2:27017/sales?replicaSet=atlas-xyz-shard-0&tls=true&${aws}`],
    ['the test form', 'mongodb://127.0.0.1:45123/?directConnection=true', `mongodb://127.0.0.1:45123/?directConnection=true&${aws}`],
    ['a string already for MONGODB-AWS', `${srv}/?${aws}&appName=Cluster0`, `${srv}/?appName=Cluster0&${aws}`],
    ['authSource written as $external', `${srv}/?authSource=$external&authMechanism=MONGODB-AWS`, `${srv}/?${aws}`],
    ['other options such as tlsCAFile', 'mongodb://h:1/?tls=true&tlsCAFile=ca.pem&directConnection=true', `mongodb://h:1/?tls=true&tlsCAFile=ca.pem&directConnection=true&${aws}`],
    ['options in odd case', `${srv}/?AUTHMECHANISM=SCRAM-SHA-1&authsource=admin&w=1`, `${srv}/?w=1&${aws}`],
  ])('normalizes %s', (_name, input, expected) => {
    const result = normalizeAtlasConnectionString(input);
    expect(result.uri).toBe(expected);
    expect(new ConnectionString(result.uri).searchParams.get('authSource')).toBe('$external');
  });

  it('says nothing about the dialog templates', () => {
    expect(normalizeAtlasConnectionString(`mongodb+srv://<username>:<password>@cluster0.abcde.mongodb.net/?${dialogOptions}`).warnings).toEqual([]);
    expect(normalizeAtlasConnectionString(`mongodb+srv://%3Cusername%3E:%3Cpassword%3E@cluster0.abcde.mongodb.net/`).warnings).toEqual([]);
  });

  it('drops real keys and a session token, says so, and never repeats them', () => {
    const input = `mongodb+srv://ASIAIOSFODNN7EXAMPLE:${secretKey}@cluster0.abcde.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:${sessionToken}&appName=Cluster0`;
    const result = normalizeAtlasConnectionString(input);
    expect(result.uri).toBe(`${srv}/?appName=Cluster0&${aws}`);
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings.join(' ')).toMatch(/user name and password/);
    expect(result.warnings.join(' ')).toMatch(/session token/);
    for (const secret of [secretKey, sessionToken, 'ASIAIOSFODNN7EXAMPLE', 'IQoJ']) {
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('drops a password with unescaped @ and : that the parser alone would refuse', () => {
    const result = normalizeAtlasConnectionString('mongodb://admin:p@ss:w0rd@127.0.0.1:27017/?directConnection=true&authSource=admin&authMechanism=SCRAM-SHA-256');
    expect(result.uri).toBe(`mongodb://127.0.0.1:27017/?directConnection=true&${aws}`);
    expect(result.warnings).toEqual([
      'Removed the user name and password from the connection string: Atlas SSO signs in with your AWS role instead.',
      'Changed authMechanism to MONGODB-AWS (it was SCRAM-SHA-256): Atlas SSO signs in with your AWS role.',
      'Changed authSource to $external, where Atlas keeps the users of AWS IAM roles.',
    ]);
    expect(JSON.stringify(result)).not.toContain('w0rd');
  });

  it('names ignored mongosh options but none of their values', () => {
    const result = normalizeAtlasConnectionString(`mongosh "${srv}/" --apiVersion 1 --username ASIAKEY --password=hunter2 -p s3cret`);
    expect(result.warnings).toEqual(['Ignored the mongosh options copied with the connection string (--apiVersion, --username, --password, -p): add the ones you need when you run mongosh.']);
    expect(result.warnings.join(' ')).not.toMatch(/hunter2|s3cret|ASIAKEY/);
  });

  it('removes authMechanismProperties that are not a token, naming none of them', () => {
    const result = normalizeAtlasConnectionString(`${srv}/?authMechanism=GSSAPI&authMechanismProperties=SERVICE_NAME:other`);
    expect(result.uri).toBe(`${srv}/?${aws}`);
    expect(result.warnings).toEqual([
      'Changed authMechanism to MONGODB-AWS (it was GSSAPI): Atlas SSO signs in with your AWS role.',
      'Removed authMechanismProperties: they belong to another way of signing in.',
    ]);
  });

  it('returns the host to name the cluster by', () => {
    expect(normalizeAtlasConnectionString(`${srv}/`).host).toBe('cluster0.abcde.mongodb.net');
    expect(normalizeAtlasConnectionString('mongodb://a:1,b:2/').host).toBe('a:1,b:2');
  });

  it.each([
    ['empty input', ''],
    ['spaces', '   '],
    ['an https URL', 'https://cloud.mongodb.com/v2/123#/clusters'],
    ['a bare host name', 'cluster0.abcde.mongodb.net'],
    ['a postgres URL', 'postgres://u:p@h/db'],
  ])('refuses %s, saying where to copy the string in Atlas', (_name, input) => {
    let caught: unknown;
    try {
      normalizeAtlasConnectionString(input);
    } catch (error) {
      caught = error;
    }
    expect(isAtlasSsoError(caught, 'mongodb-invalid-connection-string')).toBe(true);
    expect((caught as Error).message).toMatch(/Atlas.*Connect.*mongodb\+srv:\/\//);
  });

  it.each([
    ['no host', 'mongodb://'],
    ['an SRV name with a port', 'mongodb+srv://cluster0.abcde.mongodb.net:27017/'],
    ['two SRV names', 'mongodb+srv://a.example.com,b.example.com/'],
  ])('refuses a string with %s, with the reason in details', (_name, input) => {
    let caught: unknown;
    try {
      normalizeAtlasConnectionString(input);
    } catch (error) {
      caught = error;
    }
    expect(isAtlasSsoError(caught, 'mongodb-invalid-connection-string')).toBe(true);
    expect((caught as { details?: string }).details).toBeTruthy();
  });

  it('keeps a session token out of the error when the string cannot be read', () => {
    let caught: unknown;
    try {
      normalizeAtlasConnectionString(`mongodb+srv://cluster0.abcde.mongodb.net:27017/?authMechanismProperties=AWS_SESSION_TOKEN:${sessionToken}`);
    } catch (error) {
      caught = error;
    }
    expect(isAtlasSsoError(caught, 'mongodb-invalid-connection-string')).toBe(true);
    const error = caught as Error & { details?: string };
    expect(`${error.message} ${error.details ?? ''} ${String(error.cause)}`).not.toContain('IQoJ');
  });
});
