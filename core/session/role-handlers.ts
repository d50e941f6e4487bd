import type { ApiHandlers } from '../api.js';
import { checkCredentialsProfileWritable } from '../credentials/write-profile.js';
import { AtlasSsoError } from '../errors.js';
import { pickRole } from './pick-role.js';
import type { SessionContext } from './session-context.js';
import { afterCancel, sessionBusy } from './session-entry.js';
import { assumeRoleFor, becomeSignedIn } from './signed-in-session.js';

/** The role choice: the sign-in waiting in memory is redeemed at STS for the role picked, then held only for Switch role. */
export function roleHandlers(ctx: SessionContext): Pick<ApiHandlers, 'pickRole'> {
  const { table } = ctx;
  return {
    pickRole: async ({ connectionId, roleArn, principalArn }) => {
      const connection = await ctx.ports.store.get(connectionId);
      // A connection that names a profile gets its keys saved there: refuse before STS (the sign-in stays usable).
      if (connection.profile !== undefined) await checkCredentialsProfileWritable(ctx.ports.env);
      const entry = table.entryOf(connection.id);
      if (entry.status === 'assuming' || entry.status === 'signing-in') throw sessionBusy(connection);
      if (entry.status !== 'roles-ready') {
        throw new AtlasSsoError('session-no-sign-in', `There is no sign-in to "${connection.name}" waiting for a role (a sign-in is used once): sign in again.`);
      }
      const { response } = entry;
      // A role the sign-in does not grant is refused here, and the sign-in stays usable for another choice.
      const role = pickRole(response.facts.roles, { role: roleArn, principalArn }, { encrypted: response.facts.encrypted });
      const assuming = { status: 'assuming', roleArn: role.roleArn, ...(entry.keeping === undefined ? {} : { keeping: entry.keeping }) } as const;
      table.set(connection.id, assuming);
      try {
        const result = await assumeRoleFor(ctx, connection, response, role);
        ctx.assertions.keep(connection.id, response);
        return await becomeSignedIn(ctx, { connection, ...result });
      } catch (error) {
        // A refused role leaves the session a role switch kept, else signs out.
        if (table.isCurrent(connection.id, assuming)) table.set(connection.id, afterCancel(assuming));
        throw error;
      }
    },
  };
}
