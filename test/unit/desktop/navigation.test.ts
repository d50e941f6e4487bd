import { describe, expect, it } from 'vitest';
import {
  decideAppWindowOpen,
  decideLoginWindowOpen,
  isAllowedAppNavigation,
  isAllowedLoginNavigation,
  isPermissionGranted,
  isSafeExternalUrl,
  loginWindowTitle,
} from '../../../core/desktop/navigation.js';

describe('navigation decisions', () => {
  it('keeps the app window on app://atlas-sso', () => {
    expect(isAllowedAppNavigation('app://atlas-sso/index.html')).toBe(true);
    for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'https://atlas-sso/', 'http://127.0.0.1:3000/', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedAppNavigation(url), url).toBe(false);
    }
  });

  it('lets the login window follow the IdP over https, http only on this computer', () => {
    expect(isAllowedLoginNavigation('https://login.example.com/sso')).toBe(true);
    expect(isAllowedLoginNavigation('https://duo.example.net/frame')).toBe(true);
    expect(isAllowedLoginNavigation('http://127.0.0.1:8080/idp')).toBe(true);
    expect(isAllowedLoginNavigation('http://localhost:8080/idp')).toBe(true);
    for (const url of ['http://login.example.com/', 'file:///tmp/x.html', 'app://atlas-sso/index.html', 'data:text/html,hi', 'javascript:void(0)']) {
      expect(isAllowedLoginNavigation(url), url).toBe(false);
    }
  });

  it('hands only plain https pages to the OS', () => {
    expect(isSafeExternalUrl('https://www.mongodb.com/docs/atlas/')).toBe(true);
    for (const url of ['http://example.com', 'file:///Applications/Calculator.app', 'smb://host/share', 'https://user:pw@example.com/', 'ms-msdt:/id']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('never opens app windows: https links go to the browser, the rest nowhere', () => {
    expect(decideAppWindowOpen('https://example.com/help')).toEqual({ action: 'open-external', url: 'https://example.com/help' });
    expect(decideAppWindowOpen('app://atlas-sso/index.html')).toEqual({ action: 'deny' });
    expect(decideAppWindowOpen('file:///etc/hosts')).toEqual({ action: 'deny' });
  });

  it('allows IdP popups only to the IdP own origin', () => {
    const idp = 'https://login.example.com/app/aws/sso';
    expect(decideLoginWindowOpen('https://login.example.com/mfa', idp)).toEqual({ action: 'allow-popup' });
    expect(decideLoginWindowOpen('https://login.example.com:8443/mfa', idp)).toEqual({ action: 'deny' });
    expect(decideLoginWindowOpen('https://evil.example.com/', idp)).toEqual({ action: 'deny' });
    expect(decideLoginWindowOpen('http://login.example.com/mfa', idp)).toEqual({ action: 'deny' });
    expect(decideLoginWindowOpen('http://127.0.0.1:9000/popup', 'http://127.0.0.1:9000/sso')).toEqual({ action: 'allow-popup' });
  });

  it('titles the login window with the host of the page shown', () => {
    expect(loginWindowTitle('https://login.example.com/sso?x=1')).toBe('Sign in at login.example.com — Atlas SSO');
    expect(loginWindowTitle('garbage')).toBe('Sign in — Atlas SSO');
  });

  it('denies every permission to the IdP page, and grants our UI only the clipboard', () => {
    expect(isPermissionGranted('app', 'clipboard-sanitized-write', 'app://atlas-sso/index.html')).toBe(true);
    expect(isPermissionGranted('app', 'clipboard-read', 'app://atlas-sso')).toBe(true);
    expect(isPermissionGranted('app', 'media', 'app://atlas-sso/index.html')).toBe(false);
    expect(isPermissionGranted('app', 'clipboard-read', 'https://evil.example.com')).toBe(false);
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write', 'notifications', 'media', 'geolocation', 'openExternal']) {
      expect(isPermissionGranted('login', permission, 'https://login.example.com'), permission).toBe(false);
    }
  });
});
