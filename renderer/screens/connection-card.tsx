import type { Dispatch } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ApiError, Connection, SessionState, Settings } from '../../core/api.js';
import { useApi } from '../app/api-context.js';
import { useAction } from '../app/use-action.js';
import { useLapsed } from '../app/use-lapsed.js';
import { useLastIdpReport } from '../app/use-last-idp-report.js';
import { useNow } from '../app/use-now.js';
import { Breakable } from '../components/breakable.js';
import { ErrorNotice } from '../components/error-notice.js';
import type { MenuItem } from '../components/menu-button.js';
import { MenuButton } from '../components/menu-button.js';
import { useToast } from '../components/toasts.js';
import type { AppAction } from '../lib/app-state.js';
import { assertNever } from '../lib/assert-never.js';
import { expiryClockTime, timeLeftText } from '../lib/time-left.js';
import { ClusterPanel } from './cluster-panel.js';
import { IdpReportDialog } from './idp-report.js';
import { RolePicker } from './role-picker.js';
import { SessionIdentityDialog } from './session-identity-dialog.js';
import { SignOutDialog } from './sign-out-dialog.js';

interface ConnectionCardProps {
  readonly connection: Connection;
  readonly session: SessionState;
  readonly expiringMinutes: number | undefined;
  readonly expired: boolean;
  readonly hostError: ApiError | undefined;
  readonly settings: Settings | null;
  readonly dispatch: Dispatch<AppAction>;
  readonly onEdit: () => void;
  readonly onRemove: () => void;
  readonly onOpenSettings: () => void;
  /** Focus this card's Sign in button on launch (the only connection). */
  readonly autoFocus?: boolean;
}

const stepText = {
  'starting-browser': 'Opening the sign-in window…',
  'opening-idp': 'Loading your company’s sign-in page…',
  'waiting-for-sign-in': 'Waiting for you to sign in in the other window…',
  captured: 'Signed in. Reading your roles…',
} as const;

/** One connection: where it stands, the everyday action first (copy the mongosh command), the rest one level down. */
export function ConnectionCard(props: ConnectionCardProps) {
  const { connection, dispatch } = props;
  const lapsed = useLapsed(props.session.status === 'signed-in' ? props.session.session.expiresAt : null);
  const session: SessionState = lapsed ? { status: 'signed-out', connectionId: connection.id } : props.session;
  const api = useApi();
  const toast = useToast();
  const action = useAction();
  const titleId = useId();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [checkingIdentity, setCheckingIdentity] = useState(false);
  const [showingIdpReport, setShowingIdpReport] = useState(false);
  const idpReport = useLastIdpReport(session);
  const [signingOut, setSigningOut] = useState(false);
  /** The role signed in as when "Switch role" started: the picker marks it active. */
  const [switchingFrom, setSwitchingFrom] = useState<string | undefined>(undefined);
  // A switch ends once the card is signed in (a role picked, or the kept one back) or out.
  useEffect(() => {
    if (session.status === 'signed-in' || session.status === 'signed-out') setSwitchingFrom(undefined);
  }, [session.status]);
  const copyButton = useRef<HTMLButtonElement>(null);
  const signInButton = useRef<HTMLButtonElement>(null);
  const [focusCopy, setFocusCopy] = useState(false);
  // After a role is picked the picker closes (and hands focus back): then the primary button takes it, so Enter copies.
  useEffect(() => {
    if (!focusCopy || copyButton.current === null) return;
    copyButton.current.focus();
    setFocusCopy(false);
  });
  // The one connection there is: its Sign in button has focus at launch, so Enter starts the sign-in.
  useEffect(() => {
    if (props.autoFocus === true) signInButton.current?.focus();
  }, [props.autoFocus]);
  // The host drops a sign-in once it is used or refused: the picker shows only while there are roles to pick.
  const picking = pickerOpen && session.status === 'roles-ready';
  const connectionId = connection.id;
  const signIn = (): void => {
    void action.run('sign-in', () => api.signIn({ connectionId }), (roles) => {
      dispatch({ type: 'session', state: { status: 'roles-ready', connectionId, roles } });
      setPickerOpen(true);
    });
  };
  /** Another role of the same sign-in: the IdP session signs in again without a password, then the picker shows. */
  const switchRole = (): void => {
    if (session.status === 'signed-in') setSwitchingFrom(session.session.roleArn);
    signIn();
  };
  const pickRole = (roleArn: string, principalArn: string | undefined): void => {
    void action.run('pick', () => api.pickRole(principalArn === undefined ? { connectionId, roleArn } : { connectionId, roleArn, principalArn }), (summary) => {
      dispatch({ type: 'session', state: { status: 'signed-in', connectionId, session: summary } });
      setPickerOpen(false);
      setSwitchingFrom(undefined);
      setFocusCopy(true);
    });
  };
  const signedOut = (): void => dispatch({ type: 'session', state: { status: 'signed-out', connectionId } });
  const refresh = (): void => {
    void action.run('refresh', () => api.refresh({ connectionId }), (summary) => {
      dispatch({ type: 'session', state: { status: 'signed-in', connectionId, session: summary } });
      toast(`${connection.name}: new keys, ${timeLeftText(summary.expiresAt, Date.now())}.`);
    });
  };
  const forget = (): void => {
    void action.run('forget', () => api.forgetIdpSignIn({ connectionId }), () => {
      signedOut();
      toast(`${connection.name}: the next sign-in asks for your password again.`);
    });
  };
  const errorActions = { 'sign-in-again': signIn, 'try-again': signIn, 'edit-connection': props.onEdit, 'open-settings': props.onOpenSettings };
  const busy = action.busy !== null;
  const menu: MenuItem[] = [
    ...(session.status === 'signed-in' || session.status === 'roles-ready' ? [{ label: 'Sign out…', onSelect: () => setSigningOut(true), disabled: busy }] : []),
    ...(idpReport === undefined ? [] : [{ label: 'What the IdP sent', onSelect: () => setShowingIdpReport(true) }]),
    { label: 'Forget IdP sign-in', onSelect: forget, disabled: busy },
    { label: 'Edit', onSelect: props.onEdit },
    { label: 'Remove…', onSelect: props.onRemove, danger: true },
  ];
  const [defaultCluster, ...otherClusters] = connection.clusters;
  return (
    <li className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <div className="card-title">
          <h2 id={titleId}>{connection.name}</h2>
          <p className="muted small">
            <Breakable text={hostOf(connection.idpUrl)} />
          </p>
        </div>
        <SessionBadge session={session} />
      </div>
      <SessionStatus session={session} expired={props.expired || lapsed} expiringMinutes={props.expiringMinutes} />
      {session.status === 'signed-in' && defaultCluster !== undefined ? (
        <ClusterPanel
          connection={connection}
          cluster={defaultCluster}
          settings={props.settings}
          expiresAt={session.session.expiresAt}
          primary
          copyButton={copyButton}
          onOpenSettings={props.onOpenSettings}
          onEditConnection={props.onEdit}
        />
      ) : null}
      {session.status === 'signed-in' && defaultCluster === undefined ? (
        <p className="muted">
          No Atlas cluster yet.{' '}
          <button type="button" className="button link" onClick={props.onEdit}>
            Add one
          </button>{' '}
          to open mongosh or copy a command.
        </p>
      ) : null}
      <div className="button-row no-wrap secondary-actions">
        {session.status === 'signed-out' ? (
          <button ref={signInButton} type="button" className="button primary" disabled={busy} title="Opens your company’s sign-in page (Enter when focused)" onClick={signIn}>
            Sign in
          </button>
        ) : null}
        {session.status === 'signing-in' ? (
          <button type="button" className="button" title="Closes the sign-in window (Esc there does the same)" onClick={() => void action.run('cancel', () => api.cancelSignIn({ connectionId }))}>
            Cancel sign-in
          </button>
        ) : null}
        {session.status === 'roles-ready' ? (
          <button type="button" className="button primary" onClick={() => setPickerOpen(true)}>
            Choose a role
          </button>
        ) : null}
        {session.status === 'signed-in' ? (
          <>
            <button
              type="button"
              className="button"
              disabled={busy}
              title={`Writes the keys to the AWS profile "${connection.profile ?? connection.id}" for the AWS CLI and SDKs`}
              onClick={() =>
                void action.run('profile', () => api.writeProfile({ connectionId }), (written) =>
                  toast(`Keys written to the AWS profile "${written.profile}" (${written.filePath}) until ${expiryClockTime(written.expiresAt)}.`),
                )
              }
            >
              {action.busy === 'profile' ? 'Writing…' : 'Write to AWS profile'}
            </button>
            <button type="button" className="button" disabled={busy} title="New keys for the same role, without your password while your company sign-in lasts" onClick={refresh}>
              {action.busy === 'refresh' ? 'Refreshing…' : 'Refresh'}
            </button>
            <button type="button" className="button" title="Who AWS and Atlas see with these keys" onClick={() => setCheckingIdentity(true)}>
              Check my identity
            </button>
            <button type="button" className="button" disabled={busy} title="Pick another role of the same sign-in, without your password while your company sign-in lasts" onClick={switchRole}>
              {action.busy === 'sign-in' ? 'Signing in…' : 'Switch role'}
            </button>
          </>
        ) : null}
        <span className="row-end">
          <MenuButton label={`More actions for ${connection.name}`} items={menu} />
        </span>
      </div>
      {action.error === null || picking ? null : <ErrorNotice error={action.error} actions={errorActions} onDismiss={action.clearError} />}
      {props.hostError === undefined ? null : (
        <ErrorNotice error={props.hostError} actions={errorActions} onDismiss={() => dispatch({ type: 'dismissHostError', connectionId })} />
      )}
      {session.status === 'signed-in' && otherClusters.length > 0 ? (
        <div className="clusters">
          {otherClusters.map((cluster) => (
            <ClusterPanel
              key={cluster.name}
              connection={connection}
              cluster={cluster}
              settings={props.settings}
              expiresAt={session.session.expiresAt}
              primary={false}
              onOpenSettings={props.onOpenSettings}
              onEditConnection={props.onEdit}
            />
          ))}
        </div>
      ) : null}
      {checkingIdentity && session.status === 'signed-in' ? (
        <SessionIdentityDialog
          connection={connection}
          onClose={() => setCheckingIdentity(false)}
          onSignInAgain={() => {
            setCheckingIdentity(false);
            signIn();
          }}
        />
      ) : null}
      {showingIdpReport && idpReport !== undefined ? <IdpReportDialog connectionName={connection.name} report={idpReport} onClose={() => setShowingIdpReport(false)} /> : null}
      {signingOut ? (
        <SignOutDialog
          connection={connection}
          hasKeys={session.status === 'signed-in'}
          onClose={() => setSigningOut(false)}
          onSignedOut={(removedProfile) => {
            setSigningOut(false);
            signedOut();
            toast(removedProfile === null ? `Signed out of ${connection.name}.` : `Signed out of ${connection.name}; the AWS profile "${removedProfile}" was removed.`);
          }}
        />
      ) : null}
      {picking ? (
        <RolePicker
          connection={connection}
          roles={session.roles}
          activeRoleArn={switchingFrom}
          busy={action.busy === 'pick'}
          error={action.error}
          onPick={pickRole}
          onClose={() => {
            setPickerOpen(false);
            action.clearError();
            // Closing a role switch's picker keeps the role in use: the host puts that session back.
            if (switchingFrom !== undefined) {
              setSwitchingFrom(undefined);
              void action.run('cancel', () => api.cancelSignIn({ connectionId }));
            }
          }}
          onSignInAgain={() => {
            setPickerOpen(false);
            signIn();
          }}
        />
      ) : null}
    </li>
  );
}

function SessionBadge({ session }: { readonly session: SessionState }) {
  switch (session.status) {
    case 'signed-out':
      return <span className="badge">Signed out</span>;
    case 'signing-in':
      return <span className="badge warn">Signing in</span>;
    case 'roles-ready':
      return <span className="badge warn">Choose a role</span>;
    case 'assuming':
      return <span className="badge warn">Getting keys</span>;
    case 'signed-in':
      return <span className="badge ok">Signed in</span>;
    default:
      return assertNever(session);
  }
}

function SessionStatus({ session, expired, expiringMinutes }: { readonly session: SessionState; readonly expired: boolean; readonly expiringMinutes: number | undefined }) {
  switch (session.status) {
    case 'signed-out':
      return <p className="muted">{expired ? 'Your session expired. Sign in again to get new keys.' : 'Signed out.'}</p>;
    case 'signing-in':
      return (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" />
          {session.step === null ? 'Starting the sign-in…' : stepText[session.step]}
        </p>
      );
    case 'roles-ready':
      return <p>Signed in at your company. Choose the AWS role to use.</p>;
    case 'assuming':
      return (
        <p className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Asking AWS for keys…
        </p>
      );
    case 'signed-in':
      return <SignedInStatus session={session.session} expiringMinutes={expiringMinutes} />;
    default:
      return assertNever(session);
  }
}

function SignedInStatus({ session, expiringMinutes }: { readonly session: Extract<SessionState, { status: 'signed-in' }>['session']; readonly expiringMinutes: number | undefined }) {
  const now = useNow();
  const account = session.accountAlias === null ? session.accountId : `${session.accountAlias} (${session.accountId})`;
  return (
    <>
      <p className="status-line">
        <span>
          Signed in as <strong title={session.roleArn}>{session.roleName}</strong> in <strong>{account}</strong>
        </span>
        <time className="badge" dateTime={session.expiresAt} title={`Until ${expiryClockTime(session.expiresAt)}`}>
          {timeLeftText(session.expiresAt, now)}
        </time>
      </p>
      {expiringMinutes === undefined ? null : (
        <p className="notice warning" role="status">
          This session ends soon ({timeLeftText(session.expiresAt, now)}). Refresh to keep working.
        </p>
      )}
      {session.warnings.map((warning) => (
        <p className="notice warning" key={warning}>
          {warning}
        </p>
      ))}
    </>
  );
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
