import { describe, expect, it } from 'vitest';
import { expiryNotificationFor } from '../../../core/desktop/expiry-notification.js';

describe('expiryNotificationFor', () => {
  it('warns before expiry with a Refresh action', () => {
    expect(expiryNotificationFor({ type: 'sessionExpiring', connectionId: 'acme', expiresAt: '2030-01-01T12:10:00Z', minutesLeft: 10 }, 'Acme')).toEqual({
      connectionId: 'acme',
      title: 'Acme: session ends in 10 minutes',
      body: 'Refresh now to keep working without interruption.',
      refresh: true,
    });
    expect(expiryNotificationFor({ type: 'sessionExpiring', connectionId: 'acme', expiresAt: '2030-01-01T12:00:30Z', minutesLeft: 1 }, 'Acme')?.title).toBe('Acme: session ends in less than a minute');
  });

  it('says when the session ended', () => {
    expect(expiryNotificationFor({ type: 'sessionExpired', connectionId: 'acme' }, 'Acme')).toMatchObject({ title: 'Acme: session ended', refresh: true });
  });

  it('stays quiet for every other event', () => {
    expect(expiryNotificationFor({ type: 'sessionChanged', connectionId: 'acme', state: { status: 'signed-out', connectionId: 'acme' } }, 'Acme')).toBeNull();
    expect(expiryNotificationFor({ type: 'signInProgress', connectionId: 'acme', step: 'captured' }, 'Acme')).toBeNull();
  });
});
