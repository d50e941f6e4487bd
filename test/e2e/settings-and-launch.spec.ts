/** The page without its launch token, and the Settings screen: saved by the host, the theme applied at once and after a reload. */
import { expect, test } from '@playwright/test';
import type { StsEmulator } from '../emulators/sts/index.js';
import { startDemoSts } from '../emulators/demo-corp.js';
import { checkScreen } from './support/screens.js';
import type { UiHost } from './support/ui-host.js';
import { startUiHost } from './support/ui-host.js';

let sts: StsEmulator;
let host: UiHost;

test.beforeAll(async () => {
  sts = await startDemoSts();
  host = await startUiHost({ stsUrl: sts.url, connections: [{ id: 'acme', name: 'Acme', idpUrl: 'https://idp.example.com/sso/aws' }] });
});

test.afterAll(async () => {
  await host.stop();
  await sts.close();
});

test('opened without the launch token, the page explains how to get in and reaches no API', async ({ page }) => {
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
  });
  await page.goto(new URL(host.url).origin);
  await expect(page.getByRole('heading', { name: 'Open Atlas SSO from its own link' })).toBeVisible();
  expect(apiCalls).toEqual([]);
  await checkScreen(page, '00-not-launched');
});

test('settings are saved by the host; the dark theme applies at once and survives a reload', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Clear the clipboard after (seconds)')).toHaveValue('30');
  await expect(page.getByLabel('Warn before a session expires (minutes)')).toHaveValue('10');
  await checkScreen(page, '07-settings');
  await page.getByLabel('Clear the clipboard after (seconds)').fill('45');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('.toast', { hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.getByLabel('Clear the clipboard after (seconds)')).toHaveValue('45');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('a setting out of range is refused with the reason, and nothing changes', async ({ page }) => {
  await page.goto(await host.newUrl());
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Warn before a session expires (minutes)').fill('9999');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText('720');
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Warn before a session expires (minutes)')).toHaveValue('10');
});
