/** The public facts of a client certificate Chromium offers (Electron's Certificate, without its PEM data). */
export interface OfferedCertificate {
  readonly subjectName: string;
  readonly issuerName: string;
  readonly fingerprint: string;
}

/** Use one certificate now, ask the person which one, or send none. */
export type CertificateDecision =
  | { readonly kind: 'use'; readonly index: number }
  | { readonly kind: 'ask'; readonly question: CertificateQuestion }
  | { readonly kind: 'none' };

/** The choice shown to the person, shaped like Electron's message box options: one button per certificate, then Cancel. */
export interface CertificateQuestion {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  readonly cancelId: number;
  readonly defaultId: number;
}

/**
 * Decides instead of Chromium's silent pick of the first certificate: the one whose subject matches the configured
 * subject (ATLAS_SSO_CLIENT_CERTIFICATE_SUBJECT: the whole subject or its CN, any case), else the person chooses.
 */
export function decideClientCertificate(host: string, offered: readonly OfferedCertificate[], configuredSubject: string | undefined): CertificateDecision {
  if (offered.length === 0) return { kind: 'none' };
  const wanted = configuredSubject?.trim().toLowerCase();
  if (wanted !== undefined && wanted !== '') {
    const matches = offered.flatMap((certificate, index) => (subjectMatches(certificate.subjectName, wanted) ? [index] : []));
    if (matches.length === 1 && matches[0] !== undefined) return { kind: 'use', index: matches[0] };
  }
  return { kind: 'ask', question: certificateQuestion(host, offered, wanted) };
}

function subjectMatches(subjectName: string, wanted: string): boolean {
  const subject = subjectName.trim().toLowerCase();
  return subject === wanted || commonName(subject) === wanted;
}

/** The CN of an `A=b, CN=c` style subject; Electron's subjectName is often the CN alone already. */
function commonName(subject: string): string | undefined {
  return /(?:^|[,/]\s*)cn=([^,/]+)/.exec(subject)?.[1]?.trim();
}

function certificateQuestion(host: string, offered: readonly OfferedCertificate[], wanted: string | undefined): CertificateQuestion {
  const note = wanted === undefined || wanted === '' ? '' : ` None (or more than one) matches the configured subject "${wanted}".`;
  return {
    message: `${host} asks for a client certificate`,
    detail: `Choose the certificate to sign in with, or Cancel to send none.${note}`,
    buttons: [...offered.map((certificate) => `${certificate.subjectName} (issued by ${certificate.issuerName})`), 'Cancel'],
    cancelId: offered.length,
    defaultId: offered.length,
  };
}

/** The person's answer to the question: a certificate's index, or none for Cancel or a closed box. */
export function certificateAnswer(offered: readonly OfferedCertificate[], response: number): CertificateDecision {
  return Number.isInteger(response) && response >= 0 && response < offered.length ? { kind: 'use', index: response } : { kind: 'none' };
}

/** The line logged for the choice: subject, issuer and fingerprint only; a private key never reaches this code. */
export function certificateLogLine(host: string, certificate: OfferedCertificate | undefined): string {
  return certificate === undefined
    ? `Client certificate for ${host}: none sent.`
    : `Client certificate for ${host}: ${certificate.subjectName} (issued by ${certificate.issuerName}, ${certificate.fingerprint}).`;
}
