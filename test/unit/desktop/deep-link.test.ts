import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink } from '../../../core/desktop/deep-link.js';

describe('deep links', () => {
  it('reads the two actions with one connection id', () => {
    expect(parseDeepLink('atlas-sso://open?connection=acme-prod')).toEqual({ action: 'open', connectionId: 'acme-prod' });
    expect(parseDeepLink('atlas-sso://sign-in?connection=acme-prod')).toEqual({ action: 'sign-in', connectionId: 'acme-prod' });
    expect(parseDeepLink('atlas-sso://sign-in/?connection=acme')).toEqual({ action: 'sign-in', connectionId: 'acme' });
    expect(parseDeepLink('atlas-sso:open?connection=acme')).toEqual({ action: 'open', connectionId: 'acme' });
  });

  it('ignores anything else', () => {
    for (const url of [
      'atlas-sso://delete?connection=acme',
      'atlas-sso://open',
      'atlas-sso://open?connection=',
      'atlas-sso://open?connection=a&connection=b',
      'atlas-sso://open?connection=../../etc',
      'atlas-sso://open?connection=ACME%20PROD',
      `atlas-sso://open?connection=${'a'.repeat(65)}`,
      'https://open?connection=acme',
      'not a url',
    ]) {
      expect(parseDeepLink(url), url).toBeUndefined();
    }
  });

  it('finds the link among a second instance argv', () => {
    expect(deepLinkInArgv(['/opt/Atlas SSO/atlas-sso-desktop', '--no-sandbox', 'atlas-sso://sign-in?connection=acme'])).toEqual({ action: 'sign-in', connectionId: 'acme' });
    expect(deepLinkInArgv(['/opt/Atlas SSO/atlas-sso-desktop', '--flag'])).toBeUndefined();
  });
});
