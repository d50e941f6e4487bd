import type { OnBeforeRequestListenerDetails, Session } from 'electron';
import { BrowserWindow, session } from 'electron';
import { decideAcsRequest, readAcsUpload } from '../core/desktop/acs-capture.js';
import { decideLoginWindowOpen, isAllowedLoginNavigation, loginWindowTitle } from '../core/desktop/navigation.js';
import { connectionIdOfProfileDir, loginPartition, loginWindowPreferences } from '../core/desktop/window-options.js';
import { AtlasSsoError, isAtlasSsoError } from '../core/errors.js';
import type { CaptureRequest, CapturedLogin, LoginBrowser } from '../core/login/login-browser.js';
import { loginCancelledByHost, loginIdpUnreachable, loginTimedOut, loginWindowClosed } from '../core/login/login-errors.js';
import { hardenContents, hardenSession } from './hardening.js';

export interface ElectronLoginBrowserOptions {
  readonly devTools: boolean;
}

/** Chromium's "aborted" (a navigation replaced by another): not a failure of the IdP. */
const errAborted = -3;

/**
 * The desktop LoginBrowser: a window of its own per sign-in, in the connection's own persistent partition, sandboxed,
 * with no preload and no Node. One onBeforeRequest listener on that partition captures the IdP's top-level POST to the
 * AWS ACS from this window, cancels it (the assertion never leaves), and closes the window.
 */
export function createElectronLoginBrowser(options: ElectronLoginBrowserOptions): LoginBrowser {
  const hardened = new WeakSet<Session>();
  const loginSession = (profileDir: string): Session => {
    const partitioned = session.fromPartition(loginPartition(connectionIdOfProfileDir(profileDir)));
    if (!hardened.has(partitioned)) {
      hardenSession(partitioned, 'login');
      hardened.add(partitioned);
    }
    return partitioned;
  };
  return {
    capture: (request) => captureInWindow(loginSession(request.profileDir), request, options),
    forget: async (profileDir) => {
      const partitioned = loginSession(profileDir);
      await partitioned.clearStorageData();
      await partitioned.clearCache();
      await partitioned.clearAuthCache();
    },
  };
}

async function captureInWindow(loginSession: Session, request: CaptureRequest, options: ElectronLoginBrowserOptions): Promise<CapturedLogin> {
  if (request.signal?.aborted === true) throw loginCancelledByHost();
  request.onProgress?.('starting-browser');
  const preferences = loginWindowPreferences(connectionIdOfProfileDir(request.profileDir), { devTools: options.devTools });
  const window = new BrowserWindow({ width: 520, height: 720, title: loginWindowTitle(request.startUrl), autoHideMenuBar: true, webPreferences: preferences });
  const contents = window.webContents;
  const extraAcsUrls = request.extraAcsUrls ?? [];

  let settled = false;
  let capturing = false;
  let resolveOutcome: (value: CapturedLogin) => void = () => undefined;
  let rejectOutcome: (error: AtlasSsoError) => void = () => undefined;
  const outcome = new Promise<CapturedLogin>((resolve, reject) => {
    resolveOutcome = resolve;
    rejectOutcome = reject;
  });
  const finish = (result: { readonly value: CapturedLogin } | { readonly error: AtlasSsoError }): void => {
    if (settled) return;
    settled = true;
    if ('value' in result) resolveOutcome(result.value);
    else rejectOutcome(result.error);
  };

  const onRequest = (details: OnBeforeRequestListenerDetails, callback: (response: Electron.CallbackResponse) => void): void => {
    const decision = decideAcsRequest(details, contents.id, extraAcsUrls);
    if (decision === 'pass') {
      callback({});
      return;
    }
    callback({ cancel: true });
    if (decision === 'cancel' || settled || capturing) return;
    capturing = true;
    readAcsUpload(details.uploadData, (uuid) => loginSession.getBlobData(uuid)).then(
      (form) => {
        request.onProgress?.('captured');
        finish({ value: { samlResponse: form.samlResponse, relayState: form.relayState, acsUrl: details.url } });
      },
      (error: unknown) => finish({ error: isAtlasSsoError(error) ? error : new AtlasSsoError('login-browser-failed', 'The sign-in window did not hand over the sign-in form; sign in again.', { cause: error }) }),
    );
  };
  loginSession.webRequest.onBeforeRequest({ urls: ['*://*/*'] }, onRequest);

  const timer = setTimeout(() => finish({ error: loginTimedOut(request.timeoutMs) }), Math.min(request.timeoutMs, 2 ** 31 - 1));
  const onAbort = (): void => finish({ error: loginCancelledByHost() });
  request.signal?.addEventListener('abort', onAbort, { once: true });
  window.on('closed', () => finish({ error: loginWindowClosed() }));
  // The title always names the host of the page shown, whatever the page calls itself.
  contents.on('page-title-updated', (event) => event.preventDefault());
  contents.on('did-navigate', (_event, url) => window.setTitle(loginWindowTitle(url)));
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    if (isMainFrame && errorCode !== errAborted && !capturing) finish({ error: loginIdpUnreachable(validatedUrl, errorDescription) });
  });
  const popupPreferences = { ...preferences };
  const rules = {
    isAllowedNavigation: isAllowedLoginNavigation,
    decideWindowOpen: (url: string) => decideLoginWindowOpen(url, request.startUrl),
    popupPreferences,
    onPopup: (popup: Electron.WebContents) => hardenContents(popup, { isAllowedNavigation: isAllowedLoginNavigation, decideWindowOpen: () => ({ action: 'deny' }) }),
  };
  hardenContents(contents, rules);

  try {
    request.onProgress?.('opening-idp');
    contents.loadURL(request.startUrl).then(
      () => {
        if (!settled) request.onProgress?.('waiting-for-sign-in');
      },
      () => undefined, // did-fail-load reports it with the reason.
    );
    return await outcome;
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
    loginSession.webRequest.onBeforeRequest(null);
    if (!window.isDestroyed()) window.destroy();
  }
}
