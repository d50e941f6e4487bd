import { describe, expect, it } from 'vitest';
import { isAtlasSsoError } from '../../../core/errors.js';
import { looksLikeSecretKey } from '../../../core/connections/schema.js';
import { parseConnectionsFile, parseTeamFile } from '../../../core/connections/parse-connections.js';

const file = '/home/ada/.config/atlas-sso/connections.json';

const valid = {
  id: 'acme-prod',
  name: 'ACME Prod',
  idpUrl: 'https://acme.okta.com/home/amazon_aws/0oa1/272',
  acsUrl: 'https://eu-west-1.signin.aws.amazon.com/saml',
  stsRegion: 'eu-west-1',
  defaultRole: 'arn:aws:iam::012345678901:role/atlas/dba',
  lastRole: 'arn:aws-us-gov:iam::012345678901:role/reader',
  durationSeconds: 3600,
  profile: 'atlas-prod',
  clusters: [{ name: 'orders', uri: 'mongodb+srv://orders.abcde.mongodb.net/' }],
  accountAliases: { '012345678901': 'prod' },
  loginBrowser: 'system',
};

/** The message of the error parsing `value` as a connections file throws (fails the test if it does not throw). */
function problem(value: unknown): string {
  try {
    parseConnectionsFile(value, file);
  } catch (error) {
    if (isAtlasSsoError(error, 'connections-file-invalid')) return error.message;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

function withConnection(changes: Record<string, unknown>): unknown {
  return { version: 1, connections: [{ ...valid, ...changes }] };
}

describe('connections file schema', () => {
  it('reads a full connection, normalizing the cluster URI for MONGODB-AWS and keeping account IDs as text', () => {
    const parsed = parseConnectionsFile({ version: 1, connections: [valid], settings: { theme: 'dark' } }, file);
    expect(parsed.connections[0]).toEqual({
      ...valid,
      clusters: [{ name: 'orders', uri: 'mongodb+srv://orders.abcde.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS' }],
    });
    expect(Object.keys(parsed.connections[0]?.accountAliases ?? {})).toEqual(['012345678901']);
    expect(parsed.settings).toEqual({ clipboardClearSeconds: 30, warnBeforeExpiryMinutes: 10, theme: 'dark' });
  });

  it('keeps the roles a cluster names (ARNs, names with or without a path), trimmed', () => {
    const roles = ['arn:aws:iam::012345678901:role/atlas/dba', ' AtlasReader ', 'team/Analyst'];
    const parsed = parseConnectionsFile(withConnection({ clusters: [{ name: 'orders', uri: 'mongodb://h/', roles }] }), file);
    expect(parsed.connections[0]?.clusters[0]?.roles).toEqual(['arn:aws:iam::012345678901:role/atlas/dba', 'AtlasReader', 'team/Analyst']);
  });

  it('fills defaults for a minimal file and connection', () => {
    const parsed = parseConnectionsFile({ version: 1, connections: [{ id: 'local', name: 'Local', idpUrl: 'http://127.0.0.1:8080/sso' }] }, file);
    expect(parsed.connections[0]).toEqual({ id: 'local', name: 'Local', idpUrl: 'http://127.0.0.1:8080/sso', clusters: [], accountAliases: {} });
    expect(parsed.settings).toEqual({ clipboardClearSeconds: 30, warnBeforeExpiryMinutes: 10, theme: 'system' });
  });

  it('names the file and says it was left unchanged', () => {
    const message = problem(withConnection({ idpUrl: 'ftp://x' }));
    expect(message).toContain(file);
    expect(message).toContain('left it unchanged');
  });

  it.each([
    [{ id: 'ACME prod' }, 'connections[0].id: must be lower-case letters, digits and single hyphens'],
    [{ id: 'a'.repeat(65) }, 'connections[0].id: is longer than 64 characters'],
    [{ name: '   ' }, 'connections[0].name: is empty: give the connection a name'],
    [{ name: 'two\nlines' }, 'connections[0].name: contains a line break'],
    [{ idpUrl: 'acme.okta.com' }, 'connections[0].idpUrl: is not a URL'],
    [{ idpUrl: 'http://acme.okta.com/sso' }, 'connections[0].idpUrl: must start with https://'],
    [{ idpUrl: 'https://ada:hunter2@acme.okta.com/sso' }, 'connections[0].idpUrl: holds a user name or password, and connections never hold a secret'],
    [{ acsUrl: 'http://signin.aws.amazon.com/saml' }, 'connections[0].acsUrl: must start with https://'],
    [{ stsRegion: 'europe' }, 'connections[0].stsRegion: must be an AWS region such as us-east-1'],
    [{ defaultRole: 'arn:aws:iam::12345:role/x' }, 'connections[0].defaultRole: must be an IAM role ARN'],
    [{ lastRole: 'arn:aws:iam::012345678901:saml-provider/Okta' }, 'connections[0].lastRole: must be an IAM role ARN'],
    [{ durationSeconds: 899 }, 'connections[0].durationSeconds: must be at least 900 seconds'],
    [{ durationSeconds: 43201 }, 'connections[0].durationSeconds: must be at most 43200 seconds'],
    [{ durationSeconds: 1000.5 }, 'connections[0].durationSeconds: must be a whole number of seconds'],
    [{ durationSeconds: '3600' }, 'connections[0].durationSeconds: must be a number of seconds'],
    [{ profile: 'my profile' }, 'connections[0].profile: The AWS profile name "my profile" contains a character'],
    [{ profile: '' }, 'connections[0].profile: The AWS profile name is empty'],
    [{ clusters: [{ name: 'a', uri: 'postgres://x' }] }, 'connections[0].clusters[0].uri: This is not a MongoDB connection string'],
    [{ clusters: [{ name: 'a', uri: 'mongodb+srv://ada:hunter2@orders.abcde.mongodb.net/' }] }, 'connections[0].clusters[0].uri: holds a user name, password or session token'],
    [{ clusters: [{ name: 'a', uri: 'mongodb+srv://o.mongodb.net/?authMechanismProperties=AWS_SESSION_TOKEN:abc' }] }, 'connections[0].clusters[0].uri: holds a user name, password or session token'],
    [{ clusters: [{ name: 'a', uri: 'mongodb://h/' }, { name: 'A', uri: 'mongodb://g/' }] }, 'connections[0].clusters: names the cluster "a" twice'],
    [{ clusters: [{ name: '', uri: 'mongodb://h/' }] }, 'connections[0].clusters[0].name: is empty'],
    [{ clusters: [{ name: 'a', uri: 'mongodb://h/', roles: ['Atlas Reader'] }] }, 'connections[0].clusters[0].roles[0]: must be an IAM role ARN or role name'],
    [{ clusters: [{ name: 'a', uri: 'mongodb://h/', roles: ['arn:aws:iam::012345678901:saml-provider/Okta'] }] }, 'connections[0].clusters[0].roles[0]: must be an IAM role ARN or role name'],
    [{ clusters: [{ name: 'a', uri: 'mongodb://h/', roles: 'AtlasReader' }] }, 'connections[0].clusters[0].roles: must be a list of role ARNs or names'],
    [{ accountAliases: { '12345678901': 'short' } }, 'connections[0].accountAliases["12345678901"]: is not an AWS account ID: account IDs are 12 digits'],
    [{ accountAliases: { '012345678901': '' } }, 'connections[0].accountAliases["012345678901"]: is empty'],
    [{ loginBrowser: 'firefox' }, 'connections[0].loginBrowser: must be "embedded" or "system"'],
    [{ colour: 'blue' }, 'connections[0].colour: is not a known field: remove it or check its spelling'],
  ])('refuses %j with its field path', (changes, expected) => {
    expect(problem(withConnection(changes))).toContain(expected);
  });

  it.each(['password', 'secret', 'token', 'SAMLResponse', 'aws_secret_access_key', 'aws_session_token', 'sessionToken', 'accessKeyId', 'clientSecret', 'passphrase'])(
    'refuses a "%s" field anywhere: connections never hold a secret',
    (key) => {
      expect(problem(withConnection({ [key]: 'x' }))).toContain(`connections[0].${key}: looks like a secret, and connections never hold a secret`);
      expect(problem({ version: 1, settings: { [key]: 'x' } })).toContain(`settings.${key}: looks like a secret`);
      expect(problem({ version: 1, [key]: 'x' })).toContain(`${key}: looks like a secret`);
      expect(problem(withConnection({ clusters: [{ name: 'a', uri: 'mongodb://h/', [key]: 'x' }] }))).toContain(`connections[0].clusters[0].${key}: looks like a secret`);
    },
  );

  it.each(['token', 'access_token', 'password', 'pwd', 'client_secret', 'SAMLResponse', 'key', 'api_key', 'sig', 'Signature', 'session_id'])(
    'refuses an IdP URL carrying a "%s" parameter (in the query or the fragment), naming it but never its value',
    (name) => {
      for (const idpUrl of [`https://acme.okta.com/app/aws/sso/saml?${name}=hunter2-value`, `https://acme.okta.com/app/aws/sso/saml#x=1&${name}=hunter2-value`]) {
        for (const message of [problem(withConnection({ idpUrl })), problem(withConnection({ acsUrl: idpUrl.replace('acme.okta.com', 'signin.aws.amazon.com') }))]) {
          expect(message).toMatch(/connections\[0\]\.(?:idpUrl|acsUrl): carries "[^"]+", which looks like a secret, and connections are shared as team files/);
          expect(message).toContain(`"${name}"`);
          expect(message).not.toContain('hunter2-value');
        }
      }
      expect(() => parseTeamFile({ version: 1, connections: [{ ...valid, lastRole: undefined, idpUrl: `https://acme.okta.com/sso?${name}=x` }] }, file)).toThrow(/looks like a secret/);
    },
  );

  it('keeps the parameters real IdP sign-in URLs use', () => {
    for (const idpUrl of [
      'https://acme.okta.com/home/amazon_aws/0oa1/272?fromHome=true',
      'https://adfs.acme.test/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices',
      'https://accounts.google.com/o/saml2/initsso?idpid=C01&spid=123&forceauthn=false',
      'https://myapps.microsoft.com/signin/AWS/abc?tenantId=def',
      'https://idp.acme.test/simplesaml/saml2/idp/SSOService.php?spentityid=urn:amazon:webservices&RelayState=x',
    ]) {
      expect(parseConnectionsFile(withConnection({ idpUrl }), file).connections[0]?.idpUrl).toBe(idpUrl);
    }
  });

  it('never echoes a refused value', () => {
    const message = problem(withConnection({ password: 'hunter2-value', clusters: [{ name: 'a', uri: 'mongodb+srv://ada:hunter2-value@o.mongodb.net/' }] }));
    expect(message).not.toContain('hunter2-value');
  });

  it('does not take ordinary field names for secrets', () => {
    for (const key of ['id', 'name', 'idpUrl', 'acsUrl', 'stsRegion', 'defaultRole', 'lastRole', 'durationSeconds', 'profile', 'clusters', 'uri', 'accountAliases', 'loginBrowser', 'mongoshPath', 'terminal', 'clipboardClearSeconds', 'warnBeforeExpiryMinutes', 'theme', 'version', 'connections', 'settings']) {
      expect(looksLikeSecretKey(key)).toBe(false);
    }
  });

  it('lists every problem, not just the first', () => {
    const message = problem(withConnection({ idpUrl: 'nope', durationSeconds: 5, password: 'x' }));
    expect(message).toContain('connections[0].idpUrl');
    expect(message).toContain('connections[0].durationSeconds');
    expect(message).toContain('connections[0].password');
  });

  it('refuses two connections with one id or one name (ids and names both find a connection)', () => {
    const second = { id: 'acme-prod', name: 'Other', idpUrl: 'https://x.example' };
    expect(problem({ version: 1, connections: [valid, second] })).toContain('connections: holds two connections with the id "acme-prod"');
    expect(problem({ version: 1, connections: [valid, { ...second, id: 'other', name: 'acme prod' }] })).toContain('connections: holds two connections named "acme prod"');
  });

  it.each([
    [{ version: 2, connections: [] }, 'version: is 2: this file was written by a newer Atlas SSO'],
    [{ connections: [] }, 'version: must be 1'],
    [{ version: 1, connections: {} }, 'connections: must be a list of connections'],
    [[], '(the whole file)'],
    [{ version: 1, settings: { clipboardClearSeconds: -1 } }, 'settings.clipboardClearSeconds: cannot be negative'],
    [{ version: 1, settings: { warnBeforeExpiryMinutes: 721 } }, 'settings.warnBeforeExpiryMinutes: must be at most 720 minutes'],
    [{ version: 1, settings: { theme: 'blue' } }, 'settings.theme: must be "system", "light" or "dark"'],
    [{ version: 1, settings: { mongoshPath: '' } }, 'settings.mongoshPath: is empty'],
  ])('refuses the file %j', (value, expected) => {
    expect(problem(value)).toContain(expected);
  });

  it('returns frozen data', () => {
    const parsed = parseConnectionsFile({ version: 1, connections: [valid] }, file);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.connections[0])).toBe(true);
  });
});

describe('team file schema', () => {
  it('reads connections without a last role', () => {
    const shared: Record<string, unknown> = { ...valid };
    delete shared.lastRole;
    expect(parseTeamFile({ version: 1, connections: [shared] }, '/tmp/team.json').connections[0]?.id).toBe('acme-prod');
  });

  it('refuses a last role and secrets, naming the team file and saying nothing was imported', () => {
    try {
      parseTeamFile({ version: 1, connections: [{ ...valid, token: 'x' }] }, '/tmp/team.json');
      expect.unreachable();
    } catch (error) {
      expect(isAtlasSsoError(error, 'connections-import-invalid')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('/tmp/team.json');
      expect(message).toContain('nothing was imported');
      expect(message).toContain('connections[0].lastRole: is not a known field');
      expect(message).toContain('connections[0].token: looks like a secret');
    }
  });
});
