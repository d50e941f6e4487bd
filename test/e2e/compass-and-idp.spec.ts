/**
 * Beyond the peers, as the UI shows them against Demo Corp's emulators: "What the IdP sent" after a sign-in, what Atlas
 * said last time beside each role, and "Open in Compass" (a stand-in: Compass cannot be installed on this machine).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';
import { demoClusterName } from '../emulators/demo-stack.js';
import { demoPerFile } from './support/demo-per-file.js';
import { checkScreen } from './support/screens.js';
import { chooseFromCardMenu, connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import { demoTyping, nodeModulesBin, repoRoot, startUiHost } from './support/ui-host.js';

const demo = demoPerFile();
let folder: string;

test.beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atlas-sso-compass-e2e-'));
  await mkdir(join(folder, 'bin'));
  await symlink(join(repoRoot, 'test', 'fixtures', 'stand-in-compass', 'mongodb-compass'), join(folder, 'bin', 'mongodb-compass'));
});
test.afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('a sign-in shows what the IdP sent; Test connection teaches the role picker what Atlas accepts; Open in Compass gets the keys in its environment only', async ({ page }) => {
  const record = join(folder, 'compass-record.json');
  const ui = demo.track(
    await startUiHost({
      stsUrl: demo.stack.sts.url,
      connections: [demo.stack.connection],
      path: `${join(folder, 'bin')}:${nodeModulesBin}:/usr/bin:/bin`,
      env: { AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'someone-else', STAND_IN_RECORD: record },
    }),
  );
  await page.goto(ui.url);

  // The first sign-in: nothing tested yet, and what the IdP sent is one click away in the picker.
  let picker = await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: demoTyping('alice', 'alice-demo') });
  const dba = picker.getByRole('option', { name: /AtlasDba/ });
  await expect(dba.getByText('Not tested with Atlas')).toBeVisible();
  await picker.getByText('What the IdP sent', { exact: true }).click();
  await expect(picker.getByText('No problem found in what the IdP sent.')).toBeVisible();
  const facts = picker.getByRole('definition');
  await expect(facts.first()).toBeVisible();
  await expect(picker.getByRole('term').filter({ hasText: 'Response signed' })).toBeVisible();
  await expect(picker.getByText(demoRoles.noDbUser.roleArn).first()).toBeVisible();
  await checkScreen(page, 'role-picker-idp-report');
  await page.getByRole('combobox', { name: 'Filter roles' }).focus();
  await pickRoleByTyping(page, 'dba');

  const card = connectionCard(page, 'Demo Corp');
  await expect(card).toContainText('Signed in as AtlasDba');
  const cluster = card.getByRole('region', { name: demoClusterName });
  await cluster.getByRole('button', { name: 'Test connection' }).click();
  await expect(cluster.getByRole('status', { name: 'Connection test' })).toContainText('Connected');

  // Open in Compass: the credential-free connection string as its only argument, the session's keys in its environment.
  await cluster.getByRole('button', { name: 'Open in Compass' }).click();
  await expect(page.locator('.toast', { hasText: 'MongoDB Compass opened' })).toBeVisible();
  await expect.poll(() => existsSync(record), { timeout: 20_000 }).toBe(true);
  const seen = JSON.parse(await readFile(record, 'utf8')) as { readonly argv: readonly string[]; readonly environment: Readonly<Record<string, string>> };
  expect(seen.argv).toEqual([demo.stack.atlas.uri]);
  const keys = demo.stack.sts.issued.get(seen.environment.AWS_ACCESS_KEY_ID ?? '');
  expect(keys?.arn).toBe(`arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice`);
  expect(seen.environment).toMatchObject({ AWS_SECRET_ACCESS_KEY: keys?.secretAccessKey, AWS_SESSION_TOKEN: keys?.sessionToken });
  expect(seen.environment).not.toHaveProperty('AWS_PROFILE');
  expect(seen.argv.join(' ')).not.toContain(keys?.secretAccessKey ?? '<none>');

  // After the sign-in, the card still shows what the IdP sent.
  await chooseFromCardMenu(page, 'Demo Corp', 'What the IdP sent');
  const report = page.getByRole('dialog', { name: 'What the IdP sent: Demo Corp' });
  await expect(report.getByRole('term').filter({ hasText: 'RoleSessionName' })).toBeVisible();
  await expect(report).toContainText('alice');
  await checkScreen(page, 'idp-report-dialog');
  await report.getByRole('button', { name: 'Close' }).last().click();

  // The next sign-in (silent: the IdP remembers alice) shows what Atlas said about AtlasDba; untested roles stay untested.
  await chooseFromCardMenu(page, 'Demo Corp', 'Sign out…');
  await page.getByRole('dialog', { name: 'Sign out of Demo Corp?' }).getByRole('button', { name: 'Sign out' }).click();
  await card.getByRole('button', { name: 'Sign in' }).click();
  picker = page.getByRole('dialog', { name: 'Choose a role for Demo Corp' });
  await expect(picker.getByRole('option', { name: /AtlasDba/ }).getByText(/^Atlas user found · /)).toBeVisible();
  await expect(picker.getByRole('option', { name: /AtlasReader/ }).getByText('Not tested with Atlas')).toBeVisible();
  await checkScreen(page, 'role-picker-atlas-verdicts');
});
