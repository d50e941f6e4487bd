// `npm run bench`: every measure in one table, each beside its reference measured in the same run.
// `npm run bench -- --write-docs` also writes the table, with its date and machine, to docs/performance.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { runAppWindowBench } from './app-window.js';
import { runCliAssumeBench } from './cli-assume.js';
import { runCrashLeftoversBench } from './crash-leftovers.js';
import { runCredentialProcessBench } from './credential-process.js';
import { runKeysToFirstQueryBench } from './keys-to-first-query.js';
import { runSamlParseBench } from './saml-parse.js';
import type { Measure } from './table.js';
import { formatTable, goalMet } from './table.js';
import { runUiBench } from './ui.js';
import { runUiRolesBench } from './ui-roles.js';

const benches: readonly (() => Promise<readonly Measure[]>)[] = [runCredentialProcessBench, runCliAssumeBench, runUiBench, runUiRolesBench, runSamlParseBench, runKeysToFirstQueryBench, runAppWindowBench];

const machine = `Node.js ${process.version} on ${cpus()[0]?.model.trim() ?? 'an unknown CPU'} (${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB), ${process.platform}-${process.arch}`;
console.error(`Measuring on ${machine}…`);
// How busy the machine was before we started: absolute times only mean something when it was quiet.
const loadBefore = loadavg()[0] ?? 0;
const measures: Measure[] = [];
for (const bench of benches) measures.push(...(await bench()));
const table = formatTable(measures);
const missed = measures.filter((measure) => goalMet(measure) === false).map((measure) => measure.name);
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const load = `load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`;
console.log(`${machine}\n${date} UTC, ${load}\n\n${table}\n\n${missed.length === 0 ? 'Every goal met.' : `Goals missed: ${missed.join('; ')}.`}`);
// Not a timing but a count (what SIGKILLed writers leave behind, and the dead writer's lock), so beside the table.
const leftovers = await runCrashLeftoversBench();
console.log(`\nWriters killed with SIGKILL:\n${leftovers.join('\n')}`);

if (process.argv.includes('--write-docs')) {
  const doc = `# Performance

What \`npm run bench\` measures, and the last table it printed. Every ratio compares two things measured in the same run on
the same machine, so they stay meaningful on a busy machine where the absolute times do not; goals in milliseconds
are meant for a quiet machine. Times are wall-clock medians of processes started as a person or an SDK starts them.

- **credential-process, warm cache**: \`atlas-sso credential-process\` with keys cached that need no refresh (more than
  15 minutes left), against \`node -e 0\`, Node's own start: every AWS SDK, the AWS CLI and mongosh run it at each start.
  A one-file bundle (\`cli/vite.main.config.ts\`) serves it; anything else (keys in a refresh window, a damaged file,
  unusual options) goes to the full command. Against \`aws configure export-credentials\` on a static profile, the
  AWS CLI's own time to hand out keys it already has.
- **assume**: \`atlas-sso assume\` against the STS emulator, less Node's start and the emulator's handling time. The
  rest of the CLI, the AWS SDK included, is bundled too (\`dist/cli/bundle/\`, one CommonJS chunk per command). Beside
  it, measured the same way in the same rounds, the same STS call made by @aws-sdk/client-sts alone, bundled the same
  way (\`bench/sts-call-alone.ts\`): the SDK's own share, which the 60 ms goal must also hold.
- **atlas-sso ui**: until it prints its address, until the connection list is served to a request like the page's, and
  its memory when idle. Playwright, the MongoDB driver and the AWS SDK load at the first sign-in, connection test or
  STS call. Against the demo stack in Chromium, timed in the page: from the answer to its sign-in request (sent once
  the host has captured the SAML response and read its roles; that reading is the SAML row below) to the first role
  shown in the picker.
- **SAML parse + roles**: \`readSamlResponse\` (validation, namespaces, roles) against a bare fast-xml-parser parse of
  the same text, up to the largest response STS accepts (100,000 characters of base64).
- **keys to first query**: the driver and mongosh from keys in hand to a query result, against the Atlas emulator.

The CLI also keeps Node's compile cache (\`module.enableCompileCache\`) in the OS cache folder (\`~/.cache/atlas-sso\`,
\`~/Library/Caches/Atlas SSO\`, \`%LOCALAPPDATA%\\Atlas SSO\\Cache\`); \`NODE_DISABLE_COMPILE_CACHE=1\` turns it off. The
warm \`credential-process\` answers before opening it: opening the cache costs that path more than it saves. That path
also reads its two small files synchronously (an asynchronous read first starts libuv's thread pool), loads the
built-in modules through \`process.getBuiltinModule\` (an ES import of \`node:fs\` builds a facade that loads
\`fs/promises\`), leaves the keys cache's writing code unloaded, and writes to the standard output descriptor
(\`process.stdout\` on a pipe first loads the socket streams). What is left is mostly Node loading \`node:crypto\` to
decrypt the entry (OpenSSL and about thirty internal modules).

## Last run

${machine}, ${date} UTC, ${load}.

${table}

${missed.length === 0 ? 'Every goal met.' : `Goals missed on this run: ${missed.join('; ')}.`}
`;
  await mkdir('docs', { recursive: true });
  await writeFile('docs/performance.md', doc);
  console.error('Wrote docs/performance.md.');
}
