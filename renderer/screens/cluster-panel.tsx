import type { RefObject } from 'react';
import { useId, useRef, useState } from 'react';
import type { Cluster, Connection, RequestParams, RequestResult, Settings } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { copyText } from '../app/clipboard.js';
import { useAction } from '../app/use-action.js';
import { Breakable } from '../components/breakable.js';
import { CopyCommandNotes } from '../components/copy-command-notes.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToast } from '../components/toasts.js';
import { copiedText } from '../lib/copied-text.js';

type Shell = RequestParams<'copyCommand'>['shell'];
type Variant = RequestParams<'copyCommand'>['variant'];

/** Every shell the host writes commands for, as people call them. */
const shellLabels: Readonly<Record<Shell, string>> = { bash: 'bash', zsh: 'zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd' };
const variantLabels: Readonly<Record<Variant, string>> = { keys: 'with the keys', profile: 'with the AWS profile' };

interface ClusterPanelProps {
  readonly connection: Connection;
  readonly cluster: Cluster;
  readonly settings: Settings | null;
  /** When the session's keys expire (ISO), for "Copied · keys valid until 14:32". */
  readonly expiresAt: string;
  /** The connection's default cluster: its "Copy mongosh command" is the card's primary button. */
  readonly primary: boolean;
  /** Set on the default cluster: the card focuses the primary button through it after a sign-in, so Enter copies. */
  readonly copyButton?: RefObject<HTMLButtonElement | null>;
  readonly onOpenSettings: () => void;
  readonly onEditConnection: () => void;
}

/**
 * What a signed-in person does with one cluster: copy a mongosh command (the everyday action), open mongosh, test the
 * connection. Further per-cluster actions go in the button row after Test connection; notes go under the copy options.
 */
export function ClusterPanel({ connection, cluster, settings, expiresAt, primary, copyButton, onOpenSettings, onEditConnection }: ClusterPanelProps) {
  const api = useApi();
  const toast = useToast();
  const action = useAction();
  const id = useId();
  const [shell, setShell] = useState<Shell>(defaultShell);
  const [variant, setVariant] = useState<Variant>('keys');
  const [test, setTest] = useState<RequestResult<'testConnection'> | null>(null);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const [copied, setCopied] = useState<RequestResult<'copyCommand'> | null>(null);
  const target = { connectionId: connection.id, clusterName: cluster.name };
  const copyCommand = (): Promise<void> =>
    action.run('copy', () => api.copyCommand({ ...target, shell, variant }), async (reply) => {
      const clearAfter = reply.containsKeys ? (settings?.clipboardClearSeconds ?? 30) : 0;
      await copyText(reply.command, clearAfter);
      setWarnings(reply.warnings);
      setCopied(reply);
      toast(copiedText({ cluster: cluster.name, expiresAt, clearAfterSeconds: clearAfter, variant }));
    });
  const openMongosh = (): Promise<void> => action.run('open', () => api.openMongosh(target), (reply) => toast(`mongosh opened in ${reply.terminal}.`));
  const openCompass = (): Promise<void> => action.run('compass', () => api.openCompass(target), () => toast('MongoDB Compass opened, with the keys of this session.'));
  const testConnection = (): Promise<void> => {
    setTest(null);
    return action.run('test', () => api.testConnection(target), setTest);
  };
  /** The last step asked for, so "Try again" repeats exactly that. */
  const last = useRef<() => Promise<void>>(testConnection);
  const perform = (step: () => Promise<void>): void => {
    last.current = step;
    void step();
  };
  const busy = action.busy !== null;
  return (
    <section className={primary ? 'cluster primary-cluster' : 'cluster'} aria-labelledby={`${id}-title`}>
      <div className="cluster-title">
        <h3 id={`${id}-title`}>{cluster.name}</h3>
        <Breakable text={cluster.uri} className="mono small muted" />
      </div>
      <div className="button-row no-wrap">
        <button
          ref={copyButton}
          type="button"
          className={primary ? 'button primary' : 'button'}
          disabled={busy}
          title={`Copy a mongosh command for ${cluster.name} ${variantLabels[variant]} (${shellLabels[shell]})${primary ? '. Focused after sign-in: press Enter' : ''}`}
          onClick={() => perform(copyCommand)}
        >
          {action.busy === 'copy' ? 'Copying…' : 'Copy mongosh command'}
        </button>
        <button type="button" className="button" disabled={busy} title={`Open mongosh on ${cluster.name} in a new terminal window`} onClick={() => perform(openMongosh)}>
          {action.busy === 'open' ? 'Opening…' : 'Open mongosh'}
        </button>
        <button type="button" className="button" disabled={busy} title={`Open MongoDB Compass on ${cluster.name} with these keys in its environment`} onClick={() => perform(openCompass)}>
          {action.busy === 'compass' ? 'Opening…' : 'Open in Compass'}
        </button>
        <button type="button" className="button" disabled={busy} title={`Sign in to ${cluster.name} with these keys and list its databases`} onClick={() => perform(testConnection)}>
          {action.busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
      </div>
      <div className="copy-options">
        <div className="field inline">
          <label htmlFor={`${id}-shell`}>Shell</label>
          <select id={`${id}-shell`} value={shell} onChange={(event) => setShell(event.target.value as Shell)}>
            {Object.entries(shellLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={`${id}-variant`}>Command</label>
          <select id={`${id}-variant`} value={variant} onChange={(event) => setVariant(event.target.value as Variant)}>
            {Object.entries(variantLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CopyCommandNotes reply={copied} />
      {warnings.map((warning) => (
        <p className="notice warning" key={warning}>
          {warning}
        </p>
      ))}
      {test === null ? null : (
        <div className="notice success" role="status" aria-label="Connection test">
          <p className="notice-title">Connected</p>
          <dl className="test-result">
            <dt>User</dt>
            <dd>
              <Breakable text={test.user} className="mono" />
            </dd>
            <dt>Latency</dt>
            <dd>{Math.round(test.latencyMs)} ms</dd>
            <dt>Databases</dt>
            <dd>{test.databases.length === 0 ? 'none visible to this user' : test.databases.join(', ')}</dd>
            <dt>Server</dt>
            <dd>MongoDB {test.serverVersion}</dd>
          </dl>
        </div>
      )}
      {action.error === null ? null : (
        <ErrorNotice
          error={action.error}
          actions={{ 'try-again': () => perform(last.current), 'open-settings': onOpenSettings, 'edit-connection': onEditConnection }}
          onDismiss={action.clearError}
        />
      )}
    </section>
  );
}

/** PowerShell where Windows is, else bash (zsh and bash take the same command). */
function defaultShell(): Shell {
  return /Windows/i.test(navigator.userAgent) ? 'powershell' : 'bash';
}
