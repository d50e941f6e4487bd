import type { Settings } from '../../core/api.js';

export type ResolvedTheme = 'light' | 'dark';

/** The theme to paint: the person's choice, or the system's when they chose "system". */
export function resolveTheme(choice: Settings['theme'], systemPrefersDark: boolean): ResolvedTheme {
  if (choice === 'system') return systemPrefersDark ? 'dark' : 'light';
  return choice;
}
