// `npm run bench`: every benchmark in one run, each printing its numbers beside a reference run.
import { runAppWindowBench } from './app-window.js';
import { runCliAssumeBench } from './cli-assume.js';
import { runCredentialProcessBench } from './credential-process.js';
import { runKeysToFirstQueryBench } from './keys-to-first-query.js';
import { runSamlParseBench } from './saml-parse.js';
import { runUiBench } from './ui.js';

const benches: readonly (readonly [string, () => Promise<readonly string[]>])[] = [
  ['SAML parsing', runSamlParseBench],
  ['CLI assume', runCliAssumeBench],
  ['credential-process', runCredentialProcessBench],
  ['Keys to first query', runKeysToFirstQueryBench],
  ['UI bundle and cold start', runUiBench],
  ['App window from the desktop menu', runAppWindowBench],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  for (const line of await run()) console.log(line);
}
