import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseIdentity } from '../../../core/identity/diagnose-identity.js';
import { demoRoles } from '../../emulators/demo-corp.js';
import type { IdentityWorld } from './identity-world.js';
import { startIdentityWorld } from './identity-world.js';

let world: IdentityWorld;

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world.close();
});

/** The UI's "Check my identity" for a signed-in session: keys the app holds, diagnosed without the machine's chain. */
async function diagnoseSession(roleArn: string, withCluster: boolean): ReturnType<typeof diagnoseIdentity> {
  const keys = world.sts.issueFor(roleArn, 'alice');
  return diagnoseIdentity({ input: { kind: 'keys', keys, label: 'your Atlas SSO session' }, clusterUri: withCluster ? world.atlas.uri : undefined, stsEndpoint: world.sts.url, env: {} });
}

describe('diagnoseIdentity for keys the app holds', () => {
  it('names the caller, the Atlas user and what the cluster says', async () => {
    const diagnosis = await diagnoseSession(demoRoles.reader.roleArn, true);
    expect(diagnosis).toMatchObject({
      source: 'session',
      sourceLabel: 'your Atlas SSO session',
      steps: [],
      callerArn: 'arn:aws:sts::012345678901:assumed-role/AtlasReader/alice',
      atlasUser: { arn: 'arn:aws:iam::012345678901:role/AtlasReader', kind: 'role' },
      connection: { user: 'arn:aws:iam::012345678901:role/AtlasReader', roles: [{ role: 'read', db: 'sales' }] },
      problem: null,
    });
    expect(diagnosis.expiration?.getTime()).toBeGreaterThan(Date.now());
  });

  it('says which ARN to add when the cluster has no database user', async () => {
    const diagnosis = await diagnoseSession(demoRoles.noDbUser.roleArn, true);
    expect(diagnosis.connection).toBeNull();
    expect(diagnosis.problem).toEqual({
      code: 'mongodb-no-database-user',
      message: 'Atlas sees you as arn:aws:sts::210987654321:assumed-role/NoDatabaseUser/alice and has no database user for it: add arn:aws:iam::210987654321:role/NoDatabaseUser in Atlas → Database Access → Add New Database User → AWS IAM → IAM Role.',
    });
  });

  it('reports keys STS does not know as a problem value, never a throw, and without the keys', async () => {
    const keys = { accessKeyId: 'ASIANOTISSUED0000000', secretAccessKey: 'x'.repeat(40), sessionToken: 'y'.repeat(200), expiration: new Date(Date.now() + 60_000) };
    const diagnosis = await diagnoseIdentity({ input: { kind: 'keys', keys, label: 'your Atlas SSO session' }, stsEndpoint: world.sts.url, env: {} });
    expect(diagnosis.callerArn).toBeNull();
    expect(diagnosis.problem?.code).toBe('identity-keys-rejected');
    expect(JSON.stringify(diagnosis)).not.toContain(keys.secretAccessKey);
    expect(JSON.stringify(diagnosis)).not.toContain(keys.sessionToken);
  });
});
