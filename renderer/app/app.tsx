import { useState } from 'react';
import type { AtlasSsoApi } from '../../core/api.js';
import { BrandMark } from '../components/brand-mark.js';
import { ToastProvider } from '../components/toasts.js';
import { ConnectionsScreen } from '../screens/connections-screen.js';
import { MachineIdentityScreen } from '../screens/machine-identity-screen.js';
import { SettingsScreen } from '../screens/settings-screen.js';
import { ApiContext } from './api-context.js';
import { useAppState } from './use-app-state.js';
import { useSettings } from './use-settings.js';

type View = 'connections' | 'machine-identity' | 'settings';

/** The whole app: a header with the two places to go, and the screen of the one chosen. */
export function App({ api }: { readonly api: AtlasSsoApi }) {
  const app = useAppState(api);
  const { settings, save } = useSettings(api);
  const [view, setView] = useState<View>('connections');
  const openSettings = (): void => setView('settings');
  return (
    <ApiContext value={api}>
      <ToastProvider>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <div className="brand">
            <BrandMark className="brand-mark" />
            Atlas SSO
          </div>
          <nav className="app-nav" aria-label="Main">
            <NavButton view="connections" current={view} onSelect={setView}>
              Connections
            </NavButton>
            <NavButton view="machine-identity" current={view} onSelect={setView}>
              This computer
            </NavButton>
            <NavButton view="settings" current={view} onSelect={setView}>
              Settings
            </NavButton>
          </nav>
        </header>
        <main id="main" className="app-main" tabIndex={-1}>
          {view === 'settings' ? <SettingsScreen settings={settings} save={save} /> : null}
          {view === 'machine-identity' ? <MachineIdentityScreen /> : null}
          {view === 'connections' ? <ConnectionsScreen app={app} settings={settings} onOpenSettings={openSettings} /> : null}
        </main>
      </ToastProvider>
    </ApiContext>
  );
}

function NavButton({ view, current, onSelect, children }: { readonly view: View; readonly current: View; readonly onSelect: (view: View) => void; readonly children: string }) {
  return (
    <button type="button" className="nav-button" aria-current={view === current ? 'page' : undefined} onClick={() => onSelect(view)}>
      {children}
    </button>
  );
}
