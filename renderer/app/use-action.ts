import { useCallback, useState } from 'react';
import type { ApiError, Reply } from '../../core/api.js';

export interface Action {
  /** The step running now (buttons show it and stay disabled), or null. */
  readonly busy: string | null;
  readonly error: ApiError | null;
  readonly clearError: () => void;
  /** Runs one request; its error, if any, is kept to show next to where it was asked for. */
  readonly run: <T>(step: string, request: () => Promise<Reply<T>>, onValue?: (value: T) => void | Promise<void>) => Promise<void>;
}

/** One place per card or dialog that runs requests one at a time and keeps the last failure. */
export function useAction(): Action {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T,>(step: string, request: () => Promise<Reply<T>>, onValue?: (value: T) => void | Promise<void>): Promise<void> => {
    setBusy(step);
    setError(null);
    try {
      const reply = await request();
      if (reply.ok) await onValue?.(reply.value);
      else setError(reply.error);
    } catch (error) {
      // The page's own part failed (the clipboard refused, most often): the browser's words hold no secret.
      setError({ code: 'host-unexpected', message: `This page could not finish: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
