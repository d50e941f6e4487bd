import type { SessionContext } from './session-context.js';
import { becomeSignedIn } from './signed-in-session.js';

/** The host starts: signs in again, from the keys cache, each connection whose cached session still has time left. */
export async function restoreCachedSessions(ctx: SessionContext): Promise<readonly string[]> {
  const cache = ctx.ports.keysCache;
  if (cache === undefined) return [];
  const { table } = ctx;
  const restored: string[] = [];
  for (const connection of await ctx.ports.store.list()) {
    const cached = table.entryOf(connection.id).status === 'signed-out' ? await cache.get(connection.id) : undefined;
    // A sign-in started meanwhile wins over keys from the last run.
    if (cached === undefined || table.entryOf(connection.id).status !== 'signed-out') continue;
    await becomeSignedIn(ctx, { connection, ...cached, restored: true });
    restored.push(connection.id);
  }
  return restored;
}
