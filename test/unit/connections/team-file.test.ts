import { describe, expect, it } from 'vitest';
import { parseConnectionsFile, parseTeamFile } from '../../../core/connections/parse-connections.js';
import { exportTeamFile, mergeTeamFile } from '../../../core/connections/team-file.js';

const mine = parseConnectionsFile(
  {
    version: 1,
    connections: [
      { id: 'prod', name: 'Prod', idpUrl: 'https://idp.example/prod', lastRole: 'arn:aws:iam::012345678901:role/dba', clusters: [{ name: 'orders', uri: 'mongodb://h/' }] },
      { id: 'dev', name: 'Dev', idpUrl: 'https://idp.example/dev', durationSeconds: 3600 },
      { id: 'mine', name: 'Mine', idpUrl: 'https://idp.example/mine' },
    ],
    settings: { theme: 'dark' },
  },
  'connections.json',
);

function team(connections: unknown[]) {
  return parseTeamFile({ version: 1, connections }, 'team.json');
}

describe('mergeTeamFile', () => {
  it('adds new ids, updates changed ones keeping the person’s last role, skips identical ones, and reports each', () => {
    const { file, report } = mergeTeamFile(
      mine,
      team([
        // Same as saved, keys in another order.
        { clusters: [{ uri: 'mongodb://h/', name: 'orders' }], idpUrl: 'https://idp.example/prod', name: 'Prod', id: 'prod' },
        { id: 'dev', name: 'Dev', idpUrl: 'https://idp.example/dev-new' },
        { id: 'stage', name: 'Stage', idpUrl: 'https://idp.example/stage' },
      ]),
    );
    expect(report).toEqual({ added: ['stage'], updated: ['dev'], skipped: ['prod'] });
    expect(file.connections.map((connection) => connection.id)).toEqual(['prod', 'dev', 'mine', 'stage']);
    expect(file.connections[0]?.lastRole).toBe('arn:aws:iam::012345678901:role/dba');
    // The admin's version wins whole: a field the team file leaves out is gone.
    expect(file.connections[1]).toEqual({ id: 'dev', name: 'Dev', idpUrl: 'https://idp.example/dev-new', clusters: [], accountAliases: {} });
    expect(file.settings.theme).toBe('dark');
  });

  it('keeps the last role when an updated connection is merged', () => {
    const { file, report } = mergeTeamFile(mine, team([{ id: 'prod', name: 'Prod', idpUrl: 'https://idp.example/prod2' }]));
    expect(report.updated).toEqual(['prod']);
    expect(file.connections[0]?.lastRole).toBe('arn:aws:iam::012345678901:role/dba');
  });

  it('refuses, changing nothing, a team file whose new connection takes the name of one of mine', () => {
    expect(() => mergeTeamFile(mine, team([{ id: 'mine-too', name: 'MINE', idpUrl: 'https://idp.example/x' }]))).toThrow(
      expect.objectContaining({ code: 'connections-import-invalid', message: expect.stringContaining('holds two connections named "mine"') as unknown }),
    );
    expect(mine.connections).toHaveLength(3);
  });
});

describe('exportTeamFile', () => {
  it('exports every connection without last roles, in a form import reads back', () => {
    const exported = exportTeamFile(mine);
    expect(exported.connections.map((connection) => connection.id)).toEqual(['prod', 'dev', 'mine']);
    expect(exported.connections.some((connection) => 'lastRole' in connection)).toBe(false);
    const reread = parseTeamFile(JSON.parse(JSON.stringify(exported)), 'exported.json');
    expect(mergeTeamFile(mine, reread).report).toEqual({ added: [], updated: [], skipped: ['prod', 'dev', 'mine'] });
  });

  it('exports a subset by id or name, each once', () => {
    expect(exportTeamFile(mine, ['dev', 'PROD', 'prod']).connections.map((connection) => connection.id)).toEqual(['dev', 'prod']);
    expect(() => exportTeamFile(mine, ['nope'])).toThrow(expect.objectContaining({ code: 'connection-not-found' }));
  });
});
