import type { Partition } from '../aws/partitions.js';
import { partitionFacts } from '../aws/partitions.js';
import { AtlasSsoError } from '../errors.js';

/** What an EKS pod (IRSA) is given for AssumeRoleWithWebIdentity: the projected token's path, the role, a session name. */
export interface WebIdentityConfig {
  readonly tokenFile: string;
  readonly roleArn: string;
  readonly sessionName: string;
  /** STS region: AWS_REGION / AWS_DEFAULT_REGION, else the role's partition's default. */
  readonly region: string;
}

const roleArnShape = /^arn:(aws|aws-us-gov|aws-cn):iam::\d{12}:role\/[\w+=,.@/-]+$/;
const sessionNameShape = /^[\w+=,.@-]{2,64}$/;

function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads the EKS settings from the environment, as the SDK does, and checks them before anything reads the token:
 * the session name is AWS_ROLE_SESSION_NAME or `atlas-sso-<time>`, like the SDK's generated one.
 */
export function readWebIdentityConfig(env: NodeJS.ProcessEnv, now: Date = new Date()): WebIdentityConfig {
  const tokenFile = setting(env, 'AWS_WEB_IDENTITY_TOKEN_FILE');
  const roleArn = setting(env, 'AWS_ROLE_ARN');
  const missing = [tokenFile === undefined ? 'AWS_WEB_IDENTITY_TOKEN_FILE' : undefined, roleArn === undefined ? 'AWS_ROLE_ARN' : undefined].filter((name) => name !== undefined);
  if (tokenFile === undefined || roleArn === undefined) {
    throw new AtlasSsoError('identity-web-identity-missing', `--web-identity needs ${missing.join(' and ')}: EKS sets them in pods whose service account has the eks.amazonaws.com/role-arn annotation.`);
  }
  const role = roleArnShape.exec(roleArn);
  if (!role) throw new AtlasSsoError('identity-web-identity-missing', `AWS_ROLE_ARN is not an IAM role ARN (like arn:aws:iam::123456789012:role/NAME): "${roleArn.slice(0, 200)}".`);
  const sessionName = setting(env, 'AWS_ROLE_SESSION_NAME') ?? `atlas-sso-${now.getTime()}`;
  if (!sessionNameShape.test(sessionName)) {
    throw new AtlasSsoError('input-invalid', 'AWS_ROLE_SESSION_NAME must be 2 to 64 letters, digits or +=,.@_- characters.');
  }
  const region = setting(env, 'AWS_REGION') ?? setting(env, 'AWS_DEFAULT_REGION') ?? partitionFacts[(role[1] ?? 'aws') as Partition].defaultRegion;
  return { tokenFile, roleArn, sessionName, region };
}
