/** "Try the demo" on the first-run screen, offered only by a host started with the demo, and the role picker's Atlas marks. */
import { expect, test } from '@playwright/test';
import { demoRoles } from '../emulators/demo-corp.js';
import { demoClusterName } from '../emulators/demo-stack.js';
import { checkScreen } from './support/screens.js';
import { chooseFromCardMenu, connectionCard, signInToPicker } from './support/sign-in-flow.js';
import { demoTyping, startDemoUiHost, startUiHost } from './support/ui-host.js';
import { demoPerFile } from './support/demo-per-file.js';

const demo = demoPerFile();


test('a host started with the demo offers "Try the demo"; it adds Demo Corp, whose picker marks the roles with a database user', async ({ page }) => {
  const ui = await startDemoUiHost({ stsUrl: demo.stack.sts.url, demoConnection: demo.stack.connection });
  demo.track(ui);
  await page.goto(ui.url);
  const tryDemo = page.getByRole('button', { name: 'Try the demo' });
  await expect(tryDemo).toBeVisible();
  await checkScreen(page, '08-first-run-with-demo');
  await tryDemo.click();
  await expect(page.locator('.toast', { hasText: 'Demo Corp added' })).toBeVisible();
  const card = connectionCard(page, 'Demo Corp');
  await expect(card).toContainText('Signed out.');
  await expect(tryDemo).toHaveCount(0);

  // Edited and saved unchanged, the connection keeps the roles its cluster lists (the marks below come from them).
  await chooseFromCardMenu(page, 'Demo Corp', 'Edit');
  const dialog = page.getByRole('dialog', { name: 'Edit Demo Corp' });
  await expect(dialog.getByLabel('Roles with a database user here (optional)')).toHaveValue([demoRoles.dba, demoRoles.reader, demoRoles.analyst].map((role) => role.roleArn).join(', '));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const picker = await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: demoTyping('alice', 'alice-demo') });
  const mark = `Atlas: ${demoClusterName}`;
  const option = (roleArn: string) => picker.getByRole('option').filter({ hasText: roleArn });
  for (const role of [demoRoles.dba, demoRoles.reader, demoRoles.analyst]) await expect(option(role.roleArn)).toContainText(mark);
  await expect(option(demoRoles.noDbUser.roleArn)).toBeVisible();
  await expect(option(demoRoles.noDbUser.roleArn)).not.toContainText(mark);
  await expect(picker.getByText(mark, { exact: true })).toHaveCount(3);
  await checkScreen(page, '09-role-picker-atlas-marks');
});

test('a host started without the demo does not offer it', async ({ page }) => {
  const ui = await startUiHost({ stsUrl: demo.stack.sts.url });
  demo.track(ui);
  const info = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/getAppInfo');
  await page.goto(ui.url);
  expect(await (await info).json()).toMatchObject({ ok: true, value: { host: 'browser', demoAvailable: false } });
  await expect(page.getByRole('button', { name: 'Add your company sign-in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try the demo' })).toHaveCount(0);
});
