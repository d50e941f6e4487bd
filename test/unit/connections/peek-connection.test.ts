import { describe, expect, it } from 'vitest';
import { connectionsFileSchema } from '../../../core/connections/schema.js';
import { findConnection } from '../../../core/connections/edit-connections.js';
import { peekConnection } from '../../../core/connections/peek-connection.js';

const dba = 'arn:aws:iam::012345678901:role/AtlasDba';
const reader = 'arn:aws:iam::012345678901:role/AtlasReader';
const file = {
  version: 1,
  connections: [
    { id: 'acme-prod', name: 'ACME Prod', idpUrl: 'https://idp.example.com/aws', defaultRole: dba },
    { id: 'acme-dev', name: 'acme-prod-old', idpUrl: 'https://idp.example.com/aws', lastRole: reader },
    { id: 'other', name: 'Other', idpUrl: 'https://idp.example.com/aws' },
  ],
};
const text = JSON.stringify(file);

describe('peekConnection (the warm credential_process lookup, without the schema)', () => {
  it.each(['acme-prod', 'ACME Prod', ' acme prod ', 'acme-dev', 'ACME-PROD-OLD', 'other'])('finds "%s" as the full lookup does', (idOrName) => {
    const full = findConnection(connectionsFileSchema.parse(file), idOrName);
    const peeked = peekConnection(text, idOrName);
    expect(peeked?.id).toBe(full?.id);
    expect(peeked?.defaultRole).toBe(full?.defaultRole);
    expect(peeked?.lastRole).toBe(full?.lastRole);
  });

  it('finds nothing it is not sure of, so the full path decides and explains', () => {
    const variants: readonly unknown[] = [
      { ...file, version: 2 },
      { ...file, connections: 'none' },
      { ...file, connections: [...file.connections, null] },
      { ...file, connections: [...file.connections, { id: 'x', name: ' Padded ' }] },
      { ...file, connections: [...file.connections, { id: 7, name: 'Seven' }] },
      { ...file, connections: [...file.connections, { id: 'acme-prod', name: 'Again' }] },
      { ...file, connections: [...file.connections, { id: 'again', name: 'acme prod' }] },
      { ...file, connections: [{ ...file.connections[0], defaultRole: 42 }] },
      [file],
    ];
    for (const variant of variants) expect(peekConnection(JSON.stringify(variant), 'acme-prod')).toBeUndefined();
    expect(peekConnection(`${text.slice(0, -5)}`, 'acme-prod')).toBeUndefined();
    expect(peekConnection('', 'acme-prod')).toBeUndefined();
    expect(peekConnection(text, 'nope')).toBeUndefined();
  });
});
