import type { Command } from 'commander';
import { readSamlResponse } from '../../core/saml/read-saml-response.js';
import { rolesReport, rolesTable } from '../../core/session/roles-report.js';
import type { CliContext } from '../context.js';
import { readSamlInput } from '../io.js';

interface RolesOptions {
  readonly samlResponse: string;
  readonly json?: true;
}

export function registerRoles(program: Command, context: CliContext): void {
  program
    .command('roles')
    .description('List the IAM roles a SAML response grants')
    .requiredOption('--saml-response <file|->', 'the SAMLResponse (base64, XML or the posted form body) in a file, or - for standard input')
    .option('--json', 'print one JSON object for scripts')
    .action(async (options: RolesOptions) => {
      const response = readSamlResponse(await readSamlInput(options.samlResponse, context.io));
      context.warn(response.facts.warnings);
      context.io.stdout.write(options.json ? `${JSON.stringify(rolesReport(response.facts), null, 2)}\n` : rolesTable(response.facts));
    });
}
