import type { Role } from '../aws/role.js';
import { recordAtlasVerdict, verdictOfOutcome } from '../connections/atlas-verdicts.js';
import { atlasVerdictsPath } from '../connections/atlas-verdicts.js';
import { isAtlasSsoError } from '../errors.js';
import { apiErrorOf } from './api-dispatch.js';
import type { SessionContext } from './session-context.js';

export interface VerdictContext {
  readonly verdictsFile: string;
  readonly connectionId: string;
  readonly role: Pick<Role, 'roleArn'>;
  readonly cluster: string;
  readonly now: () => Date;
  /** A verdict that cannot be saved is reported, never thrown: the answer itself still reaches the person. */
  readonly onSaveError: (error: unknown) => void;
}

async function remember(context: VerdictContext, outcome: Parameters<typeof verdictOfOutcome>[0]): Promise<void> {
  const verdict = verdictOfOutcome(outcome);
  if (verdict === undefined) return;
  await recordAtlasVerdict(context.verdictsFile, { connectionId: context.connectionId, roleArn: context.role.roleArn, verdict, at: context.now().toISOString(), cluster: context.cluster }).catch(context.onSaveError);
}

/** Runs a step that signs in to Atlas with the role's keys and remembers what Atlas said; its result or error is unchanged. */
export async function rememberAtlasVerdict<T>(context: VerdictContext, step: () => Promise<T>, outcomeOf: (result: T) => Parameters<typeof verdictOfOutcome>[0] = () => ({ ok: true })): Promise<T> {
  let result: T;
  try {
    result = await step();
  } catch (error) {
    if (isAtlasSsoError(error)) await remember(context, { ok: false, code: error.code });
    throw error;
  }
  await remember(context, outcomeOf(result));
  return result;
}

/** The verdict context of a step the session service runs: saved beside the connections, a failed save shown as an error event. */
export function verdictContextOf(ctx: SessionContext, connectionId: string, role: Pick<Role, 'roleArn'>, cluster: string): VerdictContext {
  return {
    verdictsFile: atlasVerdictsPath(ctx.ports.store.filePath),
    connectionId,
    role,
    cluster,
    now: () => ctx.clock.now(),
    onSaveError: (error) => ctx.events.emit({ type: 'error', connectionId, error: apiErrorOf(error) }),
  };
}
