#!/usr/bin/env node
// Runs every check and suite, then prints one line "N passed, N failed" summed over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;

/** A whole-tree check (lint, types, build) counts as one. */
function check(name, command, args) {
  console.log(`\n▶ ${name}`);
  const ok = spawnSync(command, args, { stdio: 'inherit' }).status === 0;
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return ok;
}

/** A test suite counts its tests, read from the runner's JSON report. */
function suite(name, command, args, report, count) {
  console.log(`\n▶ ${name}`);
  rmSync(report, { force: true });
  const status = spawnSync(command, args, { stdio: 'inherit' }).status;
  if (!existsSync(report)) {
    console.log(`✘ ${name}: the runner wrote no report (exit ${status})`);
    failed += 1;
    return;
  }
  const counts = count(JSON.parse(readFileSync(report, 'utf8')));
  passed += counts.passed;
  failed += counts.failed + (status !== 0 && counts.failed === 0 ? 1 : 0);
  console.log(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

mkdirSync('test-results', { recursive: true });
check('lint (eslint)', 'npx', ['eslint', '.']);
check('type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type-check the UI (tsc, renderer/)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json', '--noEmit']);
check('type-check the desktop shell (tsc, electron/)', 'npx', ['tsc', '-p', 'electron/tsconfig.json', '--noEmit']);
// Its own exit code is always 0: the script reads its findings and fails on HIGH/MEDIUM ones not allowlisted with a reason.
check('Electron security scan (electronegativity)', 'node', ['scripts/electronegativity-check.mjs']);
const built = check('build', 'npm', ['run', '--silent', 'build']);
if (built) {
  suite('tests (vitest)', 'npx', ['vitest', 'run'], 'test-results/vitest.json', (report) => ({
    passed: report.numPassedTests,
    // A file that fails to load has no failed test of its own: count it once.
    failed: report.numFailedTests || (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
  }));
  // The UI end to end in Debian's Chromium, against the built app and the emulators (playwright.config.ts).
  suite('UI end to end (playwright)', 'npx', ['playwright', 'test'], 'test-results/playwright.json', (report) => ({
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  }));
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
