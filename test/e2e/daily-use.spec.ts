/**
 * The app as a tool people open ten times a day: the keyboard-only path to a copied command, switching role without a
 * second password, honest states (cancel, sign-out, field messages, a calm "This computer"), and the desktop look.
 */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { startInstanceMetadataEndpoint } from '../emulators/aws-metadata/index.js';
import { demoAccounts, demoRoles } from '../emulators/demo-corp.js';

import { connectionStringRule } from '../../core/api.js';
import { checkScreen } from './support/screens.js';
import { chooseFromCardMenu, connectionCard, pickRoleByTyping, signInToPicker } from './support/sign-in-flow.js';
import { demoTyping, signInAt, startUiHost } from './support/ui-host.js';
import { demoPerFile } from './support/demo-per-file.js';

const demo = demoPerFile();
const alice = demoTyping('alice', 'alice-demo');

/** Sign-ins where alice typed her password, as the IdP counted them. */
const passwordPosts = (): number => demo.stack.idp.signIns.filter((signIn) => !signIn.silent).length;

/** Rows of the card that must stay on one line (every child on the first line, nothing cut off): the text of each that does not. */
async function wrappedRows(page: Page): Promise<unknown> {
  return page.evaluate(`[...document.querySelectorAll('.button-row.no-wrap')].flatMap((row) => {
    const tops = [...row.children].map((child) => child.getBoundingClientRect().top);
    const wrapped = tops.some((top) => Math.abs(top - tops[0]) > 1) || row.scrollWidth > row.clientWidth;
    return wrapped ? [row.textContent] : [];
  })`);
}

test('keyboard only: from launch with a remembered role to the mongosh command on the clipboard', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [{ ...demo.stack.connection, lastRole: demoRoles.reader.roleArn }], env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  await page.goto(ui.url);
  const card = connectionCard(page, 'Demo Corp');
  let keystrokes = 0;
  const press = async (key: string): Promise<void> => {
    keystrokes += 1;
    await page.keyboard.press(key);
  };

  await expect(card.getByRole('button', { name: 'Sign in' })).toBeFocused();
  await expect(card.getByRole('button', { name: 'Sign in' })).toHaveAttribute('title', /Enter/);
  await press('Enter');
  // The password is typed in the company's own sign-in window: not a keystroke in the app.
  await signInAt(ui, demo.stack.idp.url, alice);
  const signedInAt = keystrokes;

  const picker = page.getByRole('dialog', { name: 'Choose a role for Demo Corp' });
  await expect(picker.getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
  await expect(picker.getByRole('option', { selected: true })).toContainText('team/AtlasReader');
  // ARNs wrap after "/" and ":" only, and show whole on hover.
  const arn = picker.getByRole('option', { selected: true }).locator('.role-arn');
  await expect(arn).toHaveAttribute('title', demoRoles.reader.roleArn);
  expect(await arn.locator('wbr').count()).toBe(demoRoles.reader.roleArn.split(/[/:]/).length - 1);
  await checkScreen(page, 'daily-01-role-picker', { docs: 'role-picker' });
  await press('Enter');

  await expect(card).toContainText(`Signed in as team/AtlasReader in Production (${demoAccounts.production})`);
  const copy = card.getByRole('button', { name: 'Copy mongosh command' });
  await expect(copy).toBeFocused();
  await expect(copy).toHaveAttribute('title', /press Enter/);
  await press('Enter');

  await expect(page.locator('.toast', { hasText: /^Copied mongosh command for Demo cluster · keys valid until \d{1,2}:\d{2}/ })).toBeVisible();
  const command = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(command).toContain('AWS_SESSION_TOKEN=');
  expect(command).toContain(demo.stack.atlas.uri.replace(/\/$/, ''));
  const afterSignIn = keystrokes - signedInAt;
  test.info().annotations.push({ type: 'keystrokes', description: `${keystrokes} from launch, ${afterSignIn} after the sign-in completed` });
  console.log(`Keystrokes from launch to copied: ${keystrokes} (${afterSignIn} after the sign-in completed)`);
  expect(afterSignIn).toBeLessThanOrEqual(3);

  await test.step('at 1024 px nothing wraps; the … menu works from the keyboard', async () => {
    expect(await wrappedRows(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const more = card.getByRole('button', { name: 'More actions for Demo Corp' });
    await more.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'More actions for Demo Corp' });
    await expect(menu.getByRole('menuitem', { name: 'Sign out…' })).toBeFocused();
    await expect(menu.getByRole('menuitem')).toHaveText(['Sign out…', 'What the IdP sent', 'Forget IdP sign-in', 'Edit', 'Remove…']);
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Remove…' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
    await checkScreen(page, 'daily-03-card-menu');
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(more).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Edit Demo Corp' })).toBeVisible();
    await page.keyboard.press('Escape');
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkScreen(page, 'daily-02-signed-in', { docs: 'signed-in' });
});

test('switch role from the card with no second password: the same assertion while it is good, else a silent sign-in', async ({ page }) => {
  const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [demo.stack.connection], env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  await page.goto(ui.url);
  await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: alice });
  await pickRoleByTyping(page, 'AtlasDba');
  const card = connectionCard(page, 'Demo Corp');
  await expect(card).toContainText('Signed in as AtlasDba');
  const posts = passwordPosts();
  const signIns = demo.stack.idp.signIns.length;
  const picker = page.getByRole('dialog', { name: 'Choose a role for Demo Corp' });

  await test.step('closing the picker keeps the role in use', async () => {
    await card.getByRole('button', { name: 'Switch role' }).click();
    await expect(picker).toContainText('The role in use now is marked Active: close this to keep it.');
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();
    await expect(card).toContainText('Signed in as AtlasDba');
    await expect(card.getByRole('button', { name: 'Switch role' })).toBeEnabled();
    await expect(card.getByRole('button', { name: 'Choose a role' })).toHaveCount(0);
  });

  await test.step('the assertion is still good: no trip to the IdP at all', async () => {
    await card.getByRole('button', { name: 'Switch role' }).click();
    await expect(picker.getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
    await expect(picker.getByRole('option').filter({ hasText: demoRoles.dba.roleArn })).toContainText('Active');
    await expect(picker.getByText('Active', { exact: true })).toHaveCount(1);
    await pickRoleByTyping(page, 'reader');
    await expect(card).toContainText('Signed in as team/AtlasReader');
    expect(demo.stack.idp.signIns.length).toBe(signIns);
  });

  await test.step('an assertion too close to its end: a silent sign-in from the IdP session', async () => {
    // The next assertion lives 31 s: less than the 30 s margin a redeem needs, once a second has passed.
    demo.stack.idp.setMode({ kind: 'short-expiry', seconds: 31 });
    try {
      await chooseFromCardMenu(page, 'Demo Corp', 'Sign out…');
      await page.getByRole('dialog', { name: 'Sign out of Demo Corp?' }).getByRole('button', { name: 'Sign out' }).click();
      await card.getByRole('button', { name: 'Sign in' }).click();
      await expect(picker.getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
      const issuedAt = Date.now();
      await pickRoleByTyping(page, 'AtlasDba');
      await expect(card).toContainText('Signed in as AtlasDba');
      await expect.poll(() => Date.now() - issuedAt).toBeGreaterThan(1500);
    } finally {
      demo.stack.idp.setMode({ kind: 'normal' });
    }
    await card.getByRole('button', { name: 'Switch role' }).click();
    await expect(picker.getByRole('option').filter({ hasText: demoRoles.dba.roleArn })).toContainText('Active');
    await pickRoleByTyping(page, 'Analyst');
    await expect(card).toContainText('Signed in as Analyst');
    expect(demo.stack.idp.signIns.slice(signIns)).toEqual([
      { username: 'alice', silent: true },
      { username: 'alice', silent: true },
    ]);
  });
  expect(passwordPosts()).toBe(posts);
});

test('cancelling a sign-in is a neutral "Sign-in cancelled", not a failure', async ({ page }) => {
  const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [demo.stack.connection], env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  await page.goto(ui.url);
  const card = connectionCard(page, 'Demo Corp');
  await card.getByRole('button', { name: 'Sign in' }).click();
  // Cancelled once the company's page is up, as a person would (Esc or closing that window ends the same way).
  await expect(card.getByRole('status')).toContainText('Waiting for you to sign in');
  await card.getByRole('button', { name: 'Cancel sign-in' }).click();
  const notice = card.getByRole('status').filter({ hasText: 'Sign-in cancelled' });
  await expect(notice).toBeVisible();
  await expect(notice).not.toHaveClass(/error/);
  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(notice.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await checkScreen(page, 'daily-04-sign-in-cancelled');
});

test('sign out says what it does and removes the keys it wrote to the AWS profile, keeping the rest of the file', async ({ page }) => {
  const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, connections: [demo.stack.connection], env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  const credentialsFile = join(ui.home, '.aws', 'credentials');
  const before = '# my own keys\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n\n';
  await mkdir(dirname(credentialsFile), { recursive: true });
  await writeFile(credentialsFile, before, { mode: 0o600 });
  await page.goto(ui.url);
  await signInToPicker(page, ui, { connection: 'Demo Corp', idpOrigin: demo.stack.idp.url, typing: alice });
  await pickRoleByTyping(page, 'AtlasDba');
  const card = connectionCard(page, 'Demo Corp');
  await card.getByRole('button', { name: 'Write to AWS profile' }).click();
  await expect(page.locator('.toast', { hasText: 'Keys written to the AWS profile "demo-corp"' })).toBeVisible();
  expect(await readFile(credentialsFile, 'utf8')).toContain('[demo-corp]');

  await chooseFromCardMenu(page, 'Demo Corp', 'Sign out…');
  const dialog = page.getByRole('dialog', { name: 'Sign out of Demo Corp?' });
  await expect(dialog).toContainText('Atlas SSO forgets this connection’s keys');
  const offer = dialog.getByRole('checkbox', { name: /Also remove the keys from the AWS profile “demo-corp”/ });
  await expect(offer).toBeChecked();
  await checkScreen(page, 'daily-05-sign-out');
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.locator('.toast', { hasText: 'Signed out of Demo Corp; the AWS profile "demo-corp" was removed.' })).toBeVisible();
  await expect(card).toContainText('Signed out.');
  expect(await readFile(credentialsFile, 'utf8')).toBe(before);
});

test('the connection form speaks people’s words beside each field and keeps its height; settings errors say "Settings not saved"; the theme applies live', async ({ page }) => {
  const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(ui.url);
  await expect(page.getByRole('heading', { name: 'Sign in to MongoDB Atlas with your company account' })).toBeVisible();
  await checkScreen(page, 'daily-06-first-run', { docs: 'first-run' });
  const icon = await page.locator('link[rel="icon"][type="image/png"]').getAttribute('href');
  const favicon = await page.request.get(new URL(icon ?? '/missing.png', page.url()).toString());
  expect([favicon.status(), favicon.headers()['content-type']]).toEqual([200, 'image/png']);

  await page.getByRole('button', { name: 'Add your company sign-in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add your company sign-in' });
  await dialog.getByLabel('Connection name').fill('Acme');
  await dialog.getByLabel('Sign-in link of the AWS app').fill(demo.stack.idp.ssoUrl);
  await dialog.getByLabel('Cluster name').fill('Main');
  const uri = dialog.getByLabel('Connection string');
  await uri.fill('http://cluster0.example.net');
  await expect(uri).toHaveAccessibleDescription(new RegExp(connectionStringRule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const height = (await dialog.boundingBox())?.height;
  await dialog.getByRole('button', { name: 'Save' }).click();
  const message = 'Cluster 1: the connection string must start with mongodb:// or mongodb+srv://';
  await expect(dialog.getByText(message, { exact: true })).toBeVisible();
  await expect(uri).toHaveAttribute('aria-invalid', 'true');
  await expect(uri).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await expect(dialog).not.toContainText('connections[');
  await expect(dialog).not.toContainText('clusters[');
  expect((await dialog.boundingBox())?.height).toBe(height);
  await checkScreen(page, 'daily-07-field-messages');

  await uri.fill('mongodb+srv://alice:hunter2@cluster0.example.net');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(`Cluster 1: the connection string holds a user name, password or session token. ${connectionStringRule}`, { exact: true })).toBeVisible();
  await expect(dialog).not.toContainText('hunter2', { useInnerText: true });
  await uri.fill(demo.stack.atlas.uri);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(connectionCard(page, 'Acme')).toContainText('Signed out.');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await checkScreen(page, 'daily-08-settings', { docs: 'settings' });
  await page.getByLabel('Clear the clipboard after (seconds)').fill('-5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText('Settings not saved');
  await expect(page.getByRole('alert')).not.toContainText('The connection cannot be saved');
  await page.getByLabel('Clear the clipboard after (seconds)').fill('30');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('"This computer" asks nothing when opened, says calmly when there is no identity, and checks on its button', async ({ page }) => {
  const keys = demo.stack.sts.issueFor(demoRoles.analyst.roleArn, 'i-0abc123');
  const imds = await startInstanceMetadataEndpoint({ roleName: 'Analyst', credentials: () => keys });
  try {
    const ui = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint } }));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ui.url);
    const stsRequests = demo.stack.sts.requests.length;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'This computer' }).click();
    const screen = page.getByRole('region', { name: 'This computer’s AWS identity' });
    // Nothing set up but an instance metadata endpoint, which only the check asks.
    await expect(screen.getByRole('status')).toContainText('No AWS identity here — normal on a laptop; this panel is for servers, containers and CI.');
    await expect(screen.getByRole('status')).toContainText(`asked last, at ${imds.endpoint}`);
    await checkScreen(page, 'daily-09-this-computer');
    expect({ metadata: imds.requests.length, sts: demo.stack.sts.requests.length }).toEqual({ metadata: 0, sts: stsRequests });

    await screen.getByRole('button', { name: 'Check this computer' }).click();
    await expect(screen.getByRole('definition').filter({ hasText: `arn:aws:sts::${demoAccounts.analytics}:assumed-role/Analyst/i-0abc123` })).toBeVisible();
    expect(imds.requests.length).toBeGreaterThan(0);
    // No cluster was tested, so Atlas has said nothing about a missing user: no "Create it in Atlas".
    await expect(screen).not.toContainText('Create it in');
  } finally {
    await imds.close();
  }

  // A CI runner's setup is listed on opening, by names and paths only, and still nothing is asked.
  const tokenFile = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';
  const ci = demo.track(
    await startUiHost({
      stsUrl: demo.stack.sts.url,
      env: { AWS_EC2_METADATA_DISABLED: 'true', AWS_PROFILE: 'ci', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: demoRoles.analyst.roleArn },
    }),
  );
  await mkdir(join(ci.home, '.aws'), { recursive: true });
  await writeFile(join(ci.home, '.aws', 'config'), '[profile ci]\ncredential_process = /bin/false\n');
  const stsBeforeCi = demo.stack.sts.requests.length;
  await page.goto(ci.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'This computer' }).click();
  const setUp = page.getByRole('region', { name: 'This computer’s AWS identity' }).getByRole('status', { name: 'Set up on this computer' });
  await expect(setUp.getByRole('listitem')).toHaveText([/AWS_PROFILE=ci.*profile "ci": credential_process/, new RegExp(`token file ${tokenFile}.*role ${demoRoles.analyst.roleArn}`)]);
  await expect(setUp).toContainText('The EC2 instance metadata service is not asked: AWS_EC2_METADATA_DISABLED is set.');
  await checkScreen(page, 'daily-09b-this-computer-set-up', { docs: 'this-computer' });
  expect(demo.stack.sts.requests.length).toBe(stsBeforeCi);

  const bare = demo.track(await startUiHost({ stsUrl: demo.stack.sts.url, env: { AWS_EC2_METADATA_DISABLED: 'true' } }));
  await page.goto(bare.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'This computer' }).click();
  const screen = page.getByRole('region', { name: 'This computer’s AWS identity' });
  await screen.getByRole('button', { name: 'Check this computer' }).click();
  await expect(screen.getByRole('status').filter({ hasText: 'No AWS identity here — normal on a laptop; this panel is for servers, containers and CI.' })).toBeVisible();
  await expect(screen.getByRole('alert')).toHaveCount(0);
  await checkScreen(page, 'daily-10-this-computer-none');
});

