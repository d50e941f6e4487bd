import type { FormEvent } from 'react';
import { useState } from 'react';
import type { Cluster, Connection, ConnectionDraft, Reply } from '../../core/api.js';
import { connectionDraftSchema, connectionStringRule } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { Dialog } from '../components/dialog.js';
import { ErrorNotice } from '../components/error-notice.js';

interface ConnectionDialogProps {
  /** Absent: a new connection. */
  readonly connection?: Connection;
  readonly onClose: () => void;
  readonly onSaved: (connection: Connection) => void;
}

const draftFields = new Set(Object.keys(connectionDraftSchema.unwrap().shape));
const editedFields = new Set(['name', 'idpUrl', 'clusters', 'profile']);

interface ClusterRow {
  readonly key: number;
  readonly name: string;
  readonly uri: string;
  /** The roles with a database user there, as typed: names or ARNs, separated by commas or spaces. */
  readonly roles: string;
}

const emptyRow = { name: '', uri: '', roles: '' };
/** Fields the form shows, so a problem elsewhere (a kept field) still shows, under the form. */
const shownFields = new Set(['name', 'idpUrl', 'profile', 'clusters.name', 'clusters.uri', 'clusters.roles']);

/** Adds or edits a connection: where to sign in, which Atlas clusters, which AWS profile. The host checks every rule. */
export function ConnectionDialog({ connection, onClose, onSaved }: ConnectionDialogProps) {
  const api = useApi();
  const action = useAction();
  const [name, setName] = useState(connection?.name ?? '');
  const [idpUrl, setIdpUrl] = useState(connection?.idpUrl ?? '');
  const [profile, setProfile] = useState(connection?.profile ?? '');
  const [clusters, setClusters] = useState<readonly ClusterRow[]>(() =>
    (connection?.clusters.length ? connection.clusters : [{ name: '', uri: '' } satisfies Cluster]).map((cluster: Cluster, key) => ({ key, name: cluster.name, uri: cluster.uri, roles: cluster.roles?.join(', ') ?? '' })),
  );
  /** Each problem the host found, by form field (`name`, `clusters.0.uri`…), shown beside it. */
  const [issues, setIssues] = useState<Readonly<Record<string, string>>>({});
  const update = (key: number, change: Partial<Omit<ClusterRow, 'key'>>): void => setClusters((rows) => rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const draft: ConnectionDraft = {
      ...(connection === undefined ? {} : keptFields(connection)),
      name: name.trim(),
      idpUrl: idpUrl.trim(),
      clusters: clusters.filter((row) => row.name.trim() !== '' || row.uri.trim() !== '').map(clusterOf),
      ...(profile.trim() === '' ? {} : { profile: profile.trim() }),
    };
    void action.run('save', async (): Promise<Reply<Connection | null>> => {
      const checked = await api.checkConnection({ connection: draft });
      const found = checked.ok ? checked.value.issues : [];
      setIssues(Object.fromEntries(found.map((issue) => [issue.field, issue.message])));
      if (found.length > 0) return { ok: true, value: null };
      return await api.saveConnection(connection === undefined ? { connection: draft } : { connectionId: connection.id, connection: draft });
    }, (saved) => {
      if (saved !== null) onSaved(saved);
    });
  };
  /** Props that tie an input to its problem: marked invalid, described by the sentence. */
  const invalid = (field: string, hint?: string) => ({
    'aria-invalid': issues[field] === undefined ? undefined : true,
    'aria-describedby': [hint, issues[field] === undefined ? undefined : `${field}-error`].filter((id) => id !== undefined).join(' ') || undefined,
  });
  // Cluster problems are reported against the rows sent, which skip the empty ones: map them back to their rows.
  const sentRows = clusters.filter((row) => row.name.trim() !== '' || row.uri.trim() !== '');
  const clusterField = (row: ClusterRow, part: string): string => `clusters.${sentRows.indexOf(row)}.${part}`;
  const otherIssues = Object.entries(issues).filter(([field]) => !shownFields.has(field.replace(/^clusters\.\d+\./, 'clusters.')));
  return (
    <Dialog
      title={connection === undefined ? 'Add your company sign-in' : `Edit ${connection.name}`}
      description="Atlas SSO opens this address in a sign-in window; what your company's page asks for (password, MFA, passkey) stays between you and it."
      onClose={onClose}
      fixedHeight
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="connection-name">Connection name</label>
          <input id="connection-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="Acme production" required autoComplete="off" {...invalid('name')} />
          <FieldError field="name" issues={issues} />
        </div>
        <div className="field">
          <label htmlFor="connection-idp-url">Sign-in link of the AWS app</label>
          <input
            id="connection-idp-url"
            type="url"
            value={idpUrl}
            onChange={(event) => setIdpUrl(event.target.value)}
            placeholder="https://acme.okta.com/home/amazon_aws/0oa…/272"
            required
            {...invalid('idpUrl', 'connection-idp-url-hint')}
          />
          <span id="connection-idp-url-hint" className="field-hint">
            In your company&apos;s portal, right-click the AWS tile and copy its link.
          </span>
          <FieldError field="idpUrl" issues={issues} />
        </div>
        {clusters.map((row, index) => (
          <fieldset className="field" key={row.key}>
            <legend>Atlas cluster{clusters.length > 1 ? ` ${index + 1}` : ''} (optional)</legend>
            <label htmlFor={`cluster-name-${row.key}`}>Cluster name</label>
            <input
              id={`cluster-name-${row.key}`}
              value={row.name}
              onChange={(event) => update(row.key, { name: event.target.value })}
              placeholder="Production"
              autoComplete="off"
              {...invalid(clusterField(row, 'name'))}
            />
            <FieldError field={clusterField(row, 'name')} issues={issues} />
            <label htmlFor={`cluster-uri-${row.key}`}>Connection string</label>
            <input
              id={`cluster-uri-${row.key}`}
              value={row.uri}
              onChange={(event) => update(row.key, { uri: event.target.value })}
              placeholder="mongodb+srv://cluster0.abcde.mongodb.net"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              {...invalid(clusterField(row, 'uri'), `cluster-uri-hint-${row.key}`)}
            />
            <span id={`cluster-uri-hint-${row.key}`} className="field-hint">
              From Atlas → Connect. {connectionStringRule}
            </span>
            <FieldError field={clusterField(row, 'uri')} issues={issues} />
            <label htmlFor={`cluster-roles-${row.key}`}>Roles with a database user here (optional)</label>
            <input
              id={`cluster-roles-${row.key}`}
              value={row.roles}
              onChange={(event) => update(row.key, { roles: event.target.value })}
              placeholder="AtlasReader, arn:aws:iam::123456789012:role/AtlasDba"
              autoComplete="off"
              spellCheck={false}
              {...invalid(clusterField(row, 'roles'), `cluster-roles-hint-${row.key}`)}
            />
            <span id={`cluster-roles-hint-${row.key}`} className="field-hint">
              Role names or ARNs, separated by commas: the role picker marks them.
            </span>
            <FieldError field={clusterField(row, 'roles')} issues={issues} />
          </fieldset>
        ))}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setClusters((rows) => [...rows, { key: Math.max(0, ...rows.map((row) => row.key)) + 1, ...emptyRow }])}>
            Add another cluster
          </button>
        </div>
        <div className="field">
          <label htmlFor="connection-profile">AWS profile to write (optional)</label>
          <input id="connection-profile" value={profile} onChange={(event) => setProfile(event.target.value)} placeholder="atlas-prod" autoComplete="off" {...invalid('profile')} />
          <FieldError field="profile" issues={issues} />
        </div>
        {otherIssues.length === 0 ? null : (
          <div className="notice error" role="alert">
            <p className="notice-title">The connection cannot be saved</p>
            {otherIssues.map(([field, message]) => (
              <p key={field}>{message}</p>
            ))}
          </div>
        )}
        {action.error === null ? null : <ErrorNotice error={action.error} />}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={action.busy !== null}>
            {action.busy === null ? 'Save' : 'Saving…'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The sentence for one field, in a live region so it is heard when it appears. */
function FieldError({ field, issues }: { readonly field: string; readonly issues: Readonly<Record<string, string>> }) {
  const message = issues[field];
  if (message === undefined) return null;
  return (
    <span id={`${field}-error`} className="field-error" role="alert">
      {message}
    </span>
  );
}

/** A row as the host takes it: trimmed, the roles split into a list (left out when none is given). */
function clusterOf(row: ClusterRow): Cluster {
  const roles = row.roles.split(/[\s,]+/).filter((role) => role !== '');
  return { name: row.name.trim(), uri: row.uri.trim(), ...(roles.length === 0 ? {} : { roles }) };
}

/** The saved fields this form does not show, carried back unchanged (the last role is set only by signing in). */
function keptFields(connection: Connection): Partial<ConnectionDraft> {
  return Object.fromEntries(Object.entries(connection).filter(([key]) => draftFields.has(key) && !editedFields.has(key)));
}
