import { describe, expect, it } from 'vitest';
import { connectionStringRule } from '../../../core/api.js';
import { connectionFieldIssues } from '../../../core/connections/field-issues.js';

const valid = { name: 'Acme', idpUrl: 'https://acme.okta.com/home/amazon_aws/0oa1/272', clusters: [{ name: 'Main', uri: 'mongodb+srv://cluster0.abcde.mongodb.net' }] };

describe('connectionFieldIssues', () => {
  it('has nothing to say about a connection that can be saved', () => {
    expect(connectionFieldIssues(valid)).toEqual([]);
  });

  it('names a cluster by its number and the field by its label, never by a path', () => {
    const issues = connectionFieldIssues({ ...valid, clusters: [valid.clusters[0]!, { name: 'Other', uri: 'http://cluster1.example.net' }] });
    expect(issues).toEqual([{ field: 'clusters.1.uri', message: 'Cluster 2: the connection string must start with mongodb:// or mongodb+srv://' }]);
  });

  it('states the one rule for a user name and password in a connection string', () => {
    const issues = connectionFieldIssues({ ...valid, clusters: [{ name: 'Main', uri: 'mongodb+srv://alice:hunter2@cluster0.abcde.mongodb.net' }] });
    expect(issues).toEqual([{ field: 'clusters.0.uri', message: `Cluster 1: the connection string holds a user name, password or session token. ${connectionStringRule}` }]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('puts the connection fields beside their own inputs', () => {
    const issues = connectionFieldIssues({ ...valid, name: ' ', idpUrl: 'ftp://acme', profile: 'has space' });
    expect(issues.map((issue) => issue.field)).toEqual(['name', 'idpUrl', 'profile']);
    expect(issues[0]?.message).toBe('Connection name is empty: give the connection a name');
    expect(issues[1]?.message).toMatch(/^Sign-in link must start with https:\/\//);
    expect(issues.every((issue) => !/\[\d+\]|connections\./.test(issue.message))).toBe(true);
  });
});
