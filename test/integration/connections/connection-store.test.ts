import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionStore } from '../../../core/connections/connection-store.js';
import { serializeJson } from '../../../core/connections/connections-file.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-sso-connections-'));
  file = path.join(dir, 'nested', 'connections.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const acme = { name: 'ACME Prod', idpUrl: 'https://acme.okta.com/sso', clusters: [{ name: 'orders', uri: 'mongodb+srv://orders.abcde.mongodb.net/' }] };

describe('connection store on a real file', () => {
  it('starts empty when there is no file, and creates none by reading', async () => {
    const store = createConnectionStore(file);
    expect(await store.list()).toEqual([]);
    expect(await store.settings()).toEqual({ clipboardClearSeconds: 30, warnBeforeExpiryMinutes: 10, theme: 'system' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('finds the file through ATLAS_SSO_CONFIG', () => {
    const previous = process.env.ATLAS_SSO_CONFIG;
    process.env.ATLAS_SSO_CONFIG = file;
    try {
      expect(createConnectionStore().filePath).toBe(file);
    } finally {
      if (previous === undefined) delete process.env.ATLAS_SSO_CONFIG;
      else process.env.ATLAS_SSO_CONFIG = previous;
    }
  });

  it('round-trips every operation through the file, written 0600 with no temp file left', async () => {
    const store = createConnectionStore(file);
    const added = await store.add(acme);
    expect(added.id).toBe('acme-prod');
    await store.update('acme prod', { durationSeconds: 7200, accountAliases: { '012345678901': 'prod' } });
    await store.setLastRole('acme-prod', 'arn:aws:iam::012345678901:role/dba');
    await store.add({ name: 'Dev', idpUrl: 'https://acme.okta.com/dev' });
    await store.updateSettings({ theme: 'light' });

    const reopened = createConnectionStore(file);
    expect(await reopened.get('ACME PROD')).toEqual({
      id: 'acme-prod',
      name: 'ACME Prod',
      idpUrl: 'https://acme.okta.com/sso',
      durationSeconds: 7200,
      accountAliases: { '012345678901': 'prod' },
      lastRole: 'arn:aws:iam::012345678901:role/dba',
      clusters: [{ name: 'orders', uri: 'mongodb+srv://orders.abcde.mongodb.net/?authSource=%24external&authMechanism=MONGODB-AWS' }],
    });
    expect((await reopened.settings()).theme).toBe('light');
    await reopened.remove('dev');
    expect((await reopened.list()).map((connection) => connection.id)).toEqual(['acme-prod']);

    const saved = JSON.parse(await readFile(file, 'utf8')) as { version: number };
    expect(saved.version).toBe(1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['connections.json']);
  });

  it('refuses a corrupt file with its path and leaves it byte for byte unchanged', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    const corrupt = '{ "version": 1, "connections": [ { "id": "x", ';
    await writeFile(file, corrupt);
    await expect(store.list()).rejects.toMatchObject({ code: 'connections-file-invalid', message: expect.stringContaining(`${file} is not valid JSON`) as unknown });
    await expect(store.add({ name: 'Other', idpUrl: 'https://x.example' })).rejects.toMatchObject({ code: 'connections-file-invalid' });
    expect(await readFile(file, 'utf8')).toBe(corrupt);
  });

  it('refuses a file holding a secret, naming the field, and leaves it unchanged', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    const text = (await readFile(file, 'utf8')).replace('"name": "ACME Prod"', '"name": "ACME Prod", "aws_secret_access_key": "wJalrXUtnFEMI"');
    await writeFile(file, text);
    const refusal = store.setLastRole('acme-prod', 'arn:aws:iam::012345678901:role/dba');
    await expect(refusal).rejects.toMatchObject({ code: 'connections-file-invalid', message: expect.stringContaining('connections[0].aws_secret_access_key: looks like a secret') as unknown });
    await expect(refusal).rejects.not.toMatchObject({ message: expect.stringContaining('wJalrXUtnFEMI') as unknown });
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('keeps the file unchanged when an operation fails', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    const before = await readFile(file, 'utf8');
    await expect(store.add({ name: 'acme prod', idpUrl: 'https://x.example' })).rejects.toMatchObject({ code: 'connection-exists' });
    await expect(store.update('acme-prod', { idpUrl: 'http://acme.okta.com' })).rejects.toMatchObject({ code: 'connection-invalid' });
    await expect(store.remove('nope')).rejects.toMatchObject({ code: 'connection-not-found' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('refuses to change a file the person made read-only, leaving it and its mode as they were', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    await chmod(file, 0o400);
    const before = await readFile(file, 'utf8');
    await expect(store.updateSettings({ theme: 'dark' })).rejects.toMatchObject({ message: expect.stringContaining(`${file} is read-only`) as unknown });
    expect((await stat(file)).mode & 0o777).toBe(0o400);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('says connections-file-io when the file cannot be read', async () => {
    await expect(createConnectionStore(dir).list()).rejects.toMatchObject({ code: 'connections-file-io', message: expect.stringContaining(dir) as unknown });
  });

  it('imports a team file and exports one that imports back unchanged', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    await store.setLastRole('acme-prod', 'arn:aws:iam::012345678901:role/dba');
    const teamPath = path.join(dir, 'team.json');
    await writeFile(teamPath, JSON.stringify({
      version: 1,
      connections: [
        { id: 'acme-prod', name: 'ACME Prod', idpUrl: 'https://acme.okta.com/sso2' },
        { id: 'acme-dev', name: 'ACME Dev', idpUrl: 'https://acme.okta.com/dev' },
      ],
    }));
    expect(await store.importTeamFile(teamPath)).toEqual({ added: ['acme-dev'], updated: ['acme-prod'], skipped: [] });
    expect((await store.get('acme-prod')).lastRole).toBe('arn:aws:iam::012345678901:role/dba');

    const exported = await store.exportTeamFile();
    expect(JSON.stringify(exported)).not.toContain('lastRole');
    await writeFile(teamPath, serializeJson(exported));
    expect(await store.importTeamFile(teamPath)).toEqual({ added: [], updated: [], skipped: ['acme-prod', 'acme-dev'] });
  });

  it('imports nothing from an invalid team file', async () => {
    const store = createConnectionStore(file);
    await store.add(acme);
    const before = await readFile(file, 'utf8');
    const teamPath = path.join(dir, 'team.json');
    await writeFile(teamPath, JSON.stringify({ version: 1, connections: [{ id: 'ok', name: 'OK', idpUrl: 'https://ok.example' }, { id: 'bad', name: 'Bad', idpUrl: 'https://bad.example', password: 'x' }] }));
    await expect(store.importTeamFile(teamPath)).rejects.toMatchObject({ code: 'connections-import-invalid', message: expect.stringContaining('connections[1].password: looks like a secret') as unknown });
    await expect(store.importTeamFile(path.join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'connections-import-invalid' });
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('loses no update when writers race', async () => {
    const store = createConnectionStore(file);
    await Promise.all(Array.from({ length: 12 }, (_, index) => store.add({ name: `Conn ${index}`, idpUrl: 'https://idp.example' })));
    expect(await store.list()).toHaveLength(12);
  });
});
