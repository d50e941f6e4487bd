import type { z } from 'zod';
import type { ErrorCode } from '../errors.js';
import { AtlasSsoError } from '../errors.js';
import { describeIssues } from './describe-issues.js';
import type { ConnectionsFile, TeamFile } from './schema.js';
import { connectionsFileSchema, teamFileSchema } from './schema.js';

/** The saved file, checked; a broken file is reported with every problem and its path, and is never rewritten. */
export function parseConnectionsFile(value: unknown, filePath: string): ConnectionsFile {
  return parseWith(connectionsFileSchema, value, 'connections-file-invalid', (issues) =>
    `${filePath} is not a valid Atlas SSO connections file, so Atlas SSO left it unchanged:\n${issues}\nFix these fields, or move the file away to start with no connections.`,
  );
}

/** A team file an admin shared; nothing is imported unless all of it is valid. */
export function parseTeamFile(value: unknown, filePath: string): TeamFile {
  return parseWith(teamFileSchema, value, 'connections-import-invalid', (issues) =>
    `${filePath} is not a valid Atlas SSO team file, so nothing was imported:\n${issues}\nAsk whoever shared it for a corrected file.`,
  );
}

/** The file as it would be after a change, checked before anything is written. */
export function checkChangedConnections(value: unknown): ConnectionsFile {
  return parseWith(connectionsFileSchema, value, 'connection-invalid', (issues) => `This change cannot be saved:\n${issues}`);
}

/** JSON text to a value, with the parser's position (never the text: it may hold what someone pasted by mistake). */
export function parseJsonText(text: string, filePath: string, code: Extract<ErrorCode, 'connections-file-invalid' | 'connections-import-invalid'>): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const where = error instanceof SyntaxError ? / at position \d+(?: \(line \d+ column \d+\))?/.exec(error.message)?.[0] ?? '' : '';
    const outcome = code === 'connections-file-invalid' ? 'so Atlas SSO left it unchanged. Fix it, or move it away to start with no connections' : 'so nothing was imported. Ask whoever shared it for a corrected file';
    throw new AtlasSsoError(code, `${filePath} is not valid JSON (the error is${where === '' ? ' somewhere in it' : where}), ${outcome}.`);
  }
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, code: ErrorCode, message: (issues: string) => string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AtlasSsoError(code, message(describeIssues(result.error)));
  return result.data;
}
