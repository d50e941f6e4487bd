import { AssumeRoleWithSAMLCommand, STSClient } from '@aws-sdk/client-sts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samlFacts } from '../../emulators/idp/saml-facts.js';
import { captureAcsPost, launchTestChromium } from '../../emulators/idp/test-chromium.js';
import type { SimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../../emulators/simplesamlphp/server.js';
import type { StsEmulator } from '../../emulators/sts/index.js';
import { startStsEmulator } from '../../emulators/sts/index.js';

const principalArn = 'arn:aws:iam::012345678901:saml-provider/SimpleSAMLphp';
const dbaArn = 'arn:aws:iam::012345678901:role/team/dba';
const dba = `${dbaArn},${principalArn}`;
const reader = `arn:aws:iam::012345678901:role/reader,${principalArn}`;

describe('SimpleSAMLphp in headless Chromium', () => {
  let idp: SimpleSamlPhp;
  let browser: Browser;
  let sts: StsEmulator;
  let stsClient: STSClient;

  beforeAll(async () => {
    idp = await startSimpleSamlPhp({ users: [{ username: 'alice', password: 'alice-pass', roles: [dba, reader], sessionDuration: 3600 }] });
    // Registered in "IAM" with SimpleSAMLphp's own certificate and entity ID, as an administrator would.
    sts = await startStsEmulator({ providers: [{ principalArn, certificatePem: idp.certificatePem, issuer: idp.entityId }], roles: [{ roleArn: dbaArn }] });
    stsClient = new STSClient({ region: 'us-east-1', endpoint: sts.url, maxAttempts: 1 });
    browser = await launchTestChromium();
  });

  afterAll(async () => {
    stsClient.destroy();
    await browser.close();
    await Promise.all([idp.close(), sts.close()]);
  });

  it('signs in at the real login page, auto-posts the roles to the AWS ACS, and STS redeems them', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const posted = await captureAcsPost(page);
      await page.goto(idp.ssoUrl);
      await page.fill('#username', 'alice');
      await page.fill('#password', 'alice-pass');
      await page.click('#submit_button');
      const { url, fields } = await posted();
      expect(url).toBe('https://signin.aws.amazon.com/saml');
      const facts = samlFacts(fields.get('SAMLResponse') ?? '');
      expect(facts.roles).toEqual([dba, reader]);
      expect(facts.roleSessionName).toBe('alice');
      expect(facts.responseSigned && facts.assertionSigned).toBe(true);
      const assumed = await stsClient.send(new AssumeRoleWithSAMLCommand({ RoleArn: dbaArn, PrincipalArn: principalArn, SAMLAssertion: fields.get('SAMLResponse') ?? '' }));
      expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::012345678901:assumed-role/dba/alice');
      expect(sts.issued.has(assumed.Credentials?.AccessKeyId ?? '')).toBe(true);
    } finally {
      await context.close();
    }
  });
});
