#!/usr/bin/env node
// Runs Electronegativity (Doyensec's Electron security scanner) on electron/ and fails on any HIGH or MEDIUM finding
// that .electronegativity-allowlist.json does not list with a reason. Its own exit code is always 0, so its report is read here.
// (Its CLI does not start with the commander version hoisted here, so it is called through its programmatic API.)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;

const allowlist = JSON.parse(readFileSync(path.join(root, '.electronegativity-allowlist.json'), 'utf8')).allow;
for (const entry of allowlist) {
  if (typeof entry.reason !== 'string' || entry.reason.trim().length < 10) throw new Error(`Allowlist entry ${entry.id} ${entry.file} has no reason.`);
}

const electronVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.electron;
const result = await run({ input: path.join(root, 'electron'), isRelative: true, electronVersionOverride: electronVersion }, false);
const blocking = new Set(['HIGH', 'MEDIUM']);
const nameOf = (level) => (typeof level === 'string' ? level : String(level?.name ?? level)).toUpperCase();
const used = new Set();
const failures = [];
for (const issue of result.issues) {
  if (!blocking.has(nameOf(issue.severity))) continue;
  const entry = allowlist.find((allowed) => allowed.id === issue.id && allowed.file === String(issue.file).replaceAll('\\', '/'));
  if (entry === undefined) failures.push(`${nameOf(issue.severity)} ${issue.id} in electron/${issue.file}:${issue.location?.line ?? '?'} — ${issue.description ?? ''}`.trim());
  else used.add(entry);
}
const parseErrors = result.errors.filter((error) => !error.tolerable);
for (const error of parseErrors) failures.push(`could not parse ${error.file}: ${error.message}`);
for (const entry of allowlist) {
  if (!used.has(entry)) console.log(`note: allowlist entry ${entry.id} for ${entry.file} matched nothing; remove it if the code changed.`);
}
console.log(`electronegativity: ${result.issues.length} findings, ${used.size} allowlisted with reasons, ${failures.length} blocking`);
for (const failure of failures) console.error(`✘ ${failure}`);
// Exit now: the scanner's look-up of Electron releases (offline here) leaves a retry timer that throws when it fires.
process.exit(failures.length === 0 ? 0 : 1);
