import { useEffect } from 'react';
import type { Settings } from '../../core/api.js';
import { resolveTheme } from '../lib/theme.js';

const darkQuery = '(prefers-color-scheme: dark)';

/** Paints the chosen theme on <html data-theme>, following the system live when the choice is "system". */
export function useTheme(choice: Settings['theme']): void {
  useEffect(() => {
    const query = window.matchMedia(darkQuery);
    const paint = (): void => {
      document.documentElement.dataset.theme = resolveTheme(choice, query.matches);
    };
    paint();
    query.addEventListener('change', paint);
    return () => query.removeEventListener('change', paint);
  }, [choice]);
}
