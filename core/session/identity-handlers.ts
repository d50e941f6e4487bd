import type { ApiHandlers } from '../api.js';
import { describeConfiguredSources } from '../identity/configured-sources.js';
import { diagnoseIdentity } from '../identity/diagnose-identity.js';
import { normalizeAtlasConnectionString } from '../mongodb/connection-string.js';
import { identityCheckOf } from './identity-check.js';
import { rememberAtlasVerdict, verdictContextOf } from './remember-atlas-verdict.js';
import type { SessionContext } from './session-context.js';
import { clusterUriFor } from './sign-in.js';
import { withKeys } from './signed-in-session.js';

/** "Check my identity": for this machine's AWS SDK chain, or for a live session's keys; and what this machine sets up, asking no one. */
export function identityHandlers(ctx: SessionContext): Pick<ApiHandlers, 'checkIdentity' | 'describeMachineIdentity'> {
  const { env } = ctx.ports;
  const diagnose = ctx.ports.diagnoseIdentity ?? diagnoseIdentity;
  return {
    describeMachineIdentity: () => describeConfiguredSources(env),
    checkIdentity: async ({ target }) => {
      if (target.kind === 'machine') {
        const cluster = target.clusterUri === undefined ? undefined : normalizeAtlasConnectionString(target.clusterUri);
        const diagnosis = await diagnose({ input: { kind: 'machine' }, clusterUri: cluster?.uri, env });
        return identityCheckOf('machine', diagnosis, cluster?.warnings ?? []);
      }
      const { connection, session } = await withKeys(ctx, target.connectionId);
      const cluster = target.clusterName === undefined ? undefined : clusterUriFor(connection, target.clusterName);
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = session.assumed.credentials;
      const check = () =>
        diagnose({
          input: { kind: 'keys', keys: { accessKeyId, secretAccessKey, sessionToken, expiration }, label: `your Atlas SSO session on "${connection.name}"` },
          clusterUri: cluster?.uri,
          // The STS that issued the keys answers for them: the same region and endpoint.
          region: session.assumed.region,
          stsEndpoint: session.assumed.endpoint,
          env,
        });
      // A check on a cluster is also what Atlas says of this role: remembered for the role picker.
      const diagnosis =
        target.clusterName === undefined
          ? await check()
          : await rememberAtlasVerdict(verdictContextOf(ctx, connection.id, session.role, target.clusterName), check, ({ problem }) => (problem === null ? { ok: true } : { ok: false, code: problem.code }));
      return identityCheckOf('session', diagnosis, cluster?.warnings ?? []);
    },
  };
}
