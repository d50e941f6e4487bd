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


/** Median milliseconds per call of `run`, after a warm-up a tenth as long. */
function time(run: () => unknown, iterations: number): number {
  for (let index = 0; index < Math.ceil(iterations / 10); index += 1) run();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Runs the benchmark (a few seconds) and returns the lines to print. */
export async function runSamlParseBench(): Promise<readonly string[]> {
  const cases: readonly BenchCase[] = [
    { label: '2 roles', base64: responseWithRoles(2), iterations: 3_000 },
    { label: '50 roles', base64: responseWithRoles(50), iterations: 1_000 },
    { label: 'largest STS accepts', base64: largestAccepted(), iterations: 200 },
  ];
  const lines = ['SAML parse: median per call, readSamlResponse vs base64 decode + new XMLParser(same options).parse'];
  for (const { label, base64, iterations } of cases) {
    const roles = readSamlResponse(base64).facts.roles.length;
    const ours = time(() => readSamlResponse(base64), iterations);
    const raw = time(() => new XMLParser({ ...samlXmlParserOptions }).parse(Buffer.from(base64, 'base64').toString('utf8')), iterations);
    lines.push(
      `  ${label.padEnd(20)} ${String(roles).padStart(4)} roles, ${String(base64.length).padStart(6)} base64 chars: ` +
        `readSamlResponse ${ours.toFixed(3)} ms, raw parse ${raw.toFixed(3)} ms, ratio ${(ours / raw).toFixed(2)}x`,
    );
    await yieldToEventLoop();
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runSamlParseBench()) console.log(line);
}
