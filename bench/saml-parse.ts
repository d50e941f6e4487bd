import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { samlXmlParserOptions } from '../core/saml/parse-xml.js';
import { readSamlResponse } from '../core/saml/read-saml-response.js';
import { maxSamlBase64Length } from '../core/saml/saml-names.js';
import { buildSamlResponseXml, toBase64 } from '../test/fixtures/saml/build-saml-response.js';
import { median } from './stats.js';
import type { Measure } from './table.js';
import { formatTable } from './table.js';

/** How much readSamlResponse (validation, namespaces, facts) costs over a bare parse, from base64 to result. */
interface BenchCase {
  readonly label: string;
  readonly base64: string;
  readonly iterations: number;
}

function roleValue(index: number): string {
  const account = String(100_000_000_000 + (index % 97)).padStart(12, '0');
  return `arn:aws:iam::${account}:role/atlas/team-${index}-readwrite,arn:aws:iam::${account}:saml-provider/CorporateIdP`;
}

function responseWithRoles(count: number): string {
  return toBase64(buildSamlResponseXml({ roleValues: Array.from({ length: count }, (_, index) => roleValue(index)), roleSessionName: 'alice@example.org', sessionDuration: '3600', extraAttributes: 5 }));
}

/** The most roles whose response stays within STS's 100,000-character limit. */
function largestAccepted(): string {
  let low = 1;
  let high = 2_000;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (responseWithRoles(middle).length <= maxSamlBase64Length) low = middle;
    else high = middle - 1;
  }
  return responseWithRoles(low);
}


/** Milliseconds per call of `run`, each sample the median of a batch of calls, after a warm-up a tenth as long. */
function time(run: () => unknown, iterations: number): number[] {
  for (let index = 0; index < Math.ceil(iterations / 10); index += 1) run();
  const batches: number[] = [];
  for (let batch = 0; batch < 15; batch += 1) {
    const samples: number[] = [];
    for (let index = 0; index < Math.ceil(iterations / 15); index += 1) {
      const start = performance.now();
      run();
      samples.push(performance.now() - start);
    }
    batches.push(median(samples));
  }
  return batches;
}

/** Runs the benchmark (a few seconds): readSamlResponse vs base64 decode + new XMLParser(same options).parse. */
export async function runSamlParseBench(): Promise<readonly Measure[]> {
  const cases: readonly BenchCase[] = [
    { label: '2 roles', base64: responseWithRoles(2), iterations: 3_000 },
    { label: '50 roles', base64: responseWithRoles(50), iterations: 1_000 },
    { label: 'largest STS accepts', base64: largestAccepted(), iterations: 300 },
  ];
  const measures: Measure[] = [];
  for (const { label, base64, iterations } of cases) {
    const roles = readSamlResponse(base64).facts.roles.length;
    const ours = time(() => readSamlResponse(base64), iterations);
    const raw = time(() => new XMLParser({ ...samlXmlParserOptions }).parse(Buffer.from(base64, 'base64').toString('utf8')), iterations);
    const largest = base64 === cases.at(-1)?.base64;
    measures.push({
      name: `SAML parse + roles, ${label} (${roles} roles, ${base64.length} chars)`,
      unit: 'ms',
      samples: ours,
      reference: { name: 'raw fast-xml-parser', samples: raw },
      ...(largest ? { goal: { kind: 'at-most', value: 5 } as const } : {}),
    });
    await yieldToEventLoop();
  }
  return measures;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(await runSamlParseBench()));
}
