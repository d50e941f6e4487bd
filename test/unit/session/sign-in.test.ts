import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../core/connections/schema.js';
import { connectionSchema } from '../../../core/connections/schema.js';
import { readSamlResponse } from '../../../core/saml/read-saml-response.js';
import { chooseRoleFor, clusterUriFor, describeRoleChoices } from '../../../core/session/sign-in.js';
import { buildSamlResponseXml, toBase64 } from '../../fixtures/saml/build-saml-response.js';

const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const analyst = 'arn:aws:iam::210987654321:role/Analyst';
const provider = (account: string) => `arn:aws:iam::${account}:saml-provider/Corp`;

function connection(fields: Partial<Connection> = {}): Connection {
  return connectionSchema.parse({ id: 'acme', name: 'Acme', idpUrl: 'https://idp.example.com/aws', accountAliases: { '210987654321': 'Lab' }, ...fields });
}

function facts(roleValues: readonly string[]) {
  return readSamlResponse(toBase64(buildSamlResponseXml({ roleValues }))).facts;
}

const two = facts([`${dba},${provider('012345678901')}`, `${analyst},${provider('210987654321')}`]);

describe('chooseRoleFor', () => {
  it('takes the role asked for, else the default role, else the only role', () => {
    expect(chooseRoleFor(connection({ defaultRole: analyst }), two, 'AtlasDba')).toEqual({ kind: 'chosen', choice: { role: 'AtlasDba' } });
    expect(chooseRoleFor(connection({ defaultRole: analyst }), two)).toEqual({ kind: 'chosen', choice: { role: analyst } });
    expect(chooseRoleFor(connection(), facts([`${dba},${provider('012345678901')}`]))).toEqual({ kind: 'chosen', choice: { role: dba, principalArn: provider('012345678901') } });
  });

  it('asks with the menu (last role first) when several roles remain, and can list them in one line', () => {
    const decision = chooseRoleFor(connection({ lastRole: analyst }), two);
    expect(decision.kind).toBe('ask');
    if (decision.kind !== 'ask') return;
    expect(decision.menu.map((group) => group.accountLabel)).toEqual(['Lab (210987654321)', '012345678901']);
    expect(describeRoleChoices(decision)).toBe(`Lab (210987654321): ${analyst}; 012345678901: ${dba}`);
  });
});

describe('clusterUriFor', () => {
  const withCluster = connection({ clusters: [{ name: 'Prod', uri: 'mongodb+srv://cluster0.abcde.mongodb.net/' }] });

  it("finds a saved cluster by name, in any case, or normalizes a pasted string", () => {
    expect(clusterUriFor(withCluster, 'prod').uri).toBe('mongodb+srv://cluster0.abcde.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS');
    expect(clusterUriFor(withCluster, 'mongodb://127.0.0.1:27017/?directConnection=true').uri).toContain('authMechanism=MONGODB-AWS');
  });

  it('names the saved clusters when neither matches', () => {
    expect(() => clusterUriFor(withCluster, 'staging')).toThrow('"Acme" has no cluster named "staging" (it has "Prod")');
  });
});
