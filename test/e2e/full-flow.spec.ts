/** The whole flow as a person does it, in the UI served by `atlas-sso ui`, against Demo Corp's IdP, STS and Atlas emulators. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';
import { demoClusterName } from '../emulators/demo-stack.js';
import { checkScreen } from './support/screens.js';
import { demoTyping, nodeModulesBin, signInAt, startUiHost } from './support/ui-host.js';
import { demoPerFile } from './support/demo-per-file.js';
import { chooseFromCardMenu } from './support/sign-in-flow.js';

// Never execFileSync: the emulators live in this process and must keep answering while the child runs.
const run = promisify(execFile);

const demo = demoPerFile();


test('add Demo Corp, sign in, pick a role with the keyboard, write a profile, copy and run the command, test, refresh, sign out', async ({ page }) => {
  const ui = await startUiHost({ stsUrl: demo.stack.sts.url });
  demo.track(ui);
  await page.goto(ui.url);
  await expect(page.getByRole('heading', { name: 'Sign in to MongoDB Atlas with your company account' })).toBeVisible();
  expect(new URL(page.url()).hash, 'the token leaves the address bar').toBe('');
  await checkScreen(page, '01-first-run');

  await test.step('add the connection', async () => {
    await page.getByRole('button', { name: 'Add your company sign-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add your company sign-in' });
    await dialog.getByLabel('Connection name').fill('Demo Corp');
    await dialog.getByLabel('Sign-in link of the AWS app').fill(demo.stack.idp.ssoUrl);
    await dialog.getByLabel('Cluster name').fill(demoClusterName);
    await dialog.getByLabel('Connection string').fill(demo.stack.atlas.uri);
    await dialog.getByLabel('AWS profile to write (optional)').fill('demo-corp');
    await checkScreen(page, '02-add-connection');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  });
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Demo Corp' }) });
  await expect(card).toContainText('Signed out.');
  await checkScreen(page, '03-connections');

  await test.step('sign in at the IdP page and pick AtlasDba with the keyboard', async () => {
    await card.getByRole('button', { name: 'Sign in' }).click();
    await signInAt(ui, demo.stack.idp.url, demoTyping('alice', 'alice-demo'));
    const picker = page.getByRole('dialog', { name: 'Choose a role for Demo Corp' });
    await expect(picker.getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
    // A connection added by hand has no account aliases yet: the groups carry the account IDs.
    await expect(picker.getByRole('group', { name: demoAccounts.production })).toBeVisible();
    await expect(picker.getByRole('group', { name: demoAccounts.analytics })).toBeVisible();
    await checkScreen(page, '04-role-picker');
    await expect(picker.getByRole('option', { selected: true })).toContainText('AtlasDba');
    await page.keyboard.press('ArrowDown');
    await expect(picker.getByRole('option', { selected: true })).toContainText('team/AtlasReader');
    await page.keyboard.type('dba');
    await expect(picker.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(picker).toBeHidden();
    await expect(card).toContainText(`Signed in as AtlasDba in ${demoAccounts.production}`);
    await expect(card.locator('time')).toHaveText(/^expires in \d+ min$/);
    await checkScreen(page, '05-signed-in');
  });

  const cluster = card.getByRole('region', { name: demoClusterName });

  await test.step('write the AWS profile, read back with the AWS CLI', async () => {
    await card.getByRole('button', { name: 'Write to AWS profile' }).click();
    await expect(page.locator('.toast', { hasText: 'Keys written to the AWS profile "demo-corp"' })).toBeVisible();
    const { stdout } = await run('/usr/bin/aws', ['configure', 'get', 'aws_access_key_id', '--profile', 'demo-corp'], { env: ui.env });
    expect(demo.stack.sts.issued.get(stdout.trim())?.arn).toBe(`arn:aws:sts::${demoAccounts.production}:assumed-role/AtlasDba/alice`);
  });

  await test.step('copy the command and run it in bash with the real mongosh', async () => {
    await cluster.getByLabel('Shell').selectOption('bash');
    await cluster.getByLabel('Command').selectOption('keys');
    await cluster.getByRole('button', { name: 'Copy mongosh command' }).click();
    await expect(page.locator('.toast', { hasText: `Copied mongosh command for ${demoClusterName} · keys valid until` })).toBeVisible();
    const command = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(command).toContain('AWS_SESSION_TOKEN=');
    const script = 'JSON.stringify(db.runCommand({ connectionStatus: 1 }).authInfo.authenticatedUsers)';
    // As pasted into a terminal: the person's PATH (mongosh from node_modules/.bin), no AWS files, no telemetry.
    const { stdout } = await run('bash', ['-c', `${command} --quiet --norc --eval '${script}'`], {
      env: { PATH: `${nodeModulesBin}:${process.env.PATH ?? ''}`, HOME: ui.home, AWS_EC2_METADATA_DISABLED: 'true', DO_NOT_TRACK: '1', MONGOSH_FORCE_DISABLE_TELEMETRY_FOR_TESTING: '1' },
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim())).toEqual([{ user: demoRoles.dba.roleArn, db: '$external' }]);
  });

  await test.step('test the connection', async () => {
    await cluster.getByRole('button', { name: 'Test connection' }).click();
    const result = cluster.getByRole('status', { name: 'Connection test' });
    await expect(result).toContainText(demoRoles.dba.roleArn);
    await expect(result).toContainText('sales');
    await checkScreen(page, '06-connection-tested');
  });

  await test.step('refresh signs in silently and gets new keys', async () => {
    const before = demo.stack.idp.signIns.length;
    await card.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.locator('.toast', { hasText: 'Demo Corp: new keys' })).toBeVisible();
    expect(demo.stack.idp.signIns.slice(before)).toEqual([{ username: 'alice', silent: true }]);
  });

  await test.step('sign out', async () => {
    await chooseFromCardMenu(page, 'Demo Corp', 'Sign out…');
    await page.getByRole('dialog', { name: 'Sign out of Demo Corp?' }).getByRole('button', { name: 'Sign out' }).click();
    await expect(card).toContainText('Signed out.');
    await expect(card.getByRole('region', { name: demoClusterName })).toHaveCount(0);
  });
});
