import type { ConnectionStore } from '../core/connections/connection-store.js';
import { loginProfileDir } from '../core/connections/config-path.js';
import type { Connection } from '../core/connections/schema.js';
import { AtlasSsoError } from '../core/errors.js';
import { createChromiumLoginBrowser } from '../core/login/chromium-login-browser.js';
import type { ChromiumLoginBrowserOptions } from '../core/login/chromium-login-browser.js';
import { chromiumOptionsFromEnv } from '../core/login/chromium-options-from-env.js';
import { openIdpSessionStore } from '../core/login/idp-session-store.js';
import type { AssumeFromResponseResult } from '../core/session/assume-from-response.js';
import type { SignInProgress } from '../core/session/sign-in.js';
import { describeRoleChoices, signInAndAssume } from '../core/session/sign-in.js';
import type { CliContext } from './context.js';
import type { CliIo } from './io.js';
import { progress } from './io.js';

/** What a command that signs in with a saved connection takes from its flags. */
export interface ConnectionSignInOptions {
  readonly role?: string | undefined;
  readonly principal?: string | undefined;
  /** `--browser PATH`. */
  readonly browser?: string | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly stsEndpoint?: string | undefined;
  readonly region?: string | undefined;
  readonly durationSeconds?: number | undefined;
  /** credential-process's silent refresh runs the browser headless: nobody is asked to look at it. */
  readonly browserOverrides?: Pick<ChromiumLoginBrowserOptions, 'headless'> | undefined;
}

/** Five minutes: time for a password, MFA and a slow IdP, short enough that a forgotten window does not hang a script. */
export const defaultSignInTimeoutSeconds = 300;

const progressLines: Readonly<Partial<Record<SignInProgress, string>>> = {
  'starting-browser': 'Opening your sign-in page in the browser…',
  'waiting-for-sign-in': 'Waiting for you to sign in…',
  assuming: 'Asking AWS STS for temporary keys…',
};

/**
 * The terminal's wiring of core's sign-in flow: the Chromium login browser, the connection's browser profile, the
 * role picker where a person can answer (else one clear error listing the roles), progress on stderr, and the role
 * remembered for next time.
 */
export async function signInWithSavedConnection(context: CliContext, store: ConnectionStore, connection: Connection, options: ConnectionSignInOptions): Promise<AssumeFromResponseResult> {
  const { io } = context;
  const result = await signInAndAssume({
    connection,
    loginBrowser: createChromiumLoginBrowser({ ...chromiumOptionsFromEnv(io.env, options.browser), ...options.browserOverrides, idpSessions: openIdpSessionStore(store.filePath, io.platform, io.env) }),
    profileDir: loginProfileDir(store.filePath, connection.id, io.platform),
    timeoutMs: (options.timeoutSeconds ?? defaultSignInTimeoutSeconds) * 1000,
    requestedRole: options.role,
    principalArn: options.principal,
    endpoint: options.stsEndpoint,
    region: options.region,
    durationSeconds: options.durationSeconds,
    env: io.env,
    onProgress: (step) => {
      const line = progressLines[step];
      if (line !== undefined) progress(io, context.verbose(), line);
    },
    askRole: async (decision) => {
      if (!canPrompt(io)) {
        throw new AtlasSsoError('role-not-chosen', `Your sign-in grants several roles; say which with --role (or set a default role on the connection). Roles: ${describeRoleChoices(decision)}.`);
      }
      const { pickRoleInteractively } = await import('./pick-role-interactively.js');
      return pickRoleInteractively(io, connection, decision.roles);
    },
    rememberRole: async (roleArn) => {
      await store.setLastRole(connection.id, roleArn).catch((error: unknown) => {
        context.warn([`The role was not remembered for next time: ${error instanceof Error ? error.message : String(error)}`]);
      });
    },
  });
  context.warn(result.warnings);
  return result;
}

/** True when a person can answer a prompt: keys come from a terminal and the prompt shows on one. */
function canPrompt(io: CliIo): boolean {
  return (io.stdin as { readonly isTTY?: boolean }).isTTY === true && io.stderr.isTTY === true;
}
