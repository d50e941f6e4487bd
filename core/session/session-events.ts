import type { ApiEvent } from '../api.js';

/** The service's event stream: what a host forwards to its UI (IPC, the browser mode's event stream, the tray). */
export interface SessionEvents {
  emit(event: ApiEvent): void;
  /** Returns the unsubscribe. */
  subscribe(listener: (event: ApiEvent) => void): () => void;
  clear(): void;
}

export function createSessionEvents(): SessionEvents {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    emit: (event) => {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (a closed HTTP stream) must not stop the others.
        }
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
