import type { ApiHandlers } from '../api.js';
import { isAtlasSsoError } from '../errors.js';
import type { SessionContext } from './session-context.js';
import { loginProfileOf } from './session-context.js';

/** Sign out (keys wiped from memory and both caches), and forget the IdP's sign-in too (its browser profile). */
export function signOutHandlers(ctx: SessionContext): Pick<ApiHandlers, 'signOut' | 'forgetIdpSignIn'> {
  const { store } = ctx.ports;
  return {
    signOut: async ({ connectionId }) => {
      const connection = await store.get(connectionId).catch((error: unknown) => {
        // A connection removed elsewhere may still hold keys here: sign out by id anyway.
        if (isAtlasSsoError(error, 'connection-not-found')) return { id: connectionId };
        throw error;
      });
      ctx.table.signOut(connection.id);
      await ctx.writes.settled();
      return {};
    },

    forgetIdpSignIn: async ({ connectionId }) => {
      const connection = await store.get(connectionId);
      ctx.table.signOut(connection.id);
      await ctx.writes.settled();
      await ctx.ports.loginBrowser.forget(loginProfileOf(ctx, connection.id));
      return {};
    },
  };
}
