import type { MenuItemConstructorOptions } from 'electron';
import { app, Menu } from 'electron';
import { openExternalSafely } from './hardening.js';

/** The application menu with the usual roles and shortcuts (copy/paste in fields, zoom, close, quit); dev tools only when allowed. */
export function installAppMenu(options: { readonly devTools: boolean; readonly helpUrl: string }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.devTools ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Atlas SSO ${app.getVersion()} help`, click: () => openExternalSafely(options.helpUrl) }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
