import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormClient, readForm } from '../../emulators/idp/form-client.js';
import { samlFacts } from '../../emulators/idp/saml-facts.js';
import { phpLiteral } from '../../emulators/simplesamlphp/php-literal.js';
import type { SimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';

const execFileAsync = promisify(execFile);

const dba = 'arn:aws:iam::012345678901:role/team/dba,arn:aws:iam::012345678901:saml-provider/Corp';
// Provider first: IdPs write the pair in either order.
const reader = 'arn:aws:iam::012345678901:saml-provider/Corp,arn:aws:iam::012345678901:role/reader';
const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

describe('phpLiteral', () => {
  it('writes values PHP reads back unchanged, quotes and backslashes included', async () => {
    const value = { plain: 'a', tricky: "it's a \\ back\\'slash", list: ['x', 'y'], n: 3600, yes: true, none: null, nested: { k: [] } };
    const dir = await mkdtemp(join(tmpdir(), 'atlas-sso-php-literal-'));
    try {
      const file = join(dir, 'value.php');
      await writeFile(file, `<?php\nreturn ${phpLiteral(value)};\n`);
      const { stdout } = await execFileAsync('php', ['-r', 'echo json_encode(include $argv[1]);', file]);
      expect(JSON.parse(stdout)).toEqual({ ...value, nested: { k: [] } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SimpleSAMLphp harness', () => {
  let idp: SimpleSamlPhp;
  const acsUrl = 'https://eu-west-1.signin.aws.amazon.com/saml';

  beforeAll(async () => {
    idp = await startSimpleSamlPhp({
      users: [
        { username: 'alice', password: 'alice-pass', roles: [dba, reader], sessionDuration: 3600 },
        { username: "o'brien", password: 'pa$$ \\ word', roles: [dba] },
      ],
      acsUrl,
    });
  });

  afterAll(async () => {
    await idp.close();
  });

  /** Opens the IdP-initiated SSO URL and signs in through SimpleSAMLphp's real login form. */
  async function signIn(client: ReturnType<typeof createFormClient>, username: string, password: string) {
    const login = await client.get(idp.ssoUrl);
    expect(login.status).toBe(200);
    expect(readForm(login.html).fields).toHaveProperty('AuthState');
    return client.submit(login, { username, password });
  }

  it('signs a person in and posts a signed SAMLResponse with their AWS roles to the ACS', async () => {
    const client = createFormClient();
    const posted = await signIn(client, 'alice', 'alice-pass');
    const form = readForm(posted.html);
    expect(form.action).toBe(acsUrl);
    expect(form.method).toBe('post');
    const facts = samlFacts(form.fields.SAMLResponse ?? '');
    expect(facts.statusCode).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(facts.destination).toBe(acsUrl);
    expect(facts.recipient).toBe(acsUrl);
    expect(facts.audience).toBe('urn:amazon:webservices');
    expect(facts.issuer).toBe(idp.entityId);
    expect(facts.roles).toEqual([dba, reader]);
    expect(facts.roleSessionName).toBe('alice');
    expect(facts.sessionDuration).toBe('3600');
    expect(facts.responseSigned).toBe(true);
    expect(facts.assertionSigned).toBe(true);
    expect(facts.signatureAlgorithms).toEqual([rsaSha256, rsaSha256]);
    expect(facts.prefixes).toEqual({ response: 'samlp', assertion: 'saml' });
    expect(facts.encrypted).toBe(false);
  });

  it('signs with the certificate the harness reports', async () => {
    const client = createFormClient();
    const posted = await signIn(client, 'alice', 'alice-pass');
    const xml = Buffer.from(readForm(posted.html).fields.SAMLResponse ?? '', 'base64').toString('utf8');
    const embedded = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(xml)?.[1];
    const reported = idp.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(embedded).toBe(reported);
  });

  it('keeps user names and passwords with quotes and backslashes intact', async () => {
    const client = createFormClient();
    const posted = await signIn(client, "o'brien", 'pa$$ \\ word');
    const facts = samlFacts(readForm(posted.html).fields.SAMLResponse ?? '');
    expect(facts.roleSessionName).toBe("o'brien");
    expect(facts.roles).toEqual([dba]);
    expect(facts.sessionDuration).toBeUndefined();
  });

  it('shows the login form again after a wrong password, without posting anything', async () => {
    const client = createFormClient();
    const posted = await signIn(client, 'alice', 'wrong');
    expect(posted.html).not.toContain('SAMLResponse');
    expect(posted.html).toMatch(/incorrect username or password/i);
    expect(readForm(posted.html).fields).toHaveProperty('AuthState');
  });

  it('signs in silently on the second visit with its session cookie', async () => {
    const client = createFormClient();
    await signIn(client, 'alice', 'alice-pass');
    const again = await client.get(idp.ssoUrl);
    expect(again.html).not.toContain('name="password"');
    expect(samlFacts(readForm(again.html).fields.SAMLResponse ?? '').roles).toEqual([dba, reader]);
  });

  it('writes a log the tests can read, with no assertion in it', async () => {
    const log = await idp.readLog();
    expect(log).toContain("User 'alice' successfully authenticated");
    expect(log).not.toContain('SAMLResponse');
  });
});
