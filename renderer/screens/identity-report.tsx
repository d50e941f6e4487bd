import type { IdentityCheck, IdentityStep } from '../../core/api.js';
import { copyText } from '../app/clipboard.js';
import { useNow } from '../app/use-now.js';
import { Breakable } from '../components/breakable.js';
import { ErrorNotice } from '../components/error-notice.js';
import { useToast } from '../components/toasts.js';
import { expiryClockTime, timeLeftText } from '../lib/time-left.js';

const outcomeText = { answered: 'answered', 'not-configured': 'not set up', failed: 'failed' } as const satisfies Record<IdentityStep['outcome'], string>;

/** Who AWS says the keys belong to and the database user Atlas needs for them, as `atlas-sso whoami` prints it. */
export function IdentityReport({ check, label }: { readonly check: IdentityCheck; readonly label: string }) {
  const now = useNow();
  const source = check.sourceLabel === null ? null : check.detail === null ? check.sourceLabel : `${check.sourceLabel} — ${check.detail}`;
  return (
    <div className="identity-report">
      {check.steps.length === 0 ? null : <StepList steps={check.steps} />}
      <dl className="test-result" aria-label={label}>
        {source === null ? null : (
          <>
            <dt>Source</dt>
            <dd>{source}</dd>
          </>
        )}
        {check.callerArn === null ? null : (
          <>
            <dt>Caller</dt>
            <dd>
              <Breakable text={check.callerArn} className="mono" />
            </dd>
          </>
        )}
        {check.atlasUser === null ? null : (
          <>
            <dt>Atlas user</dt>
            <dd>
              <AtlasUser user={check.atlasUser} missing={check.problem?.code === 'mongodb-no-database-user'} />
            </dd>
          </>
        )}
        {check.source === null ? null : (
          <>
            <dt>Expires</dt>
            <dd>
              {check.expiresAt === null ? (
                'not known (long-term keys, or the source does not say)'
              ) : (
                <time dateTime={check.expiresAt}>
                  {expiryClockTime(check.expiresAt)} ({timeLeftText(check.expiresAt, now)})
                </time>
              )}
            </dd>
          </>
        )}
      </dl>
      <CheckOutcome check={check} />
    </div>
  );
}

/** The ARN Atlas knows these keys by, one click to copy; where to create it only once Atlas said it has no such user. */
function AtlasUser({ user, missing }: { readonly user: NonNullable<IdentityCheck['atlasUser']>; readonly missing: boolean }) {
  const toast = useToast();
  const copy = async (): Promise<void> => {
    await copyText(user.arn);
    toast('Atlas user ARN copied.');
  };
  if (user.place === null) return <span>Atlas cannot map {user.arn} to a database user: use keys of an IAM role or IAM user.</span>;
  return (
    <div className="atlas-user">
      <code className="copyable">
        <Breakable text={user.arn} />
      </code>
      <button type="button" className="button small-button" aria-label={`Copy the Atlas user ARN ${user.arn}`} onClick={() => void copy().catch(() => toast('The clipboard refused: select the ARN and copy it.'))}>
        Copy
      </button>
      {missing ? <span className="muted small">Create it in {user.place}.</span> : null}
    </div>
  );
}

/** The chain's sources in the SDK's order, and what each did: why the answer came from where it did. */
function StepList({ steps }: { readonly steps: readonly IdentityStep[] }) {
  return (
    <div>
      <p className="small muted">AWS credential sources, in the order the AWS SDK (mongosh, the driver) asks them:</p>
      <ol className="identity-steps">
        {steps.map((step) => (
          <li key={step.source} className={`identity-step ${step.outcome}`}>
            <span className="identity-step-outcome">{outcomeText[step.outcome]}</span> {step.label}
            {step.reason === null ? null : <span className="muted small"> — {step.reason}</span>}
            {step.stopsChain ? <span className="small"> (the SDK stops here)</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** What the cluster said, or the first problem: "add this ARN in Atlas" when Atlas has no user for it. */
export function CheckOutcome({ check }: { readonly check: IdentityCheck }) {
  // No credentials on a laptop is the normal case: the screen says so calmly instead.
  if (check.problem?.code === 'identity-no-credentials' && check.target === 'machine') return null;
  if (check.problem !== null) return <ErrorNotice error={check.problem} />;
  if (check.cluster === null) return null;
  const { cluster } = check;
  const roles = cluster.roles.map((role) => `${role.role}@${role.db}`).join(', ');
  return (
    <div className="notice success" role="status" aria-label="Cluster sign-in">
      <p className="notice-title">Atlas signs you in</p>
      <dl className="test-result">
        <dt>Cluster</dt>
        <dd className="mono">{cluster.address}</dd>
        <dt>Database user</dt>
        <dd className="mono">{cluster.user ?? 'not named'}</dd>
        <dt>Roles</dt>
        <dd>{roles === '' ? 'none' : roles}</dd>
        {cluster.serverVersion === null ? null : (
          <>
            <dt>Server</dt>
            <dd>MongoDB {cluster.serverVersion}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
