import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSamlResponse } from '../../../core/saml/read-saml-response.js';
import type { FetchedPage } from '../../emulators/idp/form-client.js';
import { createFormClient, readForm } from '../../emulators/idp/form-client.js';
import { samlFacts } from '../../emulators/idp/saml-facts.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import { totp, verifyTotp } from '../../emulators/idp/totp.js';

const dba = 'arn:aws:iam::012345678901:role/team/dba,arn:aws:iam::012345678901:saml-provider/Corp';
const reader = 'arn:aws:iam::012345678901:saml-provider/Corp,arn:aws:iam::012345678901:role/reader';
// RFC 6238 appendix B's SHA-1 seed, "12345678901234567890", in base32.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const bobSecret = 'JBSWY3DPEHPK3PXP';
const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

describe('totp', () => {
  it.each([
    [59_000, '287082'],
    [1_111_111_109_000, '081804'],
    [1_111_111_111_000, '050471'],
    [1_234_567_890_000, '005924'],
    [2_000_000_000_000, '279037'],
  ])('matches RFC 6238 at %i ms', (time, code) => {
    expect(totp(rfcSecret, time)).toBe(code);
  });

  it('accepts the step before and after, not two away', () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(bobSecret, totp(bobSecret, now), now)).toBe(true);
    expect(verifyTotp(bobSecret, totp(bobSecret, now - 30_000), now)).toBe(true);
    expect(verifyTotp(bobSecret, totp(bobSecret, now + 30_000), now)).toBe(true);
    expect(verifyTotp(bobSecret, totp(bobSecret, now - 60_000), now)).toBe(false);
    expect(verifyTotp(bobSecret, totp(bobSecret, now + 60_000), now)).toBe(false);
    expect(verifyTotp(bobSecret, 'abcdef', now)).toBe(false);
  });

  it('reads secrets as apps show them: lower case, spaced, padded', () => {
    expect(totp('jbsw y3dp ehpk 3pxp', 59_000)).toBe(totp(bobSecret, 59_000));
    expect(() => totp('not base32!', 0)).toThrow(/base32/);
  });
});

describe('IdP emulator', () => {
  let idp: IdpEmulator;

  beforeAll(async () => {
    idp = await startIdpEmulator({
      title: 'Demo <Corp>',
      users: [
        { username: 'alice', password: 'alice-pass', roles: [dba, reader], sessionDuration: 7200, displayName: 'Alice Admin' },
        { username: 'bob', password: 'bob-pass', roles: [dba], totpSecret: bobSecret },
      ],
    });
  });

  afterEach(() => {
    idp.setMode({ kind: 'normal' });
  });

  afterAll(async () => {
    await idp.close();
  });

  async function signIn(client = createFormClient(), username = 'alice', password = `${username}-pass`): Promise<FetchedPage> {
    const login = await client.get(idp.ssoUrl);
    return client.submit(login, { username, password });
  }

  function postedResponse(page: FetchedPage): string {
    const form = readForm(page.html);
    expect(form.action).toBe('https://signin.aws.amazon.com/saml');
    expect(form.method).toBe('post');
    return form.fields.SAMLResponse ?? '';
  }

  it('shows a real login form at the SSO URL', async () => {
    const page = await createFormClient().get(idp.ssoUrl);
    expect(page.status).toBe(200);
    const form = readForm(page.html);
    expect(Object.keys(form.fields).sort()).toEqual(['RelayState', 'keepSignedIn', 'password', 'username']);
    expect(form.method).toBe('post');
    expect(page.html).toMatch(/<input id="keep-signed-in" name="keepSignedIn" type="checkbox">\s*<label for="keep-signed-in">Keep me signed in<\/label>/);
    expect(page.html).toContain('<title>Demo &#60;Corp&#62;</title>');
    expect(page.html).not.toContain('alice-pass');
  });

  it('posts a signed AWS SAMLResponse with the user\'s roles after the password', async () => {
    const client = createFormClient();
    const login = await client.get(`${idp.ssoUrl}?RelayState=${encodeURIComponent('https://console.aws.amazon.com/')}`);
    const page = await client.submit(login, { username: 'alice', password: 'alice-pass' });
    expect(page.status).toBe(200);
    expect(readForm(page.html).fields.RelayState).toBe('https://console.aws.amazon.com/');
    const base64 = postedResponse(page);
    const facts = samlFacts(base64);
    expect(facts).toMatchObject({
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      destination: 'https://signin.aws.amazon.com/saml',
      recipient: 'https://signin.aws.amazon.com/saml',
      audience: 'urn:amazon:webservices',
      issuer: idp.issuer,
      roles: [dba, reader],
      roleSessionName: 'alice',
      sessionDuration: '7200',
      responseSigned: true,
      assertionSigned: true,
      encrypted: false,
    });
    expect(facts.signatureAlgorithms).toEqual([rsaSha256, rsaSha256]);
    const read = readSamlResponse(base64);
    expect(read.facts.roles.map((role) => role.roleArn)).toEqual(['arn:aws:iam::012345678901:role/team/dba', 'arn:aws:iam::012345678901:role/reader']);
    expect(read.facts.sessionDuration).toBe(7200);
    expect(idp.signIns.at(-1)).toEqual({ username: 'alice', silent: false });
  });

  it('auto-submits with a nonce\'d inline script the CSP allows, and has a Continue button for no-JS', async () => {
    const page = await signIn();
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /<script nonce="([^"]+)">document\.forms\[0\]\.submit\(\);<\/script>/.exec(page.html)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain(`script-src 'nonce-${nonce ?? ''}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('form-action \'self\' https://signin.aws.amazon.com/saml');
    expect(page.html).toMatch(/<button type="submit">Continue<\/button>/);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie with a random id', async () => {
    const first = createFormClient();
    const second = createFormClient();
    await signIn(first);
    await signIn(second);
    const a = first.cookies(idp.url).get('idp_session') ?? '';
    const b = second.cookies(idp.url).get('idp_session') ?? '';
    expect(a).toMatch(/HttpOnly/);
    expect(a).toMatch(/SameSite=Lax/);
    expect(a.split(';')[0]).not.toBe(b.split(';')[0]);
  });

  it('makes the cookie outlive the browser (Max-Age, 8 hours) only when "Keep me signed in" is ticked', async () => {
    const signInWith = async (extra: Readonly<Record<string, string>>): Promise<string> => {
      const client = createFormClient();
      await client.get(idp.ssoUrl);
      // What a browser sends: a ticked box as `keepSignedIn=on`, an unticked one not at all.
      const page = await client.post(`${idp.url}/sso/aws/login`, { RelayState: '', username: 'alice', password: 'alice-pass', ...extra });
      expect(readForm(page.html).fields).toHaveProperty('SAMLResponse');
      return client.cookies(idp.url).get('idp_session') ?? '';
    };
    const kept = await signInWith({ keepSignedIn: 'on' });
    const unticked = await signInWith({});
    expect(kept).toMatch(/; Max-Age=28800$/);
    expect(kept).toMatch(/HttpOnly; SameSite=Lax/);
    expect(unticked).toMatch(/^idp_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(unticked).not.toMatch(/Max-Age|Expires/i);
    expect(idp.signIns.slice(-2)).toEqual([{ username: 'alice', silent: false }, { username: 'alice', silent: false }]);
  });

  it('keeps the box\'s answer through the TOTP step', async () => {
    const client = createFormClient();
    const codePage = await client.submit(await client.get(idp.ssoUrl), { username: 'bob', password: 'bob-pass', keepSignedIn: 'on' });
    expect(client.cookies(idp.url).has('idp_session')).toBe(false);
    await client.submit(codePage, { code: totp(bobSecret) });
    expect(client.cookies(idp.url).get('idp_session')).toMatch(/; Max-Age=28800$/);
  });

  it.each([
    ['a wrong password', 'alice', 'nope'],
    ['an unknown user', 'mallory', 'alice-pass'],
  ])('answers %s with the form again and "Incorrect username or password." (HTTP 200)', async (_case, username, password) => {
    const client = createFormClient();
    const page = await signIn(client, username, password);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Incorrect username or password.');
    expect(page.html).not.toContain('SAMLResponse');
    expect(readForm(page.html).fields.username).toBe(username);
    expect(client.cookies(idp.url).has('idp_session')).toBe(false);
  });

  it('asks for a TOTP code after the password, refuses a wrong one, then posts', async () => {
    const client = createFormClient();
    const codePage = await signIn(client, 'bob');
    expect(codePage.html).toContain('Two-step verification');
    expect(codePage.html).not.toContain('SAMLResponse');
    expect(client.cookies(idp.url).has('idp_session')).toBe(false);
    const now = Date.now();
    const nearby = new Set([-2, -1, 0, 1, 2].map((step) => totp(bobSecret, now + step * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find((code) => !nearby.has(code)) ?? '';
    const refused = await client.submit(codePage, { code: wrong });
    expect(refused.html).toContain('Incorrect code.');
    expect(refused.html).not.toContain('SAMLResponse');
    const posted = await client.submit(refused, { code: totp(bobSecret) });
    expect(samlFacts(postedResponse(posted)).roles).toEqual([dba]);
    expect(idp.signIns.at(-1)).toEqual({ username: 'bob', silent: false });
  });

  it('refuses a TOTP step that never had a password', async () => {
    const page = await createFormClient().post(`${idp.url}/sso/aws/totp`, { pending: 'made-up', code: totp(bobSecret) });
    expect(page.html).toContain('Enter your password again.');
    expect(page.html).not.toContain('SAMLResponse');
  });

  it('signs in silently on a second visit with the cookie, and asks again after /logout', async () => {
    const client = createFormClient();
    await signIn(client);
    const again = await client.get(idp.ssoUrl);
    expect(again.html).not.toContain('name="password"');
    expect(samlFacts(postedResponse(again)).roles).toEqual([dba, reader]);
    expect(idp.signIns.at(-1)).toEqual({ username: 'alice', silent: true });
    expect(again.headers.get('set-cookie')).toBeNull();
    const out = await client.get(`${idp.url}/logout`);
    expect(out.html).toContain('You are signed out');
    expect(client.cookies(idp.url).has('idp_session')).toBe(false);
    const afterLogout = await client.get(idp.ssoUrl);
    expect(afterLogout.html).toContain('name="password"');
  });

  it('error-status: posts a Responder status with its message and no assertion', async () => {
    idp.setMode({ kind: 'error-status', message: 'User is not assigned to this application.' });
    const facts = samlFacts(postedResponse(await signIn()));
    expect(facts.statusCode).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(facts.statusMessage).toBe('User is not assigned to this application.');
    expect(facts.roles).toEqual([]);
  });

  it('short-expiry: the assertion expires the given seconds after sign-in', async () => {
    idp.setMode({ kind: 'short-expiry', seconds: 2 });
    const before = Math.floor(Date.now() / 1000) * 1000;
    const facts = samlFacts(postedResponse(await signIn()));
    const after = Date.now();
    const expires = Date.parse(facts.notOnOrAfter ?? '');
    expect(expires).toBeGreaterThanOrEqual(before + 2000);
    expect(expires).toBeLessThanOrEqual(after + 2000);
  });

  it('huge-assertion: exactly 100,000 base64 characters, several hundred roles, the real ones first', async () => {
    idp.setMode({ kind: 'huge-assertion' });
    const base64 = postedResponse(await signIn());
    expect(base64).toHaveLength(100_000);
    const facts = samlFacts(base64);
    expect(facts.roles.length).toBeGreaterThan(300);
    expect(facts.roles.slice(0, 2)).toEqual([dba, reader]);
    expect(readSamlResponse(base64).facts.roles.length).toBe(facts.roles.length);
  });

  it('encrypted: the assertion is an EncryptedAssertion the client cannot read', async () => {
    idp.setMode({ kind: 'encrypted' });
    const facts = samlFacts(postedResponse(await signIn()));
    expect(facts.encrypted).toBe(true);
    expect(facts.roles).toEqual([]);
    expect(facts.responseSigned).toBe(true);
  });

  it('never-posts: login succeeds, then a page with nothing to post', async () => {
    idp.setMode({ kind: 'never-posts' });
    const page = await signIn();
    expect(page.status).toBe(200);
    expect(page.html).toContain('You are signed in.');
    expect(page.html).not.toContain('<form');
    expect(idp.signIns.at(-1)).toEqual({ username: 'alice', silent: false });
  });

  it('error-page: shows the IdP\'s error instead of posting', async () => {
    idp.setMode({ kind: 'error-page', message: 'Your account is locked.' });
    const page = await signIn();
    expect(page.status).toBe(403);
    expect(page.html).toContain('Your account is locked.');
    expect(page.html).not.toContain('SAMLResponse');
  });

  it('goes back to normal after a reset', async () => {
    idp.setMode({ kind: 'error-page', message: 'Down for maintenance.' });
    idp.setMode({ kind: 'normal' });
    expect(samlFacts(postedResponse(await signIn())).statusCode).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
  });
});

describe('IdP emulator options', () => {
  const started: IdpEmulator[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((idp) => idp.close()));
  });

  it('lists the demo users and passwords only when asked', async () => {
    const users = [{ username: 'carol', password: 'carol-demo', roles: [dba], displayName: 'Carol DBA', totpSecret: bobSecret }];
    const demo = await startIdpEmulator({ users, showDemoPasswords: true, title: 'Demo Corp' });
    const plain = await startIdpEmulator({ users });
    started.push(demo, plain);
    const demoPage = await createFormClient().get(demo.ssoUrl);
    expect(demoPage.html).toContain('Demo accounts');
    expect(demoPage.html).toMatch(/Carol DBA<\/td><td><code>carol<\/code><\/td><td><code>carol-demo<\/code><\/td><td>yes/);
    expect(demoPage.html).toContain('Sign in to Demo Corp');
    const plainPage = await createFormClient().get(plain.ssoUrl);
    expect(plainPage.html).not.toContain('carol-demo');
  });

  it.each([
    'https://signin.amazonaws-us-gov.com/saml',
    'https://signin.amazonaws.cn/saml',
    'https://eu-west-1.signin.aws.amazon.com/saml',
  ])('posts to %s, with Destination and Recipient set to it', async (acsUrl) => {
    const idp = await startIdpEmulator({ users: [{ username: 'dan', password: 'dan-pass', roles: [dba] }], acsUrl, issuer: 'https://idp.example.test' });
    started.push(idp);
    const client = createFormClient();
    const page = await client.submit(await client.get(idp.ssoUrl), { username: 'dan', password: 'dan-pass' });
    const form = readForm(page.html);
    expect(form.action).toBe(acsUrl);
    const facts = samlFacts(form.fields.SAMLResponse ?? '');
    expect([facts.destination, facts.recipient, facts.issuer]).toEqual([acsUrl, acsUrl, 'https://idp.example.test']);
  });

  it('refuses an ACS that is neither AWS nor this computer', async () => {
    await expect(startIdpEmulator({ users: [], acsUrl: 'https://evil.example.com/saml' })).rejects.toThrow(/AWS sign-in SAML endpoint/);
  });
});
