import type { ChangeEvent } from 'react';
import { useRef, useState } from 'react';
import type { Connection, Settings } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { useAppInfo } from '../app/use-app-info.js';
import type { AppStateHandle } from '../app/use-app-state.js';
import { Dialog } from '../components/dialog.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToast } from '../components/toasts.js';
import { ConnectionCard } from './connection-card.js';
import { ConnectionDialog } from './connection-dialog.js';
import { FirstRun } from './first-run.js';

interface ConnectionsScreenProps {
  readonly app: AppStateHandle;
  readonly settings: Settings | null;
  readonly onOpenSettings: () => void;
}

type Editing = { readonly kind: 'add' } | { readonly kind: 'edit'; readonly connection: Connection } | { readonly kind: 'remove'; readonly connection: Connection } | null;

/** The home screen: one card per connection, or the first-run welcome when there is none. */
export function ConnectionsScreen({ app, settings, onOpenSettings }: ConnectionsScreenProps) {
  const api = useApi();
  const toast = useToast();
  const action = useAction();
  const info = useAppInfo(api);
  const [editing, setEditing] = useState<Editing>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { connections, sessions, expiring, expired, hostErrors } = app.state;
  const importFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    const text = await file.text();
    await action.run('import', () => api.importConnections({ text }), (result) => {
      toast(`Imported: ${result.added.length} added, ${result.updated.length} updated, ${result.skipped.length} unchanged.`);
      void app.reload();
    });
  };
  const globalError = hostErrors[''];
  return (
    <>
      <input ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(event) => void importFile(event)} />
      {app.loadError === null ? null : <ErrorNotice error={app.loadError} actions={{ 'try-again': () => void app.reload() }} />}
      {globalError === undefined ? null : <ErrorNotice error={globalError} onDismiss={() => app.dispatch({ type: 'dismissHostError', connectionId: '' })} />}
      {action.error === null ? null : <ErrorNotice error={action.error} onDismiss={action.clearError} />}
      {connections === null ? (
        app.loadError === null ? (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Loading your connections…
          </p>
        ) : null
      ) : connections.length === 0 ? (
        <FirstRun
          onAdd={() => setEditing({ kind: 'add' })}
          onImport={() => fileInput.current?.click()}
          onTryDemo={
            info?.demoAvailable === true
              ? () =>
                  void action.run('demo', () => api.addDemoConnection({}), (added) => {
                    toast(`${added.name} added: sign in to try it.`);
                    void app.reload();
                  })
              : undefined
          }
          addingDemo={action.busy === 'demo'}
        />
      ) : (
        <>
          <div className="page-title">
            <h1>Connections</h1>
            <div className="button-row">
              <button type="button" className="button" onClick={() => fileInput.current?.click()}>
                Import a team file
              </button>
              <button type="button" className="button primary" onClick={() => setEditing({ kind: 'add' })}>
                Add connection
              </button>
            </div>
          </div>
          <ul className="connection-list" aria-label="Connections">
            {connections.map((connection) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                autoFocus={connections.length === 1}
                session={sessions[connection.id] ?? { status: 'signed-out', connectionId: connection.id }}
                expiringMinutes={expiring[connection.id]}
                expired={expired[connection.id] === true}
                hostError={hostErrors[connection.id]}
                settings={settings}
                dispatch={app.dispatch}
                onEdit={() => setEditing({ kind: 'edit', connection })}
                onRemove={() => setEditing({ kind: 'remove', connection })}
                onOpenSettings={onOpenSettings}
              />
            ))}
          </ul>
        </>
      )}
      {editing?.kind === 'add' || editing?.kind === 'edit' ? (
        <ConnectionDialog
          {...(editing.kind === 'edit' ? { connection: editing.connection } : {})}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            toast(`${saved.name} saved.`);
            void app.reload();
          }}
        />
      ) : null}
      {editing?.kind === 'remove' ? (
        <Dialog title={`Remove ${editing.connection.name}?`} description="This signs it out and forgets the connection. Your AWS profiles stay as they are." onClose={() => setEditing(null)}>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              onClick={() =>
                void action.run('remove', () => api.removeConnection({ connectionId: editing.connection.id }), () => {
                  setEditing(null);
                  void app.reload();
                })
              }
            >
              Remove
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              Keep it
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
