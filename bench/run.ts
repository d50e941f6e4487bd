// `npm run bench`: every benchmark in one run, each printing its numbers beside a reference run.
import { runCliAssumeBench } from './cli-assume.js';
import { runSamlParseBench } from './saml-parse.js';

const benches: readonly (readonly [string, () => Promise<readonly string[]>])[] = [
  ['SAML parsing', runSamlParseBench],
  ['CLI assume', runCliAssumeBench],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  for (const line of await run()) console.log(line);
}
