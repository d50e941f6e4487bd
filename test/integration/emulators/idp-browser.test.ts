import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { samlFacts } from '../../emulators/idp/saml-facts.js';
import type { IdpEmulator } from '../../emulators/idp/server.js';
import { startIdpEmulator } from '../../emulators/idp/server.js';
import { captureAcsPost, launchTestChromium } from '../../emulators/idp/test-chromium.js';
import { totp } from '../../emulators/idp/totp.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const principalArn = 'arn:aws:iam::012345678901:saml-provider/Corp';
const dbaArn = 'arn:aws:iam::012345678901:role/team/dba';
const dba = `${dbaArn},${principalArn}`;
const reader = 'arn:aws:iam::012345678901:role/reader,arn:aws:iam::012345678901:saml-provider/Corp';
const secret = 'JBSWY3DPEHPK3PXP';

describe('IdP emulator in headless Chromium', () => {
  let idp: IdpEmulator;
  let browser: Browser;
  let context: BrowserContext;
  let sts: StsEmulator;
  let stsClient: STSClient;

  beforeAll(async () => {
    idp = await startIdpEmulator({
      title: 'Demo Corp',
      showDemoPasswords: true,
      users: [
        { username: 'alice', password: 'alice-pass', roles: [dba, reader], sessionDuration: 3600 },
        { username: 'bob', password: 'bob-pass', roles: [reader], totpSecret: secret },
      ],
    });
    sts = await startStsEmulator({ providers: [{ principalArn, certificatePem: idp.certificatePem, issuer: idp.issuer }], roles: [{ roleArn: dbaArn }] });
    stsClient = new STSClient({ region: 'us-east-1', endpoint: sts.url, maxAttempts: 1 });
    browser = await launchTestChromium();
  });

  beforeEach(async () => {
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context.close();
    idp.setMode({ kind: 'normal' });
  });

  afterAll(async () => {
    stsClient.destroy();
    await browser.close();
    await Promise.all([idp.close(), sts.close()]);
  });

  it('auto-posts the SAMLResponse to the AWS ACS after the login form, under its own CSP, and STS redeems it', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const posted = await captureAcsPost(page);
    await page.goto(idp.ssoUrl);
    await expect(page.title()).resolves.toBe('Demo Corp');
    await expect(page.locator('.demo').textContent()).resolves.toContain('alice-pass');
    await page.fill('#username', 'alice');
    await page.fill('#password', 'alice-pass');
    await page.click('button[type=submit]');
    const { url, fields } = await posted();
    expect(url).toBe('https://signin.aws.amazon.com/saml');
    expect([...fields.keys()].sort()).toEqual(['RelayState', 'SAMLResponse']);
    const facts = samlFacts(fields.get('SAMLResponse') ?? '');
    expect(facts.roles).toEqual([dba, reader]);
    expect(facts.sessionDuration).toBe('3600');
    expect(violations).toEqual([]);
    const assumed = await stsClient.send(new AssumeRoleWithSAMLCommand({ RoleArn: dbaArn, PrincipalArn: principalArn, SAMLAssertion: fields.get('SAMLResponse') ?? '' }));
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::012345678901:assumed-role/dba/alice');
    expect(sts.issued.has(assumed.Credentials?.AccessKeyId ?? '')).toBe(true);
  });

  it('posts silently on a second visit in the same browser profile', async () => {
    const first = await context.newPage();
    const firstPost = await captureAcsPost(first);
    await first.goto(idp.ssoUrl);
    await first.fill('#username', 'alice');
    await first.fill('#password', 'alice-pass');
    await first.click('button[type=submit]');
    await firstPost();
    const second = await context.newPage();
    const secondPost = await captureAcsPost(second);
    await second.goto(idp.ssoUrl);
    expect(samlFacts((await secondPost()).fields.get('SAMLResponse') ?? '').roles).toEqual([dba, reader]);
    expect(idp.signIns.at(-1)).toEqual({ username: 'alice', silent: true });
  });

  it('goes through the TOTP step', async () => {
    const page = await context.newPage();
    const posted = await captureAcsPost(page);
    await page.goto(idp.ssoUrl);
    await page.fill('#username', 'bob');
    await page.fill('#password', 'bob-pass');
    await page.click('button[type=submit]');
    await page.fill('#code', totp(secret));
    await page.click('button[type=submit]');
    expect(samlFacts((await posted()).fields.get('SAMLResponse') ?? '').roles).toEqual([reader]);
  });

  it('posts with the Continue button when JavaScript is off', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await noJs.newPage();
      const posted = await captureAcsPost(page);
      await page.goto(idp.ssoUrl);
      await page.fill('#username', 'alice');
      await page.fill('#password', 'alice-pass');
      await page.click('button[type=submit]');
      await expect(page.locator('noscript').count()).resolves.toBe(1);
      await page.click('text=Continue');
      expect(samlFacts((await posted()).fields.get('SAMLResponse') ?? '').roles).toEqual([dba, reader]);
    } finally {
      await noJs.close();
    }
  });
});
