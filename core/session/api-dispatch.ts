import type { ApiError, ApiHandlers, ParsedParams, Reply, RequestName, RequestResult } from '../api.js';
import { requests } from '../api.js';
import { describeIssues } from '../connections/describe-issues.js';
import { isAtlasSsoError } from '../errors.js';

/** Any failure as the value a UI receives: an AtlasSsoError's code and sentence; anything else only by its type (its message may hold anything). */
export function apiErrorOf(error: unknown): ApiError {
  if (isAtlasSsoError(error)) return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  const name = error instanceof Error ? error.name : typeof error;
  return { code: 'host-unexpected', message: `Something unexpected failed (${name}). Copy the diagnostics from Help and report it.` };
}

/** Params that came over a boundary, parsed with the request's schema; a refusal names each bad field, never its value. */
export function parseParams<N extends RequestName>(name: N, raw: unknown): Reply<ParsedParams<N>> {
  const parsed = requests[name].params.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedParams<N> };
  return { ok: false, error: { code: 'input-invalid', message: `The ${name} request is not valid:\n${describeIssues(parsed.error)}` } };
}

/** Runs one parsed request; every failure comes back as a value, so each transport converts nothing itself. */
export async function runRequest<N extends RequestName>(handlers: ApiHandlers, name: N, params: ParsedParams<N>): Promise<Reply<RequestResult<N>>> {
  try {
    // TypeScript cannot follow N through the mapped type; the map itself ties each name to its own params and result.
    const handler = handlers[name] as unknown as (input: ParsedParams<N>) => Promise<RequestResult<N>>;
    return { ok: true, value: await handler(params) };
  } catch (error) {
    return { ok: false, error: apiErrorOf(error) };
  }
}
