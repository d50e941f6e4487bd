/**
 * Every screen is checked the same way: axe finds no violation of any impact, in light and in dark, and a screenshot of
 * each is kept. The main screens are also written to docs/screenshots at 1280×800, for the README and the docs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { repoRoot } from './ui-host.js';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
export const docsScreenshotDir = join(repoRoot, 'docs', 'screenshots');

/** The main screens docs/screenshots keeps, by file name. */
export type DocsScreen = 'first-run' | 'role-picker' | 'signed-in' | 'settings' | 'this-computer';

export async function checkScreen(page: Page, name: string, options: { readonly docs?: DocsScreen } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations.map(
      (violation) => `${violation.id} [${violation.impact ?? 'no impact'}] (${colorScheme}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(violations, `${name} in ${colorScheme}`).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
    if (options.docs !== undefined) await docsScreenshot(page, `${options.docs}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** One docs screenshot at 1280×800, the viewport put back after. */
async function docsScreenshot(page: Page, file: string): Promise<void> {
  await mkdir(docsScreenshotDir, { recursive: true });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(docsScreenshotDir, `${file}.png`), animations: 'disabled', caret: 'hide' });
  if (viewport !== null) await page.setViewportSize(viewport);
}
