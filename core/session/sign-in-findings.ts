import type { RolesReady } from '../api.js';
import { readAtlasVerdicts } from '../connections/atlas-verdicts.js';
import type { Connection } from '../connections/schema.js';
import { explainSamlFacts } from '../saml/explain-response.js';
import type { SamlFacts } from '../saml/read-saml-response.js';

export interface SignInFindingsRequest {
  readonly connection: Connection;
  readonly facts: SamlFacts;
  /** core/connections/atlas-verdicts.ts's file for this host's connections. */
  readonly verdictsFile: string;
  readonly now: Date;
}

/**
 * What a sign-in's role list shows beyond the roles: "What the IdP sent" (the connection's own ACS URL counts as a
 * sign-in endpoint), and beside each role what Atlas said about it last time.
 */
export async function withSignInFindings(ready: RolesReady, request: SignInFindingsRequest): Promise<RolesReady> {
  const { connection, facts } = request;
  const verdicts = await readAtlasVerdicts(request.verdictsFile, connection.id);
  return {
    ...ready,
    groups: ready.groups.map((group) => ({
      ...group,
      roles: group.roles.map((role) => {
        const verdict = verdicts.get(role.roleArn);
        return verdict === undefined ? role : { ...role, atlas: verdict };
      }),
    })),
    idp: explainSamlFacts(facts, { now: request.now, acceptedDestinations: connection.acsUrl === undefined ? [] : [connection.acsUrl] }),
  };
}
