import type { ErrorCode } from '../../core/api.js';
import { assertNever } from './assert-never.js';

/** The one button an error offers besides "Details": what most often gets the person going again. */
export type NextStep = 'sign-in-again' | 'try-again' | 'edit-connection' | 'open-settings' | 'none';

export interface ErrorGuidance {
  /** A short heading: which part failed, in the person's words. */
  readonly title: string;
  readonly nextStep: NextStep;
  /** `neutral`: what the person chose (a cancelled sign-in), shown calmly rather than as a failure. */
  readonly tone?: 'neutral';
}

/**
 * What the UI does with each error code. The host's message already says what happened and what to do;
 * this picks the heading and the button, and the switch is exhaustive so a new code cannot go unhandled.
 */
export function errorGuidance(code: ErrorCode): ErrorGuidance {
  switch (code) {
    case 'saml-too-large':
    case 'saml-empty':
    case 'saml-not-base64':
    case 'saml-forbidden-dtd':
    case 'saml-malformed-xml':
    case 'saml-not-a-response':
    case 'saml-no-assertion':
    case 'saml-multiple-assertions':
    case 'saml-duplicate-form-field':
      return { title: 'Your identity provider sent an answer we cannot read', nextStep: 'sign-in-again' };
    case 'saml-status-not-success':
      return { title: 'Your identity provider refused the sign-in', nextStep: 'sign-in-again' };
    case 'saml-no-role-attribute':
    case 'saml-no-valid-role':
      return { title: 'Your sign-in grants no AWS role', nextStep: 'none' };
    case 'role-not-found':
    case 'role-ambiguous':
      return { title: 'That role is not in your sign-in', nextStep: 'sign-in-again' };
    case 'role-not-chosen':
      return { title: 'No role was chosen', nextStep: 'sign-in-again' };
    case 'sts-expired-assertion':
      return { title: 'The sign-in is too old for AWS', nextStep: 'sign-in-again' };
    case 'sts-invalid-identity-token':
    case 'sts-idp-rejected-claim':
    case 'sts-access-denied':
      return { title: 'AWS refused the role', nextStep: 'sign-in-again' };
    case 'sts-duration-too-long':
    case 'sts-validation':
      return { title: 'AWS refused the request', nextStep: 'edit-connection' };
    case 'sts-bad-endpoint':
      return { title: 'The AWS STS endpoint is not usable', nextStep: 'edit-connection' };
    case 'sts-throttled':
    case 'sts-unavailable':
    case 'sts-network':
    case 'sts-deadline':
    case 'sts-bad-response':
    case 'sts-unknown':
      return { title: 'AWS STS could not be reached', nextStep: 'try-again' };
    case 'credentials-file-unparsable':
    case 'credentials-file-io':
    case 'credentials-lock-timeout':
      return { title: 'The AWS credentials file could not be written', nextStep: 'try-again' };
    case 'credentials-invalid-profile-name':
    case 'credentials-invalid-value':
      return { title: 'That AWS profile cannot be written', nextStep: 'edit-connection' };
    case 'mongodb-invalid-connection-string':
      return { title: 'The cluster is not set up right', nextStep: 'edit-connection' };
    case 'mongodb-unsupported-shell-value':
      return { title: 'That command cannot be written for this shell', nextStep: 'none' };
    case 'mongodb-no-database-user':
      return { title: 'Atlas has no database user for this role', nextStep: 'none' };
    case 'mongodb-auth-failed':
    case 'mongodb-not-authorized':
      return { title: 'Atlas refused the sign-in', nextStep: 'try-again' };
    case 'mongodb-dns':
    case 'mongodb-tls':
    case 'mongodb-timeout':
    case 'mongodb-ip-access-list':
    case 'mongodb-unreachable':
    case 'mongodb-connection-failed':
      return { title: 'The cluster could not be reached', nextStep: 'try-again' };
    case 'mongodb-cancelled':
      return { title: 'The connection test was stopped', nextStep: 'try-again' };
    case 'mongodb-mongosh-not-found':
      return { title: 'mongosh was not found', nextStep: 'open-settings' };
    case 'mongodb-terminal-not-found':
    case 'mongodb-terminal-launch-failed':
      return { title: 'No terminal could be opened', nextStep: 'open-settings' };
    case 'mongodb-compass-not-found':
      return { title: 'MongoDB Compass was not found', nextStep: 'none' };
    case 'mongodb-compass-running':
      return { title: 'Quit MongoDB Compass first', nextStep: 'try-again' };
    case 'mongodb-compass-launch-failed':
      return { title: 'MongoDB Compass could not be opened', nextStep: 'try-again' };
    case 'child-command-not-found':
    case 'child-command-not-executable':
    case 'child-command-failed':
      return { title: 'The command could not run', nextStep: 'open-settings' };
    case 'connections-file-invalid':
    case 'connections-file-io':
      return { title: 'Your saved connections could not be read or saved', nextStep: 'try-again' };
    case 'connection-invalid':
    case 'connection-exists':
      return { title: 'The connection cannot be saved', nextStep: 'edit-connection' };
    case 'connection-not-found':
      return { title: 'That connection no longer exists', nextStep: 'none' };
    case 'connections-import-invalid':
      return { title: 'The team file cannot be imported', nextStep: 'none' };
    case 'login-cancelled':
      return { title: 'Sign-in cancelled', nextStep: 'sign-in-again', tone: 'neutral' };
    case 'login-timeout':
      return { title: 'The sign-in took too long', nextStep: 'sign-in-again' };
    case 'login-idp-unreachable':
      return { title: 'Your identity provider could not be reached', nextStep: 'edit-connection' };
    case 'login-browser-not-found':
    case 'login-browser-failed':
      return { title: 'The sign-in window could not open', nextStep: 'try-again' };
    case 'login-no-display':
      return { title: 'Sign-in cannot show a window on this computer', nextStep: 'none' };
    case 'session-signed-out':
    case 'session-no-sign-in':
      return { title: 'You are signed out', nextStep: 'sign-in-again' };
    case 'session-busy':
      return { title: 'Another step is still running', nextStep: 'none' };
    case 'host-unexpected':
      return { title: 'Something went wrong in Atlas SSO', nextStep: 'try-again' };
    case 'host-open-failed':
      return { title: 'Your browser could not be opened', nextStep: 'none' };
    case 'identity-no-credentials':
    case 'identity-source-failed':
    case 'identity-keys-rejected':
    case 'identity-unsupported-caller':
    case 'identity-web-identity-missing':
    case 'identity-token-unreadable':
    case 'identity-token-expired':
      return { title: 'Your AWS credentials could not be checked', nextStep: 'none' };
    case 'host-no-demo':
      return { title: 'The demo is not running', nextStep: 'none' };
    case 'input-invalid':
    case 'input-unreadable':
      return { title: 'That input is not valid', nextStep: 'none' };
    default:
      return assertNever(code);
  }
}
