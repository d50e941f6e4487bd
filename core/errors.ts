/**
 * Every failure a person can meet, as a code for programs and a sentence for people.
 * Each edge (CLI exit, HTTP, IPC) converts an AtlasSsoError once; messages never hold a secret.
 */
export const errorCodes = [
  // core/saml
  'saml-too-large',
  'saml-empty',
  'saml-not-base64',
  'saml-forbidden-dtd',
  'saml-malformed-xml',
  'saml-not-a-response',
  'saml-status-not-success',
  'saml-no-role-attribute',
  'saml-no-valid-role',
  'saml-no-assertion',
  'saml-multiple-assertions',
  'saml-duplicate-form-field',
  // role choice
  'role-not-found',
  'role-ambiguous',
  'role-not-chosen',
  // core/aws (STS)
  'sts-expired-assertion',
  'sts-invalid-identity-token',
  'sts-idp-rejected-claim',
  'sts-access-denied',
  'sts-duration-too-long',
  'sts-validation',
  'sts-throttled',
  'sts-unavailable',
  'sts-network',
  'sts-deadline',
  'sts-bad-response',
  'sts-unknown',
  'sts-bad-endpoint',
  // core/credentials
  'credentials-file-unparsable',
  'credentials-file-io',
  'credentials-lock-timeout',
  'credentials-invalid-profile-name',
  'credentials-invalid-value',
  // core/mongodb
  'mongodb-invalid-connection-string',
  'mongodb-unsupported-shell-value',
  'mongodb-no-database-user',
  'mongodb-auth-failed',
  'mongodb-dns',
  'mongodb-tls',
  'mongodb-timeout',
  'mongodb-cancelled',
  'mongodb-ip-access-list',
  'mongodb-unreachable',
  'mongodb-not-authorized',
  'mongodb-connection-failed',
  'mongodb-mongosh-not-found',
  'mongodb-terminal-not-found',
  'mongodb-terminal-launch-failed',
  'mongodb-compass-not-found',
  'mongodb-compass-running',
  'mongodb-compass-launch-failed',
  // core/identity (credential sources, caller identity, web identity)
  'identity-no-credentials',
  'identity-source-failed',
  'identity-keys-rejected',
  'identity-unsupported-caller',
  'identity-web-identity-missing',
  'identity-token-unreadable',
  'identity-token-expired',
  // core/connections
  'connections-file-invalid',
  'connections-file-io',
  'connection-invalid',
  'connection-not-found',
  'connection-exists',
  'connections-import-invalid',
  // core/login
  'login-cancelled',
  'login-timeout',
  'login-idp-unreachable',
  'login-browser-not-found',
  'login-browser-failed',
  /** No graphical session here (Linux without DISPLAY or WAYLAND_DISPLAY): no sign-in window can open at all. */
  'login-no-display',
  // core/session (running a command with the keys)
  'child-command-not-found',
  'child-command-not-executable',
  'child-command-failed',
  // core/session (the app's session service) and its hosts
  'session-signed-out',
  'session-no-sign-in',
  'session-busy',
  'host-unexpected',
  'host-open-failed',
  'host-no-demo',
  // input given to a host
  'input-invalid',
  'input-unreadable',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure with a code to switch on and a message a person can act on. */
export class AtlasSsoError extends Error {
  override readonly name = 'AtlasSsoError';
  readonly code: ErrorCode;
  /** Extra, secret-free detail shown on demand (`--verbose`, "details"). */
  readonly details: string | undefined;

  constructor(code: ErrorCode, message: string, options: { readonly cause?: unknown; readonly details?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

/** True when `value` is an AtlasSsoError with one of `codes` (or any code when none given). */
export function isAtlasSsoError(value: unknown, ...codes: readonly ErrorCode[]): value is AtlasSsoError {
  return value instanceof AtlasSsoError && (codes.length === 0 || codes.includes(value.code));
}
