import type { Command } from 'commander';
import { atlasVerdictsPath } from '../../core/connections/atlas-verdicts.js';
import { testConnection } from '../../core/mongodb/test-connection.js';
import { connectionReportJson, connectionReportText } from '../../core/session/connection-report.js';
import { databaseUserArn } from '../../core/identity/atlas-user-arn.js';
import { rememberAtlasVerdict } from '../../core/session/remember-atlas-verdict.js';
import type { AssumeStepOptions } from '../assume-options.js';
import { addAssumeOptions, clusterHelp, prepareAssume } from '../assume-options.js';
import type { CliContext } from '../context.js';
import { progress } from '../io.js';

interface TestConnectionCliOptions extends AssumeStepOptions {
  readonly cluster: string;
  readonly json?: true;
}

export function registerTestConnection(program: Command, context: CliContext): void {
  addAssumeOptions(program.command('test-connection').description('Assume a role and prove the keys open the Atlas cluster: who Atlas says you are, latency, databases'))
    .requiredOption('--cluster <uri>', clusterHelp)
    .option('--json', 'print one JSON object for scripts')
    .action(async (options: TestConnectionCliOptions) => {
      const prepared = await prepareAssume(options, context);
      const cluster = await prepared.cluster(options.cluster);
      const { role, assumed } = await prepared.assume();
      context.warn(cluster.warnings);
      progress(context.io, context.verbose(), `Connecting to ${cluster.host}…`);
      const test = () => testConnection({ uri: cluster.uri, credentials: assumed.credentials, expectedUser: databaseUserArn(role) });
      const { saved } = prepared;
      // A saved connection remembers what Atlas said about the role, for the app's role picker (never a key).
      const report =
        saved === undefined
          ? await test()
          : await rememberAtlasVerdict(
              {
                verdictsFile: atlasVerdictsPath(saved.connectionsFile),
                connectionId: saved.connectionId,
                role,
                cluster: options.cluster.includes('://') ? cluster.host : options.cluster,
                now: () => new Date(),
                onSaveError: () => context.warn(['What Atlas said about this role could not be remembered for the app (the connections folder is not writable).']),
              },
              test,
            );
      const outcome = { cluster: cluster.host, report, expiration: assumed.credentials.expiration };
      context.io.stdout.write(options.json === true ? `${JSON.stringify(connectionReportJson(outcome), null, 2)}\n` : connectionReportText(outcome));
    });
}
