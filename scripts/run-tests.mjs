#!/usr/bin/env node
// Runs every check and suite on the Node.js LTS the project is tested on (fetched when this machine's node is another),
// the unit and CLI suites once more on the oldest Node package.json allows, then prints one line "N passed, N failed"
// summed over all of them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { minimumNodeVersion, nodeBinDir, testNodeVersion } from './fetch-node.mjs';

/** PATH with that Node first, so `npx`, `npm` and every `node` the tests start are that one too. */
function pathWithNode(bin) {
  return `${bin}${delimiter}${process.env.PATH ?? ''}`;
}

/** The bin folder of that Node, or undefined (said on the way) when it cannot be fetched. */
function fetchedNode(version) {
  try {
    return nodeBinDir(version);
  } catch (error) {
    console.log(`✘ Could not get Node.js ${version}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

if (process.versions.node !== testNodeVersion) {
  const bin = fetchedNode(testNodeVersion);
  if (bin === undefined) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
  const again = spawnSync(join(bin, 'node'), [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PATH: pathWithNode(bin) } });
  process.exit(again.status ?? 1);
}
console.log(`Node.js ${process.versions.node} runs the checks and suites (${process.execPath}).`);

let passed = 0;
let failed = 0;
/** What failed, named again just above the last line: CI logs often keep only their tail. */
const failures = [];

/** A whole-tree check (lint, types, build) counts as one. */
function check(name, command, args) {
  console.log(`\n▶ ${name}`);
  const ok = spawnSync(command, args, { stdio: 'inherit' }).status === 0;
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return ok;
}

function vitestCounts(report) {
  const failedFiles = report.testResults.filter((file) => file.status === 'failed');
  return {
    passed: report.numPassedTests,
    // A file that fails to load has no failed test of its own: count it once.
    failed: report.numFailedTests || (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    names: failedFiles.flatMap((file) => {
      const tests = file.assertionResults.filter((test) => test.status === 'failed').map((test) => `${file.name} > ${test.fullName}`);
      return tests.length > 0 ? tests : [`${file.name} (did not load: ${String(file.message ?? '').split('\n')[0]})`];
    }),
  };
}

/** Every spec of a Playwright JSON report, however deeply its suites nest. */
function playwrightSpecs(suites, file = '') {
  return suites.flatMap((s) => [...(s.specs ?? []).map((spec) => ({ ...spec, file: spec.file ?? file })), ...playwrightSpecs(s.suites ?? [], s.file ?? file)]);
}

/** Runs a command with its stderr shown as it comes and its last lines kept: what a runner printed about an error
 * that failed no test (an unhandled rejection, a worker that would not stop) is named again in the final summary. */
function runKeepingErrorTail(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'inherit', 'pipe'], env });
    let tail = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-20_000);
    });
    child.on('close', (status) => resolve({ status, errorLines: stripVTControlCharacters(tail).split('\n').filter((line) => line.trim() !== '').slice(-25) }));
  });
}

/** A test suite counts its tests, read from the runner's JSON report. */
async function suite(name, command, args, report, count, env = process.env) {
  console.log(`\n▶ ${name}`);
  rmSync(report, { force: true });
  const { status, errorLines } = await runKeepingErrorTail(command, args, env);
  if (!existsSync(report)) {
    console.log(`✘ ${name}: the runner wrote no report (exit ${status})`);
    failed += 1;
    failures.push(`${name}: no report`, ...errorLines.map((line) => `    ${line}`));
    return;
  }
  const counts = count(JSON.parse(readFileSync(report, 'utf8')));
  passed += counts.passed;
  failed += counts.failed + (status !== 0 && counts.failed === 0 ? 1 : 0);
  failures.push(...counts.names.map((test) => `${name}: ${test}`));
  if (status !== 0 && counts.failed === 0) failures.push(`${name}: exit ${status} with no failed test; the end of what it printed on stderr:`, ...errorLines.map((line) => `    ${line}`));
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

if (spawnSync(process.execPath, ['scripts/setup.mjs', ...process.argv.slice(2)], { stdio: 'inherit' }).status !== 0) process.exit(1);
mkdirSync('test-results', { recursive: true });
check('lint (eslint)', 'npx', ['eslint', '.']);
check('type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type-check the UI (tsc, renderer/)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit']);
check('type-check the desktop shell (tsc, electron/)', 'npx', ['tsc', '-p', 'electron/tsconfig.json', '--noEmit']);
// Its own exit code is always 0: the script reads its findings and fails on HIGH/MEDIUM ones not allowlisted with a reason.
check('Electron security scan (electronegativity)', 'node', ['scripts/electronegativity-check.mjs']);
const built = check('build', 'npm', ['run', '--silent', 'build']);
if (built) {
  await suite('tests (vitest)', 'npx', ['vitest', 'run'], 'test-results/vitest.json', vitestCounts);
  // The UI end to end in Debian's Chromium, against the built app and the emulators (playwright.config.ts).
  await suite('UI end to end (playwright)', 'npx', ['playwright', 'test'], 'test-results/playwright.json', (report) => ({
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
    names: playwrightSpecs(report.suites)
      .filter((spec) => !spec.ok)
      .map((spec) => `${spec.file} > ${spec.title}`),
  }));
  // The oldest Node package.json allows: the unit and CLI suites again, so nothing newer than it slips in.
  const oldest = fetchedNode(minimumNodeVersion);
  if (oldest === undefined) {
    failed += 1;
    failures.push(`Node.js ${minimumNodeVersion} could not be fetched`);
  } else {
    await suite(
      `on Node.js ${minimumNodeVersion}, the minimum: unit and CLI tests (vitest)`,
      join(oldest, 'node'),
      ['node_modules/vitest/vitest.mjs', 'run', 'test/unit', 'test/integration/cli', '--outputFile.json=test-results/vitest-minimum-node.json'],
      'test-results/vitest-minimum-node.json',
      vitestCounts,
      { ...process.env, PATH: pathWithNode(oldest) },
    );
  }
}
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((what) => `  ✘ ${what.replace(`${process.cwd()}/`, '')}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
