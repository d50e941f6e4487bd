import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityWorld } from './identity-world.js';
import { startIdentityWorld } from './identity-world.js';

let world: IdentityWorld;

beforeAll(async () => {
  world = await startIdentityWorld();
});
afterAll(async () => {
  await world.close();
});

describe('the ECS container endpoint test server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(world.ecs.fullUri).hostname).toBe('127.0.0.1');
    expect(new URL(world.imds.endpoint).hostname).toBe('127.0.0.1');
  });

  it('answers the task role keys only with the authorization token', async () => {
    expect((await fetch(world.ecs.fullUri)).status).toBe(401);
    expect((await fetch(world.ecs.fullUri, { headers: { Authorization: 'wrong' } })).status).toBe(401);
    const reply = await fetch(world.ecs.fullUri, { headers: { Authorization: world.ecs.authorizationToken } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ AccessKeyId: world.ecsKeys.accessKeyId, Token: world.ecsKeys.sessionToken, RoleArn: 'arn:aws:iam::012345678901:role/AtlasDba' });
    expect(world.ecs.requests.map((request) => request.authorized)).toEqual([false, false, true]);
  });
});

describe('the EC2 IMDSv2 test server', () => {
  const credentials = '/latest/meta-data/iam/security-credentials/';

  it('refuses IMDSv1 (no session token) and a token PUT without a TTL', async () => {
    expect((await fetch(`${world.imds.endpoint}${credentials}`)).status).toBe(401);
    expect((await fetch(`${world.imds.endpoint}/latest/api/token`, { method: 'PUT' })).status).toBe(400);
  });

  it('lists the instance profile role and its keys after PUT /latest/api/token', async () => {
    const token = await (await fetch(`${world.imds.endpoint}/latest/api/token`, { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '21600' } })).text();
    const headers = { 'X-aws-ec2-metadata-token': token };
    expect(await (await fetch(`${world.imds.endpoint}${credentials}`, { headers })).text()).toBe('Analyst');
    const keys = await (await fetch(`${world.imds.endpoint}${credentials}Analyst`, { headers })).json() as Record<string, string>;
    expect(keys).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: world.imdsKeys.accessKeyId, Token: world.imdsKeys.sessionToken });
    expect(Date.parse(keys.Expiration ?? '')).toBe(Math.floor(world.imdsKeys.expiration.getTime() / 1000) * 1000);
    expect((await fetch(`${world.imds.endpoint}${credentials}Other`, { headers })).status).toBe(404);
  });
});
