import type { Command } from 'commander';
import { explainSamlFacts } from '../../core/saml/explain-response.js';
import { inspectSamlResponse, readSamlResponse } from '../../core/saml/read-saml-response.js';
import { idpReportText } from '../../core/session/idp-report-text.js';
import { rolesReport, rolesTable } from '../../core/session/roles-report.js';
import type { CliContext } from '../context.js';
import { readSamlInput } from '../io.js';
import { exitCodes } from '../report-error.js';

interface RolesOptions {
  readonly samlResponse: string;
  readonly json?: true;
  readonly explain?: true;
}

export function registerRoles(program: Command, context: CliContext): void {
  program
    .command('roles')
    .description('List the IAM roles a SAML response grants (--explain: everything the IdP sent, and what to fix there)')
    .requiredOption('--saml-response <file|->', 'the SAMLResponse (base64, XML or the posted form body) in a file, or - for standard input')
    .option('--explain', 'show what the IdP sent (issuer, destination, audience, times, NameID format, session attributes, each Role value, signatures) and each problem with its fix on the IdP side; exits 3 when it finds one')
    .option('--json', 'print one JSON object for scripts')
    .action(async (options: RolesOptions) => {
      const input = await readSamlInput(options.samlResponse, context.io);
      if (options.explain === true) {
        // A response AWS would refuse is what people explain most: keep it instead of refusing it.
        const report = explainSamlFacts(inspectSamlResponse(input).facts, { now: new Date() });
        context.io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : idpReportText(report));
        if (report.problems.length > 0) context.reportStatus(exitCodes.input);
        return;
      }
      const response = readSamlResponse(input);
      context.warn(response.facts.warnings);
      context.io.stdout.write(options.json ? `${JSON.stringify(rolesReport(response.facts), null, 2)}\n` : rolesTable(response.facts));
    });
}
