import type { FormEvent } from 'react';
import { useState } from 'react';
import type { ApiError, Settings, SettingsChanges } from '../../core/api.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToast } from '../components/toasts.js';

interface SettingsScreenProps {
  readonly settings: Settings | null;
  readonly save: (changes: SettingsChanges) => Promise<ApiError | null>;
}

const themes = [
  ['system', 'Same as the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
] as const satisfies readonly (readonly [Settings['theme'], string])[];

/** The few things a person tunes; an emptied field goes back to its default. The host checks ranges and says why. */
export function SettingsScreen({ settings, save }: SettingsScreenProps) {
  if (settings === null) {
    return (
      <p className="progress" role="status">
        <span className="spinner" aria-hidden="true" /> Loading settings…
      </p>
    );
  }
  return <SettingsForm settings={settings} save={save} />;
}

function SettingsForm({ settings, save }: { readonly settings: Settings; readonly save: SettingsScreenProps['save'] }) {
  const toast = useToast();
  const [mongoshPath, setMongoshPath] = useState(settings.mongoshPath ?? '');
  const [terminal, setTerminal] = useState(settings.terminal ?? '');
  const [clipboardClearSeconds, setClipboardClearSeconds] = useState(String(settings.clipboardClearSeconds));
  const [warnBeforeExpiryMinutes, setWarnBeforeExpiryMinutes] = useState(String(settings.warnBeforeExpiryMinutes));
  const [theme, setTheme] = useState(settings.theme);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const failure = await save({
      mongoshPath: emptyToDefault(mongoshPath),
      terminal: emptyToDefault(terminal),
      clipboardClearSeconds: numberOrDefault(clipboardClearSeconds),
      warnBeforeExpiryMinutes: numberOrDefault(warnBeforeExpiryMinutes),
      theme,
    });
    setError(failure);
    if (failure === null) toast('Settings saved.');
  };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="settings-title">
      <h1 id="settings-title" className="page-title">
        Settings
      </h1>
      <div className="settings-grid">
        <div className="field">
          <label htmlFor="settings-mongosh">mongosh path</label>
          <input id="settings-mongosh" value={mongoshPath} onChange={(event) => setMongoshPath(event.target.value)} placeholder="Found on your PATH" className="mono" aria-describedby="settings-mongosh-hint" />
          <span id="settings-mongosh-hint" className="field-hint">
            Leave empty to use the mongosh on your PATH.
          </span>
        </div>
        <div className="field">
          <label htmlFor="settings-terminal">Terminal</label>
          <input id="settings-terminal" value={terminal} onChange={(event) => setTerminal(event.target.value)} placeholder="Your system's terminal" aria-describedby="settings-terminal-hint" />
          <span id="settings-terminal-hint" className="field-hint">
            The program that opens mongosh, e.g. gnome-terminal, iTerm or wt.
          </span>
        </div>
        <div className="field">
          <label htmlFor="settings-clipboard">Clear the clipboard after (seconds)</label>
          <input
            id="settings-clipboard"
            type="number"
            value={clipboardClearSeconds}
            onChange={(event) => setClipboardClearSeconds(event.target.value)}
            aria-describedby="settings-clipboard-hint"
          />
          <span id="settings-clipboard-hint" className="field-hint">
            Only when it still holds a command with keys that we copied. 0 leaves it alone.
          </span>
        </div>
        <div className="field">
          <label htmlFor="settings-warn">Warn before a session expires (minutes)</label>
          <input id="settings-warn" type="number" value={warnBeforeExpiryMinutes} onChange={(event) => setWarnBeforeExpiryMinutes(event.target.value)} />
        </div>
        <fieldset className="field">
          <legend>Theme</legend>
          <div className="segmented">
            {themes.map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="theme"
                  value={value}
                  checked={theme === value}
                  onChange={() => {
                    // The theme applies as it is picked, not only on "Save settings".
                    setTheme(value);
                    void save({ theme: value }).then(setError);
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {error === null ? null : <ErrorNotice error={error} title="Settings not saved" />}
      <div className="button-row">
        <button type="submit" className="button primary">
          Save settings
        </button>
      </div>
    </form>
  );
}

function emptyToDefault(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}

/** Empty goes back to the default; anything else goes to the host as typed, to be refused with a reason if wrong. */
function numberOrDefault(value: string): number | null {
  return value.trim() === '' ? null : Number(value);
}
