import type { ApiHandlers, SessionSummary } from '../api.js';
import { AtlasSsoError } from '../errors.js';
import type { SessionContext } from './session-context.js';
import { sessionBusy } from './session-entry.js';
import { captureSignIn } from './sign-in-handlers.js';
import { assumeRoleFor, becomeSignedIn } from './signed-in-session.js';

/**
 * New keys for the same role. Signed in: a sign-in in the background while the current keys stay usable, joined by a
 * second refresh. Not signed in: the service's own sign-in and role choice (`flow`), picking the last role.
 */
export function refreshHandler(ctx: SessionContext, flow: Pick<ApiHandlers, 'signIn' | 'pickRole'>): Pick<ApiHandlers, 'refresh'> {
  const { table } = ctx;
  return {
    refresh: async ({ connectionId }) => {
      const connection = await ctx.ports.store.get(connectionId);
      const current = table.entryOf(connection.id);
      if (current.status === 'signed-in' && current.refreshing !== undefined) return await current.refreshing.done;
      if (current.status === 'signing-in' || current.status === 'assuming') throw sessionBusy(connection);
      const roleArn = current.status === 'signed-in' ? current.role.roleArn : connection.lastRole;
      if (roleArn === undefined) {
        throw new AtlasSsoError('session-signed-out', `There is no role to refresh on "${connection.name}" yet: sign in and pick a role first.`);
      }
      if (current.status === 'signed-out' || current.status === 'roles-ready') {
        // Nothing live to keep: a refresh is a sign-in that picks the last role.
        const roles = await flow.signIn({ connectionId: connection.id });
        const last = roles.groups.flatMap((group) => group.roles).find((option) => option.roleArn === roleArn);
        return await flow.pickRole({ connectionId: connection.id, roleArn, ...(last === undefined ? {} : { principalArn: last.principalArn }) });
      }
      // Signed in: the current keys stay usable until the new ones arrive.
      const abort = new AbortController();
      const done = (async (): Promise<SessionSummary> => {
        const response = await captureSignIn(ctx, connection, abort, () => undefined);
        if (!table.isCurrent(connection.id, current)) throw new AtlasSsoError('login-cancelled', 'The refresh was cancelled.');
        const result = await assumeRoleFor(ctx, connection, response, current.role, abort.signal);
        if (!table.isCurrent(connection.id, current)) throw new AtlasSsoError('login-cancelled', 'The refresh was cancelled.');
        return await becomeSignedIn(ctx, { connection, ...result });
      })();
      current.refreshing = { abort, done };
      try {
        return await done;
      } finally {
        if (current.refreshing.done === done) delete current.refreshing;
      }
    },
  };
}
