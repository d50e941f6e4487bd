import type { AtlasSsoApi } from '../core/api.js';

declare global {
  interface Window {
    /** Electron's preload sets it; in browser mode main.tsx makes it from the HTTP client. */
    readonly atlasSso?: AtlasSsoApi;
  }
}
