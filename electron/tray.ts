import type { MenuItemConstructorOptions } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import type { TrayAction, TrayItem } from '../core/desktop/tray-menu.js';
import { trayMenuModel } from '../core/desktop/tray-menu.js';
import type { SessionService } from '../core/session/session-service.js';

export interface SessionTrayOptions {
  readonly service: SessionService;
  readonly iconPath: string;
  readonly onAction: (action: TrayAction) => void;
}

/** The tray / menu-bar item: each connection's state and countdown, and quick actions; rebuilt on every event and each minute. */
export function createSessionTray(options: SessionTrayOptions): () => void {
  const image = nativeImage.createFromPath(options.iconPath);
  if (process.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  const rebuild = async (): Promise<void> => {
    const listed = await options.service.listConnections({});
    const model = trayMenuModel(listed.connections, listed.sessions, new Date());
    if (tray.isDestroyed()) return;
    tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin') tray.setTitle(model.title);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => menuItemOf(item, options.onAction))));
  };
  const refresh = (): void => {
    rebuild().catch(() => undefined);
  };
  refresh();
  const unsubscribe = options.service.subscribe(refresh);
  const minute = setInterval(refresh, 60_000);
  return () => {
    unsubscribe();
    clearInterval(minute);
    tray.destroy();
  };
}

function menuItemOf(item: TrayItem, onAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'label':
      return { label: item.label, enabled: false };
    case 'separator':
      return { type: 'separator' };
    case 'action':
      return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    case 'submenu':
      return { label: item.label, submenu: item.items.map((child) => menuItemOf(child, onAction)) };
  }
}
