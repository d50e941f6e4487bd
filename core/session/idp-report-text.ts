import type { IdpReport } from '../saml/explain-response.js';

function yesNo(value: boolean | null, unknown: string): string {
  return value === null ? unknown : value ? 'yes' : 'no';
}

/** "3 min 5 s", "2 h 5 min", "3 d 4 h" for people. */
function duration(seconds: number): string {
  const magnitude = Math.abs(seconds);
  if (magnitude < 60) return `${magnitude} s`;
  if (magnitude < 3600) return `${Math.floor(magnitude / 60)} min ${magnitude % 60} s`;
  if (magnitude < 86_400) return `${Math.floor(magnitude / 3600)} h ${Math.floor((magnitude % 3600) / 60)} min`;
  return `${Math.floor(magnitude / 86_400)} d ${Math.floor((magnitude % 86_400) / 3600)} h`;
}

/** Right after a sign-in the age of the IssueInstant is the clock skew; a negative one means a clock is off. */
function skewText(seconds: number): string {
  return seconds >= 0 ? `${duration(seconds)} ago by this computer's clock` : `${duration(seconds)} in the future by this computer's clock: this clock or the IdP's is off`;
}

/** `atlas-sso roles --explain` for people: what the IdP sent, each Role value as read, then each problem and its fix. */
export function idpReportText(report: IdpReport): string {
  const field = (label: string, value: string | null): string => `${`${label}:`.padEnd(22)}${value ?? '(not sent)'}`;
  const lines = [
    'What the IdP sent',
    field('Issuer', report.issuer),
    field('Destination', report.destination),
    field('Audience', report.audience),
    field('Issued', report.issuedAt === null ? null : `${report.issuedAt}${report.clockSkewSeconds === null ? '' : ` (${skewText(report.clockSkewSeconds)})`}`),
    field('Valid until', report.expiresAt),
    field('NameID format', report.nameIdFormat),
    field('RoleSessionName', report.roleSessionName),
    field('SessionDuration', report.sessionDuration),
    field('Response signed', yesNo(report.responseSigned, '')),
    field('Assertion signed', yesNo(report.assertionSigned, 'unknown (encrypted)')),
    field('Assertion encrypted', yesNo(report.encrypted, '')),
    '',
    report.encrypted ? 'Role values: unknown (the assertion is encrypted)' : `Role values (${report.roles.length}, in the order sent):`,
    ...report.roles.flatMap((role) =>
      role.roleArn === null
        ? [`  ${role.position}. ${role.value}`, '     not a role and a provider']
        : [
            `  ${role.position}. role     ${role.roleArn}`,
            `     provider ${role.principalArn ?? ''}`,
            `     account ${role.accountId ?? ''}, partition ${role.partition ?? ''}, order ${role.order ?? ''}${role.usable ? '' : ' (not usable)'}`,
          ],
    ),
    '',
    report.problems.length === 0 ? 'No problem found.' : `Problems (${report.problems.length}):`,
    ...report.problems.map((problem) => `  - ${problem.sentence}`),
  ];
  return `${lines.join('\n')}\n`;
}
