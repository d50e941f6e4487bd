/** The same flow at an IdP nobody on this project wrote: Debian's SimpleSAMLphp, trusted by the STS emulator as IAM would be. */
import { expect, test } from '@playwright/test';
import { startDemoAtlas } from '../emulators/demo-corp.js';
import type { AtlasEmulator } from '../emulators/atlas/index.js';
import type { SimpleSamlPhp } from '../emulators/simplesamlphp/server.js';
import { startSimpleSamlPhp } from '../emulators/simplesamlphp/server.js';
import type { StsEmulator } from '../emulators/sts/index.js';
import { startStsEmulator } from '../emulators/sts/index.js';
import { connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import type { UiHost } from './support/ui-host.js';
import { startUiHost } from './support/ui-host.js';

const principalArn = 'arn:aws:iam::012345678901:saml-provider/SimpleSAMLphp';
const dbaArn = 'arn:aws:iam::012345678901:role/AtlasDba';
const readerArn = 'arn:aws:iam::012345678901:role/team/AtlasReader';

let idp: SimpleSamlPhp;
let sts: StsEmulator;
let atlas: AtlasEmulator;
let host: UiHost | undefined;

test.beforeAll(async () => {
  idp = await startSimpleSamlPhp({ users: [{ username: 'alice', password: 'alice-pass', roles: [`${dbaArn},${principalArn}`, `${principalArn},${readerArn}`], sessionDuration: 3600 }] });
  sts = await startStsEmulator({ providers: [{ principalArn, certificatePem: idp.certificatePem, issuer: idp.entityId }], roles: [{ roleArn: dbaArn }, { roleArn: readerArn }] });
  atlas = await startDemoAtlas(sts);
});

test.afterAll(async () => {
  await host?.stop();
  await atlas.close();
  await Promise.all([idp.close(), sts.close()]);
});

test('sign in at SimpleSAMLphp through the UI, pick a role, and test the Atlas connection', async ({ page }) => {
  host = await startUiHost({
    stsUrl: sts.url,
    connections: [{ id: 'acme', name: 'Acme', idpUrl: idp.ssoUrl, clusters: [{ name: 'Acme cluster', uri: atlas.uri }], accountAliases: { '012345678901': 'Acme prod' } }],
  });
  await page.goto(host.url);
  await signInToPicker(page, host, {
    connection: 'Acme',
    idpOrigin: idp.url,
    typing: { usernameSelector: '#username', passwordSelector: '#password', submitSelector: '#submit_button', username: 'alice', password: 'alice-pass' },
  });
  await expect(page.getByRole('option')).toHaveCount(2);
  await pickRoleByTyping(page, 'AtlasDba');
  const card = connectionCard(page, 'Acme');
  await expect(card).toContainText('Signed in as AtlasDba in Acme prod (012345678901)');
  const cluster = card.getByRole('region', { name: 'Acme cluster' });
  await cluster.getByRole('button', { name: 'Test connection' }).click();
  await expect(cluster.getByRole('status', { name: 'Connection test' })).toContainText(dbaArn);
});
