// The UI's entry: picks the host's API (Electron's preload, else browser mode over HTTP) and renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { NotLaunched } from './app/not-launched.js';
import './styles/app.css';
import { createHttpClient } from './transport/http-client.js';
import { takeLaunchToken } from './transport/launch-token.js';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

const token = window.atlasSso === undefined ? takeLaunchToken(window.location, window.history, window.sessionStorage) : null;
const api = window.atlasSso ?? (token === null ? null : createHttpClient({ token }));

createRoot(root).render(<StrictMode>{api === null ? <NotLaunched /> : <App api={api} />}</StrictMode>);
