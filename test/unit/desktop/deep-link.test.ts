import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, deepLinkSignInConfirmed, deepLinkSignInQuestion, parseDeepLink } from '../../../core/desktop/deep-link.js';

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

  it('asks before a sign-in link opens a sign-in window, with Cancel as the default and the escape', () => {
    const link = parseDeepLink('atlas-sso://sign-in?connection=acme-prod');
    if (link === undefined) throw new Error('expected a link');
    const question = deepLinkSignInQuestion(link, 'ACME Prod');
    expect(question).toMatchObject({ message: 'Sign in to "ACME Prod"?', buttons: ['Sign in', 'Cancel'], defaultId: 1, cancelId: 1 });
    expect(question?.detail).toContain('link');
    expect(deepLinkSignInConfirmed(0)).toBe(true);
    expect(deepLinkSignInConfirmed(1)).toBe(false);
    expect(deepLinkSignInConfirmed(-1)).toBe(false);
  });

  it('asks nothing (and starts nothing) for an open link or an unknown connection', () => {
    const open = parseDeepLink('atlas-sso://open?connection=acme-prod');
    const signIn = parseDeepLink('atlas-sso://sign-in?connection=nobody');
    if (open === undefined || signIn === undefined) throw new Error('expected links');
    expect(deepLinkSignInQuestion(open, 'ACME Prod')).toBeUndefined();
    expect(deepLinkSignInQuestion(signIn, undefined)).toBeUndefined();
  });
});
