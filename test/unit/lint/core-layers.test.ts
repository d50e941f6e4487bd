import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// The repository's own eslint.config.js, as `npm run lint` uses it; only the type-aware rules are off, because the
// files linted here exist only in this test (type-aware linting needs each file on disk in a tsconfig).
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['core/**'], ...tseslint.configs.disableTypeChecked }] });

/** The import-rule messages ESLint gives `code` as if it were the file at `file` (relative to the repository). */
async function importErrors(file: string, code: string): Promise<readonly string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  if (result === undefined) throw new Error(`ESLint linted nothing for ${file}`);
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const layerMessage = /is on layer \d+ of core's layers/;

describe("core's layers in `npm run lint`", () => {
  it.each([
    ['a leaf importing the top', 'core/aws/fixture.ts', "import { createSessionService } from '../session/session-service.js';\nexport const x = createSessionService;\n"],
    ['identity importing session (the old atlas-user-arn import)', 'core/identity/fixture.ts', "export { databaseUserArn } from '../session/database-user.js';\n"],
    ['credentials importing a type from connections', 'core/credentials/fixture.ts', "import type { Connection } from '../connections/schema.js';\nexport type C = Connection;\n"],
    ['a room importing its own layer', 'core/login/fixture.ts', "import { loginProfileDir } from '../connections/config-path.js';\nexport const x = loginProfileDir;\n"],
    ['a room importing the contract above it', 'core/saml/fixture.ts', "import { requests } from '../api.js';\nexport const x = requests;\n"],
    ['the contract importing session', 'core/api.ts', "import type { SessionService } from './session/session-service.js';\nexport type S = SessionService;\n"],
    ['a base file importing a room', 'core/errors.ts', "import { quoteForShell } from './shell/quote.js';\nexport const x = quoteForShell;\n"],
  ])('refuses %s', async (_name, file, code) => {
    const errors = await importErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(layerMessage);
  });

  it.each([
    ['session importing identity', 'core/session/fixture.ts', "import { databaseUserArn } from '../identity/atlas-user-arn.js';\nexport const x = databaseUserArn;\n"],
    ['a room importing its own files and the base', 'core/aws/fixture.ts', "import { AtlasSsoError } from '../errors.js';\nimport { partitionFacts } from './partitions.js';\nexport const x = [AtlasSsoError, partitionFacts];\n"],
    ['the contract importing a lower room', 'core/api.ts', "import { shells } from './shell/shell-names.js';\nexport const x = shells;\n"],
    ['desktop (the top) importing session', 'core/desktop/fixture.ts', "import { parseParams } from '../session/api-dispatch.js';\nexport const x = parseParams;\n"],
  ])('allows %s', async (_name, file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });

  it('puts every room of core/ on a layer: each one below the top is refused an import of core/desktop', async () => {
    const rooms = readdirSync(path.join(root, 'core'), { withFileTypes: true })
      .filter((entry) => entry.name !== 'desktop' && (entry.isDirectory() || entry.name.endsWith('.ts')))
      .map((entry) => (entry.isDirectory() ? { file: `core/${entry.name}/fixture.ts`, from: '../desktop/tray-menu.js' } : { file: `core/${entry.name}`, from: './desktop/tray-menu.js' }));
    expect(rooms.length).toBeGreaterThan(10);
    for (const { file, from } of rooms) {
      const errors = await importErrors(file, `import { trayMenuModel } from '${from}';\nexport const x = trayMenuModel;\n`);
      expect({ file, errors }).toEqual({ file, errors: [expect.stringMatching(layerMessage)] });
    }
  });
});
