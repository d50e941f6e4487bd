import { describe, expect, it } from 'vitest';
import { emptyConnectionsFile } from '../../../core/connections/connections-file.js';
import { addConnection, connectionIdFromName, findConnection, getConnection, removeConnection, setLastRole, updateConnection, updateSettings } from '../../../core/connections/edit-connections.js';

const acme = { name: 'ACME Prod', idpUrl: 'https://acme.okta.com/sso' };

describe('connectionIdFromName', () => {
  it.each([
    ['ACME Prod', 'acme-prod'],
    ['  ACME  Prod (EU) ', 'acme-prod-eu'],
    ['Société Générale', 'societe-generale'],
    ['--x--', 'x'],
    ['日本', 'connection'],
    ['a'.repeat(63) + ' b', 'a'.repeat(63)],
  ])('%j → %j', (name, id) => {
    expect(connectionIdFromName(name)).toBe(id);
  });
});

describe('connection edits', () => {
  it('adds with an id from the name, and finds it by id or by name in any case', () => {
    const { file, connection } = addConnection(emptyConnectionsFile, acme);
    expect(connection).toEqual({ id: 'acme-prod', name: 'ACME Prod', idpUrl: 'https://acme.okta.com/sso', clusters: [], accountAliases: {} });
    expect(findConnection(file, 'acme-prod')).toBe(connection);
    expect(findConnection(file, 'acme prod')).toBe(connection);
    expect(findConnection(file, 'other')).toBeUndefined();
  });

  it('refuses a second connection with the same id or name', () => {
    const { file } = addConnection(emptyConnectionsFile, acme);
    expect(() => addConnection(file, { ...acme, name: 'acme prod' })).toThrow(expect.objectContaining({ code: 'connection-exists' }));
    expect(() => addConnection(file, { ...acme, name: 'Acme-Prod!' })).toThrow(expect.objectContaining({ code: 'connection-exists' }));
  });

  it('refuses an invalid connection without changing the file', () => {
    expect(() => addConnection(emptyConnectionsFile, { ...acme, idpUrl: 'http://acme.okta.com' })).toThrow(
      expect.objectContaining({ code: 'connection-invalid', message: expect.stringContaining('connections[0].idpUrl: must start with https://') as unknown }),
    );
    expect(emptyConnectionsFile.connections).toEqual([]);
  });

  it('updates fields, removes one given as undefined, and keeps the id', () => {
    const added = addConnection(emptyConnectionsFile, { ...acme, durationSeconds: 3600 }).file;
    const { connection } = updateConnection(added, 'ACME PROD', { name: 'ACME Production', durationSeconds: undefined, stsRegion: 'eu-west-1' });
    expect(connection).toEqual({ id: 'acme-prod', name: 'ACME Production', idpUrl: 'https://acme.okta.com/sso', stsRegion: 'eu-west-1', clusters: [], accountAliases: {} });
  });

  it('refuses renaming onto another connection’s name', () => {
    const two = addConnection(addConnection(emptyConnectionsFile, acme).file, { name: 'Beta', idpUrl: 'https://beta.example' }).file;
    expect(() => updateConnection(two, 'beta', { name: 'acme prod' })).toThrow(expect.objectContaining({ code: 'connection-exists' }));
  });

  it('says which connections exist when one is not found', () => {
    const { file } = addConnection(emptyConnectionsFile, acme);
    expect(() => getConnection(file, 'prod')).toThrow(expect.objectContaining({ code: 'connection-not-found', message: 'There is no connection "prod". Saved connections: "ACME Prod" (acme-prod).' }));
    expect(() => removeConnection(emptyConnectionsFile, 'x')).toThrow(expect.objectContaining({ code: 'connection-not-found', message: expect.stringContaining('No connection is saved yet') as unknown }));
  });

  it('removes and sets the last role', () => {
    const { file } = addConnection(emptyConnectionsFile, acme);
    expect(getConnection(setLastRole(file, 'acme-prod', 'arn:aws:iam::012345678901:role/dba'), 'acme-prod').lastRole).toBe('arn:aws:iam::012345678901:role/dba');
    expect(() => setLastRole(file, 'acme-prod', 'not-an-arn')).toThrow(expect.objectContaining({ code: 'connection-invalid' }));
    expect(removeConnection(file, 'ACME Prod').connections).toEqual([]);
  });

  it('updates settings and resets one given as undefined to its default', () => {
    const changed = updateSettings(emptyConnectionsFile, { theme: 'dark', clipboardClearSeconds: 5 });
    expect(changed.settings).toEqual({ theme: 'dark', clipboardClearSeconds: 5, warnBeforeExpiryMinutes: 10 });
    expect(updateSettings(changed, { clipboardClearSeconds: undefined }).settings.clipboardClearSeconds).toBe(30);
  });
});
