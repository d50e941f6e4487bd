import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcMain } from 'electron';
import type { ApiEvent } from '../core/api.js';
import { requestNames } from '../core/api.js';
import type { IpcSenderFrame } from '../core/desktop/ipc-guard.js';
import { handleIpcRequest, ipcChannelOf, ipcEventChannel, isTrustedSender } from '../core/desktop/ipc-guard.js';
import type { SessionService } from '../core/session/session-service.js';

/** The sender as the pure check sees it; a frame already gone is no sender at all. */
function senderFrameOf(event: IpcMainInvokeEvent): IpcSenderFrame | null {
  const frame = event.senderFrame;
  return frame === null ? null : { url: frame.url, isTopFrame: frame.parent === null };
}

/**
 * core/api.ts over IPC: one `ipcMain.handle` per request name, each through the same checked wrapper, and every event
 * of the service sent down one channel to the app windows whose top frame is still our UI. Returns the undo.
 */
export function serveApiOverIpc(service: SessionService, appContents: () => readonly WebContents[]): () => void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannelOf(name), (event, raw: unknown) => handleIpcRequest(service, name, senderFrameOf(event), raw));
  }
  const unsubscribe = service.subscribe((event: ApiEvent) => {
    for (const contents of appContents()) {
      if (!contents.isDestroyed() && isTrustedSender({ url: contents.mainFrame.url, isTopFrame: true })) contents.send(ipcEventChannel, event);
    }
  });
  return () => {
    unsubscribe();
    for (const name of requestNames) ipcMain.removeHandler(ipcChannelOf(name));
  };
}
