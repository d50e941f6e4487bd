/** "Check my identity": a signed-in session's keys and this computer's own chain, as the UI shows them, against Demo Corp's emulators. */
import { expect, test } from '@playwright/test';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';
import { demoClusterName } from '../emulators/demo-stack.js';
import { checkScreen } from './support/screens.js';
import { connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import type { UiHost, UiHostOptions } from './support/ui-host.js';
import { demoTyping, startUiHost } from './support/ui-host.js';
import { demoPerFile } from './support/demo-per-file.js';

const demo = demoPerFile();


/** A host with Demo Corp saved; the EC2 metadata service is off, so nothing is ever sent to 169.254.169.254. */
async function startHost(env: UiHostOptions['env'] = {}): Promise<UiHost> {
  const host = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [demo.stack.connection], env: { AWS_EC2_METADATA_DISABLED: 'true', ...env } }));
  return host;
}

/** Signs in as alice, picks the role matching `filter`, and opens "Check my identity" on the card. */
async function checkIdentityAs(page: Parameters<typeof signInToPicker>[0], ui: UiHost, filter: string) {
  await page.goto(ui.url);
  await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: demoTyping('alice', 'alice-demo') });
  await pickRoleByTyping(page, filter);
  const card = connectionCard(page, 'Demo Corp');
  await expect(card.getByText('Signed in as')).toBeVisible();
  await card.getByRole('button', { name: 'Check my identity' }).click();
  return page.getByRole('dialog', { name: 'Check my identity on Demo Corp' });
}

test('a session shows its caller, the Atlas user to create, and the cluster accepts it', async ({ page }) => {
  const ui = await startHost();
  const dialog = await checkIdentityAs(page, ui, 'AtlasDba');
  const report = dialog.getByRole('definition');
  await expect(report.filter({ hasText: `arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice` })).toBeVisible();
  await expect(dialog.locator('code.copyable')).toHaveText(demoRoles.dba.roleArn);
  // Atlas has said nothing about a missing user yet: no "Create it in Atlas".
  await expect(dialog).not.toContainText('Create it in');

  await dialog.getByRole('button', { name: `Copy the Atlas user ARN ${demoRoles.dba.roleArn}` }).click();
  await expect(page.locator('.toast', { hasText: 'Atlas user ARN copied.' })).toBeVisible();
  expect(String(await page.evaluate('navigator.clipboard.readText()'))).toBe(demoRoles.dba.roleArn);

  const cluster = dialog.getByRole('region', { name: demoClusterName });
  await cluster.getByRole('button', { name: 'Test sign-in' }).click();
  const signedIn = cluster.getByRole('status', { name: 'Cluster sign-in' });
  await expect(signedIn).toContainText(demoRoles.dba.roleArn);
  await expect(signedIn).toContainText('readWrite@sales');
  await checkScreen(page, 'identity-01-session');

  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
});

test('a role without a database user: the panel names the exact ARN to add', async ({ page }) => {
  const ui = await startHost();
  const dialog = await checkIdentityAs(page, ui, 'NoDatabase');
  await expect(dialog.locator('code.copyable')).toHaveText(demoRoles.noDbUser.roleArn);
  const cluster = dialog.getByRole('region', { name: demoClusterName });
  await cluster.getByRole('button', { name: 'Test sign-in' }).click();
  const problem = cluster.getByRole('alert');
  await expect(problem).toContainText('Atlas has no database user for this role');
  await expect(problem).toContainText(`add ${demoRoles.noDbUser.roleArn} in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role`);
  await checkScreen(page, 'identity-02-no-database-user');
});

test("this computer's identity: keys in the host's environment, the caller and the Atlas ARN", async ({ page }) => {
  const keys = demo.stack.sts.issueFor(demoRoles.analyst.roleArn, 'build-agent');
  const ui = await startHost({ AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_SESSION_TOKEN: keys.sessionToken });
  await page.goto(ui.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'This computer' }).click();
  const screen = page.getByRole('region', { name: 'This computer’s AWS identity' });
  await screen.getByRole('button', { name: 'Check this computer' }).click();
  const report = screen.getByRole('definition');
  await expect(report.filter({ hasText: 'keys in environment variables (AWS_ACCESS_KEY_ID)' })).toBeVisible();
  await expect(screen.getByRole('listitem').first()).toHaveText(/^answered keys in environment variables/);
  await expect(report.filter({ hasText: `arn:aws:sts::${demoAccounts.analytics}:assumed-role/Analyst/build-agent` })).toBeVisible();
  await expect(screen.locator('code.copyable')).toHaveText(demoRoles.analyst.roleArn);
  await expect(screen).not.toContainText(keys.accessKeyId);
  await checkScreen(page, 'identity-03-machine');

  await screen.getByLabel('Also test a cluster (optional)').fill(demo.stack.atlas.uri);
  await screen.getByRole('button', { name: 'Check again' }).click();
  await expect(screen.getByRole('status', { name: 'Cluster sign-in' })).toContainText(demoRoles.analyst.roleArn);
});
