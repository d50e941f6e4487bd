import type { ApiEvent, AtlasSsoApi, RequestName } from '../api.js';
import { ipcChannelOf, ipcEventChannel } from './ipc-guard.js';

/** The two things the preload gets from ipcRenderer, and nothing more: the page never sees ipcRenderer itself. */
export interface BridgeTransport {
  invoke(channel: string, params: unknown): Promise<unknown>;
  /** Listens on a channel; returns the removal. */
  listen(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * `window.atlasSso` in Electron: one function per request name of core/api.ts (nothing kept in sync by hand), and
 * `subscribe`, which returns its unsubscribe. Only plain values cross: the page cannot reach the transport's objects.
 */
export function createBridgeApi(names: readonly RequestName[], transport: BridgeTransport): AtlasSsoApi {
  const calls = Object.fromEntries(names.map((name) => [name, (params: unknown) => transport.invoke(ipcChannelOf(name), params ?? {})]));
  const subscribe = (listener: (event: ApiEvent) => void): (() => void) => {
    // The listener gets the event only, never Electron's IpcRendererEvent (it holds `sender`, i.e. ipcRenderer).
    const remove = transport.listen(ipcEventChannel, (payload) => listener(payload as ApiEvent));
    return () => remove();
  };
  return Object.freeze({ ...calls, subscribe }) as unknown as AtlasSsoApi;
}
