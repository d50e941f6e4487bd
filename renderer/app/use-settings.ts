import { useCallback, useEffect, useState } from 'react';
import type { ApiError, AtlasSsoApi, Settings, SettingsChanges } from '../../core/api.js';
import { useTheme } from './use-theme.js';

export interface SettingsHandle {
  readonly settings: Settings | null;
  readonly save: (changes: SettingsChanges) => Promise<ApiError | null>;
}

/** The person's settings, and the theme they ask for painted on <html data-theme> (following the system live). */
export function useSettings(api: AtlasSsoApi): SettingsHandle {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void api.getSettings({}).then((reply) => {
      if (reply.ok) setSettings(reply.value);
    });
  }, [api]);
  useTheme(settings?.theme ?? 'system');
  const save = useCallback(
    async (changes: SettingsChanges) => {
      const reply = await api.saveSettings({ changes });
      if (!reply.ok) return reply.error;
      setSettings(reply.value);
      return null;
    },
    [api],
  );
  return { settings, save };
}
