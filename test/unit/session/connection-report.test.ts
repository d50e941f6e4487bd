import { describe, expect, it } from 'vitest';
import { connectionReportJson, connectionReportText } from '../../../core/session/connection-report.js';
import { databaseUserArn } from '../../../core/identity/atlas-user-arn.js';

const outcome = {
  cluster: 'cluster0.abcde.mongodb.net',
  report: { user: 'arn:aws:iam::012345678901:role/AtlasDba', roles: [{ role: 'readWrite', db: 'sales' }, { role: 'read', db: 'hr' }], latencyMs: 12.345, databases: ['sales', 'hr'], serverVersion: '7.0.14' },
  expiration: new Date('2031-01-02T03:04:05Z'),
};

describe('connection report', () => {
  it('reads for people: user, roles, latency to 0.1 ms, databases, expiry', () => {
    expect(connectionReportText(outcome)).toBe([
      'Connected to cluster0.abcde.mongodb.net (MongoDB 7.0.14).',
      'Signed in as: arn:aws:iam::012345678901:role/AtlasDba',
      'Roles:        readWrite@sales, read@hr',
      'Latency:      12.3 ms',
      'Databases:    sales, hr',
      'Keys valid until 2031-01-02T03:04:05.000Z.',
      '',
    ].join('\n'));
  });

  it('says "none" rather than leaving a line empty', () => {
    expect(connectionReportText({ ...outcome, report: { ...outcome.report, roles: [], databases: [] } })).toMatch(/^Roles: +none$[\s\S]*^Databases: +none$/m);
  });

  it('has a stable JSON shape for scripts', () => {
    expect(connectionReportJson(outcome)).toEqual({
      ok: true,
      cluster: 'cluster0.abcde.mongodb.net',
      user: 'arn:aws:iam::012345678901:role/AtlasDba',
      roles: [{ role: 'readWrite', db: 'sales' }, { role: 'read', db: 'hr' }],
      latencyMs: 12.3,
      databases: ['sales', 'hr'],
      serverVersion: '7.0.14',
      expiration: '2031-01-02T03:04:05.000Z',
    });
  });
});

describe('databaseUserArn', () => {
  it('drops the IAM path, as Atlas maps an assumed role to its database user', () => {
    expect(databaseUserArn({ partition: 'aws', accountId: '012345678901', roleName: 'AtlasReader' })).toBe('arn:aws:iam::012345678901:role/AtlasReader');
    expect(databaseUserArn({ partition: 'aws-us-gov', accountId: '000000000001', roleName: 'dba' })).toBe('arn:aws-us-gov:iam::000000000001:role/dba');
  });
});
