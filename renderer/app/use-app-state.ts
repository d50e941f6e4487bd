import type { Dispatch } from 'react';
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ApiError, AtlasSsoApi } from '../../core/api.js';
import type { AppAction, AppState } from '../lib/app-state.js';
import { appReducer, initialAppState } from '../lib/app-state.js';

export interface AppStateHandle {
  readonly state: AppState;
  readonly dispatch: Dispatch<AppAction>;
  readonly loadError: ApiError | null;
  readonly reload: () => Promise<void>;
}

/** Lists the connections once, then keeps every card current from the host's events. */
export function useAppState(api: AtlasSsoApi): AppStateHandle {
  const [state, dispatch] = useReducer(appReducer, initialAppState);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    const reply = await api.listConnections({});
    if (reply.ok) {
      setLoadError(null);
      dispatch({ type: 'loaded', connections: reply.value.connections, sessions: reply.value.sessions });
    } else {
      setLoadError(reply.error);
    }
  }, [api]);
  useEffect(() => api.subscribe((event) => dispatch({ type: 'event', event })), [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, dispatch, loadError, reload };
}
