import type { Command } from 'commander';
import { AtlasSsoError } from '../../core/errors.js';
import { diagnoseIdentity } from '../../core/identity/diagnose-identity.js';
import { whoamiJson, whoamiText } from '../../core/identity/whoami-report.js';
import { normalizeAtlasConnectionString } from '../../core/mongodb/connection-string.js';
import type { CliContext } from '../context.js';
import { progress } from '../io.js';
import { reportError } from '../report-error.js';

interface WhoamiOptions {
  readonly cluster?: string;
  readonly json?: true;
  readonly region?: string;
  readonly stsEndpoint?: string;
}

export function registerWhoami(program: Command, context: CliContext): void {
  program.command('whoami')
    .description('Show which AWS identity Atlas will see from this environment (the credential chain mongosh and the driver use), and the database user it needs')
    .option('--cluster <uri>', 'also sign in to this Atlas cluster (the connection string from Atlas → Connect) and say what is missing')
    .option('--json', 'print the diagnosis as JSON (for scripts)')
    .option('--region <region>', 'STS region for GetCallerIdentity (default: AWS_REGION, else us-east-1)')
    .option('--sts-endpoint <url>', 'STS endpoint URL (default: AWS_ENDPOINT_URL_STS, else the regional endpoint)')
    .action(async (options: WhoamiOptions) => {
      const { io } = context;
      const cluster = options.cluster === undefined ? undefined : normalizeAtlasConnectionString(options.cluster);
      context.warn(cluster?.warnings ?? []);
      progress(io, context.verbose(), 'Looking for AWS credentials and asking AWS STS who they belong to…');
      const diagnosis = await diagnoseIdentity({ input: { kind: 'machine' }, clusterUri: cluster?.uri, region: options.region, stsEndpoint: options.stsEndpoint, env: io.env });
      io.stdout.write(options.json === true ? `${JSON.stringify(whoamiJson(diagnosis), null, 2)}\n` : whoamiText(diagnosis));
      if (diagnosis.problem !== null) {
        context.reportStatus(reportError(new AtlasSsoError(diagnosis.problem.code, diagnosis.problem.message), io.stderr, context.verbose()));
      }
    });
}
