// The app window's preload, bundled to dist/electron/preload.cjs (a sandboxed preload can require nothing but
// 'electron'): `window.atlasSso` with one function per request of core/api.ts and `subscribe`; never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { requestNames } from '../core/api.js';
import { createBridgeApi } from '../core/desktop/bridge-api.js';

contextBridge.exposeInMainWorld(
  'atlasSso',
  createBridgeApi(requestNames, {
    invoke: (channel, params) => ipcRenderer.invoke(channel, params),
    listen: (channel, listener) => {
      const onMessage = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, onMessage);
      return () => {
        ipcRenderer.off(channel, onMessage);
      };
    },
  }),
);
