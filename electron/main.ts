// The desktop app's composition root: the real connection store, login windows (or the person's browser) and
// terminal launcher wired into the session service, served to the UI over IPC; plus the window, tray, menu,
// notifications and atlas-sso:// links. Every decision it applies lives in core/desktop (see electron/SECURITY.md).
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, Notification, session } from 'electron';
import { connectionsFilePath } from '../core/connections/config-path.js';
import { createConnectionStore } from '../core/connections/connection-store.js';
import { openKeysCache } from '../core/credentials/open-keys-cache.js';
import { appEntryUrl } from '../core/desktop/app-origin.js';
import { cliInvocation } from '../core/desktop/cli-invocation.js';
import type { DeepLink } from '../core/desktop/deep-link.js';
import { chooseLoginBrowser } from '../core/desktop/login-browser-choice.js';
import { decideAppWindowOpen, isAllowedAppNavigation } from '../core/desktop/navigation.js';
import type { TrayAction } from '../core/desktop/tray-menu.js';
import { appPartition, appWindowPreferences, connectionIdOfProfileDir } from '../core/desktop/window-options.js';
import { createChromiumLoginBrowser } from '../core/login/chromium-login-browser.js';
import { chromiumOptionsFromEnv } from '../core/login/chromium-options-from-env.js';
import { openIdpSessionStore } from '../core/login/idp-session-store.js';
import { apiErrorOf } from '../core/session/api-dispatch.js';
import type { SessionService } from '../core/session/session-service.js';
import { createSessionService } from '../core/session/session-service.js';
import { createTerminalLauncher } from '../core/session/terminal-launcher.js';
import { defaultShell } from '../core/shell/shells.js';
import { registerAppScheme, serveAppUi } from './app-protocol.js';
import { runCliMode } from './cli-mode.js';
import { copySecretText } from './clipboard.js';
import { confirmSignInLink, deepLinkAtLaunch, handleDeepLinks } from './deep-links.js';
import { handleClientCertificates } from './client-certificates.js';
import { hardenContents, hardenSession } from './hardening.js';
import { serveApiOverIpc } from './ipc.js';
import { createElectronLoginBrowser } from './login-window.js';
import { installAppMenu } from './menu.js';
import { notifyExpiry } from './notifications.js';
import { openSessionKeysCache } from './session-keys.js';
import { createSessionTray } from './tray.js';
import { checkForUpdates } from './updates.js';

const here = import.meta.dirname;
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const trayIconPath = path.join(here, process.platform === 'darwin' ? 'tray-iconTemplate.png' : 'tray-icon.png');
const helpUrl = 'https://github.com/atlas-sso/atlas-sso#readme';
/** Dev tools and reload only when running from source: a packaged app has no way in for a local process. */
const devTools = !app.isPackaged;

const cliArgs = cliInvocation(process.argv);
if (cliArgs !== undefined) {
  // The `atlas-sso` command (assets/linux/atlas-sso-cli.sh): before any window or lock, so it runs beside an open app.
  runCliMode(cliArgs).catch((error: unknown) => {
    console.error(`atlas-sso: ${apiErrorOf(error).message}`);
    app.exit(1);
  });
} else {
  launchDesktopApp();
}

function launchDesktopApp(): void {
  // Checklist item "no remote debugging in production": a packaged app refuses to start with the switch
  // (the fuses already refuse --inspect and NODE_OPTIONS).
  if (app.isPackaged && (app.commandLine.hasSwitch('remote-debugging-port') || app.commandLine.hasSwitch('remote-debugging-pipe'))) {
    app.exit(1);
    return;
  }

  registerAppScheme();
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('io.github.atlas-sso');

  if (!app.requestSingleInstanceLock()) {
    // The first instance gets our argv (a deep link) through its second-instance event.
    app.quit();
  } else {
    start().catch((error: unknown) => {
      console.error(`Atlas SSO could not start: ${apiErrorOf(error).message}`);
      app.exit(1);
    });
  }
}

async function start(): Promise<void> {
  const pendingLinks: DeepLink[] = [];
  let onLink: (link: DeepLink) => void = (link) => pendingLinks.push(link);
  handleDeepLinks((link) => onLink(link));
  const launchLink = deepLinkAtLaunch();
  if (launchLink !== undefined) pendingLinks.push(launchLink);

  await app.whenReady();
  handleClientCertificates(process.env.ATLAS_SSO_CLIENT_CERTIFICATE_SUBJECT);
  // A catch-all for any WebContents, whichever window made it: no <webview> ever.
  app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (attach) => attach.preventDefault()));
  const appSession = session.fromPartition(appPartition);
  hardenSession(appSession, 'app');
  // Nothing uses the default session: deny it everything in case something ever does.
  hardenSession(session.defaultSession, 'login');
  serveAppUi(appSession, rendererDir);

  const env = process.env;
  const platform = process.platform;
  const store = createConnectionStore(connectionsFilePath({ platform, env, homeDir: os.homedir() }));
  const loginBrowser = chooseLoginBrowser(
    { embedded: createElectronLoginBrowser({ devTools }), system: createChromiumLoginBrowser({ ...chromiumOptionsFromEnv(env, undefined), idpSessions: openIdpSessionStore(store.filePath, platform, env) }) },
    async (profileDir) => (await store.get(connectionIdOfProfileDir(profileDir)).catch(() => undefined))?.loginBrowser ?? 'embedded',
  );
  // Sessions survive a restart (until 10 minutes before expiry) in files beside the connections, encrypted by the OS.
  const keysCache = await openSessionKeysCache(path.join(path.dirname(store.filePath), 'desktop-sessions'));
  const service = createSessionService({
    store,
    loginBrowser,
    terminal: createTerminalLauncher(env, platform),
    env,
    platform,
    appVersion: app.getVersion(),
    host: 'electron',
    credentialProcessKeys: openKeysCache(store.filePath, platform, env),
    ...(keysCache === undefined ? {} : { keysCache }),
  });

  let mainWindow: BrowserWindow | undefined;
  let quitting = false;
  const showMainWindow = async (): Promise<void> => {
    if (mainWindow !== undefined && !mainWindow.isDestroyed()) {
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    const window = new BrowserWindow({ width: 1100, height: 760, minWidth: 720, minHeight: 520, show: false, title: 'Atlas SSO', webPreferences: appWindowPreferences(preloadPath, { devTools }) });
    mainWindow = window;
    hardenContents(window.webContents, { isAllowedNavigation: isAllowedAppNavigation, decideWindowOpen: decideAppWindowOpen });
    window.once('ready-to-show', () => window.show());
    // Closing the window keeps the app (and the session's keys) in the tray; Quit ends it.
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = undefined;
    });
    await window.loadURL(appEntryUrl);
  };
  const show = (): void => {
    showMainWindow().catch(reportFailure);
  };

  const stopIpc = serveApiOverIpc(service, () => (mainWindow === undefined || mainWindow.isDestroyed() ? [] : [mainWindow.webContents]));
  installAppMenu({ devTools, helpUrl });
  const runAction = (action: TrayAction): void => {
    trayAction(service, action, show, () => app.quit()).catch(reportFailure);
  };
  const stopTray = createSessionTray({ service, iconPath: trayIconPath, onAction: runAction });
  const stopNotifications = notifyExpiry({
    service,
    nameOf: async (connectionId) => (await store.get(connectionId).catch(() => undefined))?.name ?? connectionId,
    onRefresh: (connectionId) => runAction({ kind: 'refresh', connectionId }),
    onShow: show,
  });
  // After the tray and notifications listen, so a restored session that is about to expire is announced.
  await service.restoreCachedSessions().catch(reportFailure);
  onLink = (link) => {
    show();
    if (link.action !== 'sign-in') return;
    const askThenSignIn = async (): Promise<void> => {
      const name = (await store.get(link.connectionId).catch(() => undefined))?.name;
      if (await confirmSignInLink(link, name, mainWindow)) runAction({ kind: 'sign-in', connectionId: link.connectionId });
    };
    askThenSignIn().catch(reportFailure);
  };
  for (const link of pendingLinks.splice(0)) onLink(link);

  app.on('second-instance', show);
  app.on('activate', show);
  // The app lives in the tray: closing every window does not quit it.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
    stopNotifications();
    stopTray();
    stopIpc();
    service.close();
  });
  await showMainWindow();
  // Never rejects: a failed check is one logged line.
  void checkForUpdates();
}

/** What a tray item, a notification's Refresh or a link asks for; the UI follows through the service's events. */
async function trayAction(service: SessionService, action: TrayAction, show: () => void, quit: () => void): Promise<void> {
  switch (action.kind) {
    case 'show':
      show();
      return;
    case 'quit':
      quit();
      return;
    case 'sign-in':
      show();
      await service.signIn({ connectionId: action.connectionId });
      return;
    case 'refresh':
      await service.refresh({ connectionId: action.connectionId });
      return;
    case 'sign-out':
      await service.signOut({ connectionId: action.connectionId });
      return;
    case 'copy-command': {
      const { command } = await service.copyCommand({ connectionId: action.connectionId, clusterName: action.clusterName, shell: defaultShell(process.env, process.platform), variant: 'keys' });
      const settings = await service.getSettings({});
      await copySecretText(command, settings.clipboardClearSeconds, process.platform);
      return;
    }
    case 'open-mongosh':
      await service.openMongosh({ connectionId: action.connectionId, clusterName: action.clusterName });
      return;
  }
}

/** A failure nobody awaits (a tray click): shown as a notification with the error's sentence, which holds no secret. */
function reportFailure(error: unknown): void {
  const { message } = apiErrorOf(error);
  if (Notification.isSupported()) new Notification({ title: 'Atlas SSO', body: message }).show();
  else console.error(message);
}
