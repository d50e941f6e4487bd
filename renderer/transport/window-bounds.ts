import { sessionHeaderName } from '../../core/api.js';

/** How often to look whether the window moved: moving fires no event a page can hear. */
const checkEveryMs = 2000;

/** What this needs of `window`: where it is and how big, outside its frame. */
interface WindowGeometry {
  readonly screenX: number;
  readonly screenY: number;
  readonly outerWidth: number;
  readonly outerHeight: number;
}

/**
 * Tells the host where the app window is whenever that changes, so the next `atlas-sso ui` opens it there (Chromium
 * forgets an `--app` window's size between launches). The host ignores it for a browser tab.
 */
export function reportWindowBounds(view: WindowGeometry, session: string, fetchFn: typeof fetch = fetch): () => void {
  let last = '';
  const check = (): void => {
    const bounds = { left: Math.round(view.screenX), top: Math.round(view.screenY), width: Math.round(view.outerWidth), height: Math.round(view.outerHeight) };
    const text = JSON.stringify(bounds);
    if (text === last || bounds.width <= 0 || bounds.height <= 0) return;
    last = text;
    void fetchFn('/api/window-bounds', { method: 'POST', headers: { 'Content-Type': 'application/json', [sessionHeaderName]: session }, body: text }).catch(() => undefined);
  };
  check();
  const timer = setInterval(check, checkEveryMs);
  return () => clearInterval(timer);
}
