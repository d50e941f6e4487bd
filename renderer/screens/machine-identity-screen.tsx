import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import type { IdentityCheck, MachineCredentialSetup } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { ErrorNotice } from '../components/error-notice.js';
import { IdentityReport } from './identity-report.js';
import { MachineSetup } from './machine-setup.js';

/**
 * This computer's own AWS identity: the credential chain as Atlas SSO's process sees it, which is what mongosh, the
 * driver or a script started here without Atlas SSO's keys would use. Opening it asks nothing of anyone (no metadata
 * service, no STS) and shows what is set up: the check runs on its button, and a cluster can be added to test.
 */
export function MachineIdentityScreen() {
  const api = useApi();
  const action = useAction();
  const [clusterUri, setClusterUri] = useState('');
  const [check, setCheck] = useState<IdentityCheck | null>(null);
  const [setup, setSetup] = useState<MachineCredentialSetup | null>(null);
  const { run } = action;
  useEffect(() => {
    void run('read', () => api.describeMachineIdentity({}), setSetup);
  }, [api, run]);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const uri = clusterUri.trim();
    setCheck(null);
    void run('check', () => api.checkIdentity({ target: uri === '' ? { kind: 'machine' } : { kind: 'machine', clusterUri: uri } }), setCheck);
  };
  return (
    <section className="card form" aria-labelledby="machine-identity-title">
      <div>
        <h1 id="machine-identity-title" className="page-title">
          This computer’s AWS identity
        </h1>
        <p className="muted">
          The AWS credentials this computer offers without Atlas SSO’s sign-in (environment variables, ~/.aws files, a web identity token, ECS or EC2), found the way mongosh and the MongoDB driver find them,
          and the database user Atlas needs for them.
        </p>
      </div>
      <form className="copy-options" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="machine-identity-cluster">Also test a cluster (optional)</label>
          <input
            id="machine-identity-cluster"
            className="mono"
            value={clusterUri}
            onChange={(event) => setClusterUri(event.target.value)}
            placeholder="mongodb+srv://cluster0.example.mongodb.net"
            aria-describedby="machine-identity-cluster-hint"
            spellCheck={false}
          />
          <span id="machine-identity-cluster-hint" className="field-hint">
            The connection string from Atlas → Connect.
          </span>
        </div>
        <button type="submit" className="button primary" disabled={action.busy !== null}>
          {action.busy === 'check' ? 'Checking…' : check === null ? 'Check this computer' : 'Check again'}
        </button>
      </form>
      {action.busy === 'check' ? (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Looking for AWS credentials and asking AWS STS who they belong to…
        </p>
      ) : null}
      {check === null && setup !== null && action.busy !== 'check' ? <MachineSetup setup={setup} /> : null}
      {check !== null && check.source === null && check.problem?.code === 'identity-no-credentials' ? (
        <p className="notice" role="status">
          No AWS identity here — normal on a laptop; this panel is for servers, containers and CI.
        </p>
      ) : null}
      {check === null ? null : <IdentityReport check={check} label="This computer’s identity" />}
      {check?.warnings.map((warning) => (
        <p className="notice warning" key={warning}>
          {warning}
        </p>
      ))}
      {action.error === null ? null : <ErrorNotice error={action.error} onDismiss={action.clearError} />}
    </section>
  );
}
