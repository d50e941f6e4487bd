/**
 * The webPreferences of the two kinds of window, in one place so a test can check every hardening switch.
 * The shapes match Electron's WebPreferences structurally; core/ stays free of Electron.
 */

export interface HardenedWebPreferences {
  readonly sandbox: true;
  readonly contextIsolation: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly nodeIntegrationInWorker: false;
  readonly webviewTag: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: false;
  readonly safeDialogs: true;
  readonly disableBlinkFeatures: 'Auxclick';
  readonly partition: string;
  readonly preload?: string;
  readonly devTools: boolean;
}

/** The app UI's session: its own, so IdP cookies and the UI never share storage. */
export const appPartition = 'persist:app';

/** One persistent partition per connection: its IdP cookies make the next sign-in silent, and "forget" clears just it. */
export function loginPartition(connectionId: string): string {
  return `persist:login-${encodeURIComponent(connectionId)}`;
}

const hardened = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  // A middle click would open a new window without window.open: refused at the source.
  disableBlinkFeatures: 'Auxclick',
} as const;

/** The app window: the only one with a preload, which exposes `window.atlasSso` and nothing else. */
export function appWindowPreferences(preloadPath: string, options: { readonly devTools: boolean }): HardenedWebPreferences {
  return { ...hardened, partition: appPartition, preload: preloadPath, devTools: options.devTools };
}

/** The IdP's window: a web page like any other, with no preload and no way to reach the app. */
export function loginWindowPreferences(connectionId: string, options: { readonly devTools: boolean }): HardenedWebPreferences {
  return { ...hardened, partition: loginPartition(connectionId), devTools: options.devTools };
}

/**
 * The session service names a sign-in by its profile folder (loginProfileDir: `…/browser-profiles/<connection id>`);
 * the login window keeps the IdP's cookies in that connection's partition instead of a folder.
 */
export function connectionIdOfProfileDir(profileDir: string): string {
  return profileDir.split(/[\\/]+/).filter((segment) => segment !== '').pop() ?? '';
}
