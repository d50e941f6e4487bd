import { Notification } from 'electron';
import { expiryNotificationFor } from '../core/desktop/expiry-notification.js';
import type { SessionService } from '../core/session/session-service.js';

export interface ExpiryNotifierOptions {
  readonly service: SessionService;
  /** The connection's name for the title; its id when it is gone. */
  readonly nameOf: (connectionId: string) => Promise<string>;
  readonly onRefresh: (connectionId: string) => void;
  readonly onShow: () => void;
}

/** Desktop notifications before and at expiry, with a Refresh action; returns the unsubscribe. */
export function notifyExpiry(options: ExpiryNotifierOptions): () => void {
  if (!Notification.isSupported()) return () => undefined;
  return options.service.subscribe((event) => {
    if (event.type !== 'sessionExpiring' && event.type !== 'sessionExpired') return;
    void options.nameOf(event.connectionId).then((name) => {
      const notice = expiryNotificationFor(event, name);
      if (notice === null) return;
      const notification = new Notification({ title: notice.title, body: notice.body, actions: notice.refresh ? [{ type: 'button', text: 'Refresh' }] : [] });
      notification.on('action', () => options.onRefresh(notice.connectionId));
      notification.on('click', () => options.onShow());
      notification.show();
    });
  });
}
