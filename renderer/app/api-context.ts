import { createContext, useContext } from 'react';
import type { AtlasSsoApi } from '../../core/api.js';

/** The host's API for every component: Electron's preload or the browser-mode HTTP client, chosen once in main.tsx. */
export const ApiContext = createContext<AtlasSsoApi | null>(null);

export function useApi(): AtlasSsoApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi() outside <ApiContext>: main.tsx provides it.');
  return api;
}
