import { Fragment } from 'react';
import type { IdpReportInfo } from '../../core/api.js';
import { Dialog } from '../components/dialog.js';

function yesNo(value: boolean | null, unknown: string): string {
  return value === null ? unknown : value ? 'Yes' : 'No';
}

/** How far this computer's clock reads past the IssueInstant, right after the sign-in: the clock skew. */
function skewText(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const magnitude = Math.abs(seconds);
  const amount = magnitude < 120 ? `${magnitude} s` : `${Math.round(magnitude / 60)} min`;
  return seconds >= 0 ? `this computer read it ${amount} after it was issued` : `${amount} before it was issued: a clock is off`;
}

const notSent = 'not sent';

/**
 * What the IdP sent in the last sign-in, as SAML-tracer would show it, then each problem with the fix on the IdP side.
 * Never the signature value, a certificate or the assertion: the host does not send them.
 */
export function IdpReportView({ report }: { readonly report: IdpReportInfo }) {
  const facts: readonly (readonly [string, string])[] = [
    ['Issuer', report.issuer ?? notSent],
    ['Destination', report.destination ?? notSent],
    ['Audience', report.audience ?? notSent],
    ['Issued', report.issuedAt === null ? notSent : `${new Date(report.issuedAt).toLocaleString()} (${skewText(report.clockSkewSeconds)})`],
    ['Valid until', report.expiresAt === null ? notSent : new Date(report.expiresAt).toLocaleString()],
    ['NameID format', report.nameIdFormat ?? notSent],
    ['RoleSessionName', report.roleSessionName ?? notSent],
    ['SessionDuration', report.sessionDuration === null ? notSent : `${report.sessionDuration} s`],
    ['Response signed', yesNo(report.responseSigned, '')],
    ['Assertion signed', yesNo(report.assertionSigned, 'Unknown (encrypted)')],
    ['Assertion encrypted', yesNo(report.encrypted, '')],
  ];
  return (
    <div className="idp-report">
      {report.problems.length === 0 ? (
        <p className="notice success">No problem found in what the IdP sent.</p>
      ) : (
        <div className="notice warning" role="status">
          <p className="notice-title">
            {report.problems.length === 1 ? '1 problem to fix in the IdP' : `${report.problems.length} problems to fix in the IdP`}
          </p>
          <ul>
            {report.problems.map((problem) => (
              <li key={`${problem.code} ${problem.sentence}`}>{problem.sentence}</li>
            ))}
          </ul>
        </div>
      )}
      <dl className="test-result" aria-label="What the IdP sent">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd className={label === 'Issued' || label === 'Valid until' ? undefined : 'mono'}>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <h3>{report.encrypted ? 'Role values: unknown (the assertion is encrypted)' : `Role values, in the order sent (${report.roles.length})`}</h3>
      <ol className="idp-roles">
        {report.roles.map((role) => (
          <li key={role.position}>
            {role.roleArn === null ? (
              <span className="mono">{role.value} (not a role and a provider)</span>
            ) : (
              <>
                <span className="mono">{role.roleArn}</span>
                <br />
                <span className="mono small muted">{role.principalArn}</span>
                <br />
                <span className="small muted">
                  Account {role.accountId}, partition {role.partition}, order {role.order}
                  {role.usable ? '' : ' (not usable)'}
                </span>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function IdpReportDialog({ connectionName, report, onClose }: { readonly connectionName: string; readonly report: IdpReportInfo; readonly onClose: () => void }) {
  return (
    <Dialog title={`What the IdP sent: ${connectionName}`} description="From your last sign-in, for the people who set up the identity provider." onClose={onClose}>
      <IdpReportView report={report} />
      <div className="button-row">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
