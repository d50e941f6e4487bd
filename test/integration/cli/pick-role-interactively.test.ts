import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../core/aws/role.js';
import { parseRoleValue } from '../../../core/aws/role.js';
import type { Connection } from '../../../core/connections/schema.js';
import { connectionSchema } from '../../../core/connections/schema.js';
import { pickRoleInteractively, roleChoices } from '../../../cli/pick-role-interactively.js';

const prod = '012345678901';
const lab = '210987654321';

function role(account: string, path: string): Role {
  const parsed = parseRoleValue(`arn:aws:iam::${account}:role/${path},arn:aws:iam::${account}:saml-provider/Corp`);
  if (parsed === undefined) throw new Error(path);
  return parsed;
}

const dba = role(prod, 'AtlasDba');
const reader = role(prod, 'team/AtlasReader');
const analyst = role(lab, 'Analyst');
const roles = [dba, reader, analyst];

const connection: Connection = connectionSchema.parse({
  id: 'acme',
  name: 'Acme',
  idpUrl: 'https://idp.example.com/app/aws',
  defaultRole: dba.roleArn,
  lastRole: analyst.roleArn,
  accountAliases: { [prod]: 'Production' },
  clusters: [
    { name: 'orders', uri: 'mongodb+srv://orders.abcde.mongodb.net/', roles: [dba.roleArn, 'AtlasReader'] },
    { name: 'analytics', uri: 'mongodb+srv://analytics.abcde.mongodb.net/', roles: ['team/AtlasReader'] },
  ],
});

const names = (term: string): string[] => roleChoices(connection, roles, term).map((choice) => ('value' in choice ? choice.name : choice.separator));

describe('the terminal role picker', () => {
  it('lists the roles under their accounts, last used first, tagged like the UI: Atlas clusters, last used, default', () => {
    expect(names('')).toEqual([
      `── ${lab}`,
      'Analyst  [last used]',
      `── Production (${prod})`,
      'AtlasDba  [Atlas: orders · default]',
      'team/AtlasReader  [Atlas: orders · Atlas: analytics]',
    ]);
  });

  it('filters by what was typed', () => {
    expect(names('reader')).toEqual([`── Production (${prod})`, 'team/AtlasReader  [Atlas: orders · Atlas: analytics]']);
    expect(names('nothing-like-this')).toEqual([]);
  });

  it('is driven by the keyboard: typed words filter, arrows move, Enter picks', async () => {
    const stdin = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let drawn = '';
    stderr.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    // Each key waits for the screen it leads to, so a slow machine cannot press Enter on a list not yet filtered.
    const lastScreen = (): string => drawn.slice(drawn.lastIndexOf('(type to filter)'));
    const press = async (keys: string, shows: (screen: string) => boolean): Promise<void> => {
      stdin.write(keys);
      await expect.poll(() => shows(lastScreen()), { timeout: 5_000 }).toBe(true);
    };
    const picked = pickRoleInteractively({ stdin, stderr, stdout: new PassThrough(), env: {}, platform: 'linux' }, connection, roles);
    await press('atlas', (screen) => screen.includes('atlas') && screen.includes('AtlasDba') && !screen.includes('Analyst'));
    await press('\u001b[B', (screen) => screen.includes(reader.roleArn));
    expect(lastScreen()).toContain('Atlas: analytics');
    stdin.write('\r');
    await expect(picked).resolves.toBe(reader);
  });

  it('says no role was chosen when the person gives up with Ctrl+C', async () => {
    const stdin = new PassThrough();
    const picked = pickRoleInteractively({ stdin, stderr: new PassThrough(), stdout: new PassThrough(), env: {}, platform: 'linux' }, connection, roles);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stdin.write('\u0003');
    await expect(picked).rejects.toMatchObject({ code: 'role-not-chosen', message: 'No role was chosen, so nothing was asked of AWS.' });
  });
});
