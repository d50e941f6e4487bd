import { describe, expect, it } from 'vitest';
import { atlasUserOfCaller } from '../../../core/identity/atlas-user-arn.js';

describe('atlasUserOfCaller', () => {
  it.each([
    ['arn:aws:sts::012345678901:assumed-role/AtlasDba/alice', 'arn:aws:iam::012345678901:role/AtlasDba', 'aws'],
    ['arn:aws:sts::012345678901:assumed-role/AtlasReader/botocore-session-1700000000', 'arn:aws:iam::012345678901:role/AtlasReader', 'aws'],
    ['arn:aws-us-gov:sts::111122223333:assumed-role/GovDba/bob@example.com', 'arn:aws-us-gov:iam::111122223333:role/GovDba', 'aws-us-gov'],
    ['arn:aws-cn:sts::111122223333:assumed-role/CnDba/i-0abc', 'arn:aws-cn:iam::111122223333:role/CnDba', 'aws-cn'],
  ])('maps the assumed role %s to the role %s, keeping the partition', (caller, arn, partition) => {
    expect(atlasUserOfCaller(caller)).toEqual({ arn, kind: 'role', partition, accountId: caller.split(':')[4] });
  });

  it.each([
    'arn:aws:iam::012345678901:user/ci-bot',
    'arn:aws:iam::012345678901:user/teams/data/analyst',
    'arn:aws-us-gov:iam::111122223333:user/alice',
  ])('keeps the IAM user %s unchanged', (caller) => {
    expect(atlasUserOfCaller(caller)).toMatchObject({ arn: caller, kind: 'user' });
  });

  it.each([
    'arn:aws:iam::012345678901:root',
    'arn:aws:sts::012345678901:federated-user/alice',
  ])('marks %s as a caller Atlas cannot map', (caller) => {
    expect(atlasUserOfCaller(caller)).toMatchObject({ arn: caller, kind: 'unsupported' });
  });

  it.each(['', 'not an arn', 'arn:aws:sts::12345:assumed-role/R/s', 'arn:aws-iso:sts::012345678901:assumed-role/R/s'])('rejects %j', (caller) => {
    expect(atlasUserOfCaller(caller)).toBeUndefined();
  });
});
