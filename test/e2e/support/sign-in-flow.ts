/** The steps every failure test starts with: sign in through the UI and the login window, then pick a role by typing. */
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Typing } from '../../integration/cli/drive-cli-sign-in.js';
import type { UiHost } from './ui-host.js';
import { signInAt } from './ui-host.js';

/** The card of the connection named `name`. */
export function connectionCard(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** Clicks "Sign in" on the card, signs in at the IdP like a person, and waits for the role picker. */
export async function signInToPicker(page: Page, host: UiHost, options: { readonly connection: string; readonly idpOrigin: string; readonly typing: Typing }) {
  await connectionCard(page, options.connection).getByRole('button', { name: 'Sign in' }).click();
  await signInAt(host, options.idpOrigin, options.typing);
  const picker = page.getByRole('dialog', { name: `Choose a role for ${options.connection}` });
  await expect(picker.getByRole('combobox', { name: 'Filter roles' })).toBeFocused();
  return picker;
}

/** Types `filter` into the focused role filter and picks the one role left with Enter. */
export async function pickRoleByTyping(page: Page, filter: string): Promise<void> {
  await page.keyboard.type(filter);
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
}

/** Picks `item` from the card's "…" menu with the mouse, as most people will. */
export async function chooseFromCardMenu(page: Page, connection: string, item: string): Promise<void> {
  await connectionCard(page, connection).getByRole('button', { name: `More actions for ${connection}` }).click();
  await page.getByRole('menu', { name: `More actions for ${connection}` }).getByRole('menuitem', { name: item }).click();
}
