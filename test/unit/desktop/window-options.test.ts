import { describe, expect, it } from 'vitest';
import { appPartition, appWindowPreferences, connectionIdOfProfileDir, loginPartition, loginWindowPreferences } from '../../../core/desktop/window-options.js';

const hardening = { sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false };

describe('window options', () => {
  it('hardens the app window, with the preload in its own partition', () => {
    const options = appWindowPreferences('/app/dist/electron/preload.cjs', { devTools: false });
    expect(options).toMatchObject({ ...hardening, partition: appPartition, preload: '/app/dist/electron/preload.cjs', devTools: false });
  });

  it('gives the login window no preload, and a persistent partition per connection', () => {
    const options = loginWindowPreferences('acme-prod', { devTools: true });
    expect(options).toMatchObject({ ...hardening, partition: 'persist:login-acme-prod', devTools: true });
    expect(options).not.toHaveProperty('preload');
    expect(loginPartition('acme-prod')).not.toBe(loginPartition('acme-dev'));
    expect(loginPartition('acme-prod')).not.toBe(appPartition);
  });

  it('reads the connection id off the profile folder the session service names', () => {
    expect(connectionIdOfProfileDir('/home/ada/.config/atlas-sso/browser-profiles/acme-prod')).toBe('acme-prod');
    expect(connectionIdOfProfileDir('C:\\Users\\ada\\AppData\\Roaming\\Atlas SSO\\browser-profiles\\acme-dev\\')).toBe('acme-dev');
  });
});
