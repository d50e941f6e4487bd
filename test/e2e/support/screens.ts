/** Every screen is checked the same way: axe finds no serious or critical violation, in light and in dark, and a screenshot of each is kept. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { repoRoot } from './ui-host.js';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

export async function checkScreen(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${colorScheme}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(serious, `${name} in ${colorScheme}`).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
