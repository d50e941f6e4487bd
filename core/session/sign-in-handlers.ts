import type { ApiHandlers, RolesReady } from '../api.js';
import { atlasVerdictsPath } from '../connections/atlas-verdicts.js';
import type { Connection } from '../connections/schema.js';
import { AtlasSsoError } from '../errors.js';
import type { SamlResponse } from '../saml/read-saml-response.js';
import { rolesReady } from './roles-ready.js';
import type { SessionContext } from './session-context.js';
import { loginProfileOf } from './session-context.js';
import type { SignInStep, SignedInEntry, SigningInEntry } from './session-entry.js';
import { afterCancel, sessionBusy, sessionInForce } from './session-entry.js';
import { signInWithConnection } from './sign-in.js';
import { withSignInFindings } from './sign-in-findings.js';

const defaultLoginTimeoutMs = 10 * 60_000;

/** Shows the connection's IdP and reads the SAMLResponse it posts; each step is told to `onStep` and to the UI. */
export function captureSignIn(ctx: SessionContext, connection: Connection, abort: AbortController, onStep: (step: SignInStep) => void): Promise<SamlResponse> {
  return signInWithConnection({
    connection,
    loginBrowser: ctx.ports.loginBrowser,
    profileDir: loginProfileOf(ctx, connection.id),
    timeoutMs: ctx.ports.loginTimeoutMs ?? defaultLoginTimeoutMs,
    signal: abort.signal,
    onProgress: (step) => {
      // A cancelled sign-in says nothing more: a late step would put the card back to "Signing in".
      if (abort.signal.aborted) return;
      onStep(step);
      ctx.events.emit({ type: 'signInProgress', connectionId: connection.id, step });
    },
  });
}

/**
 * A sign-in's roles (with what the IdP sent and what Atlas said of each), offered to pick; the assertion waits in the
 * entry, beside the session a role switch keeps.
 */
async function offerRoles(ctx: SessionContext, connection: Connection, response: SamlResponse, keeping: SignedInEntry | undefined): Promise<RolesReady> {
  const ready = await withSignInFindings(rolesReady(connection, response), { connection, facts: response.facts, verdictsFile: atlasVerdictsPath(ctx.ports.store.filePath), now: ctx.clock.now() });
  ctx.table.set(connection.id, { status: 'roles-ready', response, roles: ready, ...(keeping === undefined ? {} : { keeping }) });
  ctx.events.emit({ type: 'rolesReady', connectionId: connection.id, roles: ready });
  return ready;
}

export function signInHandlers(ctx: SessionContext): Pick<ApiHandlers, 'signIn' | 'cancelSignIn'> {
  const { table, ports } = ctx;
  return {
    signIn: async ({ connectionId }) => {
      // Checked before any await, so a double click joins the window already opening.
      const opening = table.entryOf(connectionId);
      if (opening.status === 'signing-in') return await opening.roles;
      const connection = await ports.store.get(connectionId);
      const current = table.entryOf(connection.id);
      if (current.status === 'signing-in') return await current.roles;
      if (current.status === 'assuming' || (current.status === 'signed-in' && current.refreshing !== undefined)) throw sessionBusy(connection);
      // Switch role: the session in use stays until another role is picked. Its assertion, while still good, offers
      // its roles again with no trip to the IdP.
      const keeping = sessionInForce(current);
      const held = current.status === 'signed-in' ? ctx.assertions.usable(connection.id, ctx.clock.now().getTime()) : undefined;
      if (held !== undefined) return await offerRoles(ctx, connection, held, keeping);
      const abort = new AbortController();
      let entry: SigningInEntry | undefined;
      // Started after the entry below is in place, so the UI hears "signing in" before any step of it.
      const roles = Promise.resolve().then(async (): Promise<RolesReady> => {
        const response = await captureSignIn(ctx, connection, abort, (step) => {
          if (entry === undefined || !table.isCurrent(connection.id, entry)) return;
          entry = { ...entry, step };
          table.setStep(connection.id, entry);
        });
        if (entry === undefined || !table.isCurrent(connection.id, entry)) throw new AtlasSsoError('login-cancelled', 'Sign-in was cancelled.');
        return await offerRoles(ctx, connection, response, entry.keeping);
      });
      const started: SigningInEntry = { status: 'signing-in', step: null, abort, roles, ...(keeping === undefined ? {} : { keeping }) };
      entry = started;
      table.set(connection.id, started);
      try {
        return await roles;
      } catch (error) {
        if (table.isCurrent(connection.id, entry)) table.set(connection.id, afterCancel(entry));
        throw error;
      }
    },

    cancelSignIn: async ({ connectionId }) => {
      const connection = await ports.store.get(connectionId);
      const entry = table.entryOf(connection.id);
      // A role switch gets the session it kept back.
      if (entry.status === 'signing-in' || entry.status === 'roles-ready') table.set(connection.id, afterCancel(entry));
      if (entry.status === 'signed-in') entry.refreshing?.abort.abort();
      return {};
    },
  };
}
