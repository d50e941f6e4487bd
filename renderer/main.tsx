// The UI's entry: picks the host's API (Electron's preload, else browser mode over HTTP) and renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AtlasSsoApi } from '../core/api.js';
import { App } from './app/app.js';
import { NotLaunched } from './app/not-launched.js';
import './styles/app.css';
import { createHttpClient } from './transport/http-client.js';
import { openBrowserSession } from './transport/launch-token.js';
import { reportWindowBounds } from './transport/window-bounds.js';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

async function hostApi(): Promise<AtlasSsoApi | null> {
  if (window.atlasSso !== undefined) return window.atlasSso;
  const session = await openBrowserSession(window.location, window.history, window.sessionStorage);
  if (session === null) return null;
  reportWindowBounds(window, session);
  return createHttpClient({ session });
}

const api = await hostApi();
createRoot(root).render(<StrictMode>{api === null ? <NotLaunched /> : <App api={api} />}</StrictMode>);
