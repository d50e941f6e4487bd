import type { ApiEvent } from '../api.js';

/** A desktop notification to show; `refresh` adds a "Refresh" button that signs in again for the same role. */
export interface ExpiryNotification {
  readonly connectionId: string;
  readonly title: string;
  readonly body: string;
  readonly refresh: boolean;
}

/**
 * The session service emits sessionExpiring once, `warnBeforeExpiryMinutes` ahead (core/session/expiry-timer.ts), and
 * sessionExpired at the end: each becomes one notification. Nothing else notifies: the window shows the rest.
 */
export function expiryNotificationFor(event: ApiEvent, connectionName: string): ExpiryNotification | null {
  if (event.type === 'sessionExpiring') {
    const left = event.minutesLeft <= 1 ? 'in less than a minute' : `in ${event.minutesLeft} minutes`;
    return { connectionId: event.connectionId, title: `${connectionName}: session ends ${left}`, body: 'Refresh now to keep working without interruption.', refresh: true };
  }
  if (event.type === 'sessionExpired') {
    return { connectionId: event.connectionId, title: `${connectionName}: session ended`, body: 'The temporary keys have expired. Refresh to sign in again.', refresh: true };
  }
  return null;
}
