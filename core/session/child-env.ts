import type { TemporaryCredentials } from '../aws/temporary-credentials.js';
import { competingVariables, keyValues, keyVariables } from '../mongodb/plan-terminal-launch.js';

export interface ChildEnvRequest {
  /** The environment the child would otherwise get (the caller's own). */
  readonly base: NodeJS.ProcessEnv;
  readonly credentials: TemporaryCredentials;
  /** The STS region the keys came from: tools that need a region (the AWS CLI, SDKs) then need no other setting. */
  readonly region: string;
  readonly platform: NodeJS.Platform;
}

/**
 * The environment for a program run with the keys: the caller's, minus every other credential source that the AWS
 * credential chain would prefer or mix in (a set AWS_PROFILE makes the SDKs skip keys in the environment), plus the
 * keys and the region. Windows names are case-insensitive, so `aws_profile` is removed there too.
 */
export function childEnvWithKeys(request: ChildEnvRequest): NodeJS.ProcessEnv {
  const fold = (name: string): string => (request.platform === 'win32' ? name.toUpperCase() : name);
  const values = keyValues(request.credentials);
  const added: Readonly<Record<string, string>> = {
    ...Object.fromEntries(keyVariables.map((name, index) => [name, values[index] ?? ''])),
    AWS_REGION: request.region,
  };
  const dropped = new Set([...competingVariables, ...Object.keys(added)].map(fold));
  const kept = Object.entries(request.base).filter(([name]) => !dropped.has(fold(name)));
  return { ...Object.fromEntries(kept), ...added };
}
