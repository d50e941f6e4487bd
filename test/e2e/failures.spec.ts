/** What a person sees when something goes wrong: each failure as a sentence with the next step, in the real UI and host. */
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { demoAccounts } from '../emulators/demo-corp.js';
import { demoClusterName } from '../emulators/demo-stack.js';
import { checkScreen } from './support/screens.js';
import { connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import type { UiHost, UiHostOptions } from './support/ui-host.js';
import { demoTyping, inLoginWindow, startUiHost, typeCredentials } from './support/ui-host.js';
import { demoPerFile } from './support/demo-per-file.js';

const demo = demoPerFile();
const alice = demoTyping('alice', 'alice-demo');


/** The host with Demo Corp saved (aliases, cluster, profile), the page open on it. */
async function openDemoCorp(page: Page, settings?: UiHostOptions['settings']): Promise<UiHost> {
  const host = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [demo.stack.connection], ...(settings === undefined ? {} : { settings }) }));
  await page.goto(host.url);
  await expect(connectionCard(page, 'Demo Corp')).toContainText('Signed out.');
  return host;
}

function signInOptions() {
  return { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: alice };
}

test('a wrong password keeps the sign-in waiting; the right one then shows the roles, grouped under the account aliases', async ({ page }) => {
  const ui = await openDemoCorp(page);
  const card = connectionCard(page, 'Demo Corp');
  await card.getByRole('button', { name: 'Sign in' }).click();
  await inLoginWindow(ui, demo.stack.idp.url, async (login) => {
    await typeCredentials(login, demoTyping('alice', 'not-her-password'));
    await expect(login.getByRole('alert')).toBeVisible();
    await expect(card.getByText('Signing in')).toBeVisible();
    await checkScreen(page, '08-signing-in');
    const closed = login.waitForEvent('close');
    await typeCredentials(login, alice);
    await closed;
  });
  const picker = page.getByRole('dialog', { name: 'Choose a role for Demo Corp' });
  await expect(picker.getByRole('group', { name: `Production (${demoAccounts.production})` })).toBeVisible();
  await expect(picker.getByRole('group', { name: `Analytics (${demoAccounts.analytics})` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(card.getByRole('button', { name: 'Choose a role' })).toBeVisible();
});

test('closing the login window is a neutral "Sign-in cancelled" that offers to sign in again', async ({ page }) => {
  const ui = await openDemoCorp(page);
  const card = connectionCard(page, 'Demo Corp');
  await card.getByRole('button', { name: 'Sign in' }).click();
  await inLoginWindow(ui, demo.stack.idp.url, (login) => login.close());
  const notice = card.getByRole('status').filter({ hasText: 'Sign-in cancelled' });
  await expect(notice).toContainText('The sign-in window was closed');
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(notice.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await checkScreen(page, '09-error-login-closed');
});

test('STS refusing the assertion says why and offers to sign in again, and the diagnostics to copy hold no secret', async ({ page }) => {
  const ui = await openDemoCorp(page);
  await signInToPicker(page, ui, signInOptions());
  demo.stack.sts.injectFault({ kind: 'expired' });
  await pickRoleByTyping(page, 'AtlasDba');
  // The host used the assertion once and dropped it: the picker closes and the card tells what happened.
  await expect(page.getByRole('dialog', { name: 'Choose a role for Demo Corp' })).toBeHidden();
  const alert = connectionCard(page, 'Demo Corp').getByRole('alert');
  await expect(alert).toContainText('The sign-in is too old for AWS');
  await expect(alert.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await alert.getByText('Details').click();
  await expect(alert).toContainText('Code: sts-expired-assertion');
  await checkScreen(page, '10-error-sts-rejected');
  await alert.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(alert.getByRole('button', { name: 'Diagnostics copied' })).toBeVisible();
  const diagnostics = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(diagnostics).toContain('Error code: sts-expired-assertion');
  for (const issued of demo.stack.sts.issued.values()) {
    expect(diagnostics).not.toContain(issued.secretAccessKey);
    expect(diagnostics).not.toContain(issued.sessionToken);
  }
  expect(diagnostics).not.toMatch(/PHNhbWxwOlJlc3BvbnNl|SAMLResponse=/);
});

test('a role with no database user in Atlas: the connection test says so', async ({ page }) => {
  const ui = await openDemoCorp(page);
  await signInToPicker(page, ui, signInOptions());
  await pickRoleByTyping(page, 'NoDatabase');
  const card = connectionCard(page, 'Demo Corp');
  await expect(card).toContainText(`Signed in as NoDatabaseUser in Analytics (${demoAccounts.analytics})`);
  const cluster = card.getByRole('region', { name: demoClusterName });
  await cluster.getByRole('button', { name: 'Test connection' }).click();
  await expect(cluster.getByRole('alert')).toContainText('Atlas has no database user for this role');
  await checkScreen(page, '11-error-no-database-user');
});

test('mongosh missing: Open mongosh says so and leads to Settings', async ({ page }) => {
  const ui = await openDemoCorp(page, { mongoshPath: '/nonexistent/mongosh' });
  await signInToPicker(page, ui, signInOptions());
  await pickRoleByTyping(page, 'AtlasDba');
  const cluster = connectionCard(page, 'Demo Corp').getByRole('region', { name: demoClusterName });
  await cluster.getByRole('button', { name: 'Open mongosh' }).click();
  const alert = cluster.getByRole('alert');
  await expect(alert).toContainText('mongosh was not found');
  await checkScreen(page, '12-error-mongosh-missing');
  await alert.getByRole('button', { name: 'Open settings' }).click();
  await expect(page.getByLabel('mongosh path')).toHaveValue('/nonexistent/mongosh');
});

test('a session about to expire is flagged, and once expired the card asks to sign in again', async ({ page }) => {
  await page.clock.install();
  // Warn 2 h ahead of a 1 h session: the host warns as soon as the keys arrive.
  const ui = await openDemoCorp(page, { warnBeforeExpiryMinutes: 120 });
  await signInToPicker(page, ui, signInOptions());
  await pickRoleByTyping(page, 'AtlasDba');
  const card = connectionCard(page, 'Demo Corp');
  await expect(card.getByText('This session ends soon')).toBeVisible();
  await checkScreen(page, '13-session-expiring');
  await page.clock.fastForward('02:00:00');
  await expect(card).toContainText('Your session expired. Sign in again to get new keys.');
  await expect(card.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await checkScreen(page, '14-session-expired');
});
