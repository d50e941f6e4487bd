import { useEffect, useId, useState } from 'react';
import type { Cluster, Connection, IdentityCheck } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { Breakable } from '../components/breakable.js';
import { Dialog } from '../components/dialog.js';
import { ErrorNotice } from '../components/error-notice.js';
import { CheckOutcome, IdentityReport } from './identity-report.js';

interface SessionIdentityDialogProps {
  readonly connection: Connection;
  readonly onClose: () => void;
  readonly onSignInAgain: () => void;
}

/** "Check my identity" for a signed-in connection: who AWS says its keys are, the Atlas user they need, and each cluster's verdict. */
export function SessionIdentityDialog({ connection, onClose, onSignInAgain }: SessionIdentityDialogProps) {
  const api = useApi();
  const action = useAction();
  const [check, setCheck] = useState<IdentityCheck | null>(null);
  const connectionId = connection.id;
  const { run } = action;
  useEffect(() => {
    void run('check', () => api.checkIdentity({ target: { kind: 'session', connectionId } }), setCheck);
  }, [api, run, connectionId]);
  return (
    <Dialog title={`Check my identity on ${connection.name}`} description="What AWS and Atlas see when this session’s keys sign in. The keys themselves stay in Atlas SSO." onClose={onClose}>
      {action.busy === 'check' ? (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Asking AWS STS who these keys belong to…
        </p>
      ) : null}
      {check === null ? null : <IdentityReport check={check} label="Session identity" />}
      {action.error === null ? null : <ErrorNotice error={action.error} actions={{ 'sign-in-again': onSignInAgain }} onDismiss={action.clearError} />}
      {check === null || connection.clusters.length === 0 ? null : (
        <div className="clusters">
          {connection.clusters.map((cluster) => (
            <ClusterCheck key={cluster.name} connectionId={connectionId} cluster={cluster} />
          ))}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** One cluster: sign in there with the keys, and say who Atlas took them for, or exactly which user to add. */
function ClusterCheck({ connectionId, cluster }: { readonly connectionId: string; readonly cluster: Cluster }) {
  const api = useApi();
  const action = useAction();
  const id = useId();
  const [check, setCheck] = useState<IdentityCheck | null>(null);
  const test = (): void => {
    setCheck(null);
    void action.run('test', () => api.checkIdentity({ target: { kind: 'session', connectionId, clusterName: cluster.name } }), setCheck);
  };
  return (
    <section className="cluster" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{cluster.name}</h3>
      <p className="small muted identity-uri">
        <Breakable text={cluster.uri} className="mono" />
      </p>
      <div className="button-row">
        <button type="button" className="button" disabled={action.busy !== null} onClick={test}>
          {action.busy === 'test' ? 'Signing in…' : 'Test sign-in'}
        </button>
      </div>
      {check === null ? null : <CheckOutcome check={check} />}
      {check?.warnings.map((warning) => (
        <p className="notice warning" key={warning}>
          {warning}
        </p>
      ))}
      {action.error === null ? null : <ErrorNotice error={action.error} actions={{ 'try-again': test }} onDismiss={action.clearError} />}
    </section>
  );
}
