import type { AtlasVerdictInfo, RolesReady } from '../../core/api.js';

/** What Atlas said last time about a role, from the host's role list (undefined: never tested). */
export function atlasVerdictOf(roles: RolesReady, roleArn: string): AtlasVerdictInfo | undefined {
  return roles.groups.flatMap((group) => group.roles).find((option) => option.roleArn === roleArn)?.atlas;
}

/**
 * Learned, beside the configured "Atlas: cluster" badges: what Atlas answered the last time this role's keys reached one
 * of the connection's clusters, with the date; "Not tested with Atlas" until then.
 */
export function AtlasVerdictBadge({ verdict }: { readonly verdict: AtlasVerdictInfo | undefined }) {
  if (verdict === undefined) {
    return (
      <span className="badge" title="No connection test or identity check has reached Atlas with this role yet">
        Not tested with Atlas
      </span>
    );
  }
  const when = new Date(verdict.at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  return verdict.verdict === 'user-found' ? (
    <span className="badge ok" title={`Atlas signed this role in on ${verdict.cluster} (${when})`}>
      Atlas user found · {when}
    </span>
  ) : (
    <span className="badge warn" title={`Atlas had no database user for this role on ${verdict.cluster} (${when})`}>
      No Atlas user for this role · {when}
    </span>
  );
}
