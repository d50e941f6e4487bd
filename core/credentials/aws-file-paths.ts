import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The shared credentials file the AWS CLI and SDKs read: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return awsFilePath(env, env.AWS_SHARED_CREDENTIALS_FILE, 'credentials');
}

/** The AWS config file the CLI and SDKs read: AWS_CONFIG_FILE, else ~/.aws/config. */
export function configFilePath(env: NodeJS.ProcessEnv): string {
  return awsFilePath(env, env.AWS_CONFIG_FILE, 'config');
}

/** The AWS files in use that a new terminal would not find by itself: named by AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, away from ~/.aws. */
export function awsFilesAwayFromDefaults(env: NodeJS.ProcessEnv): { readonly credentialsFile?: string; readonly configFile?: string } {
  const home = homeDirectory(env);
  const credentialsFile = credentialsFilePath(env);
  const configFile = configFilePath(env);
  return {
    ...(credentialsFile === join(home, '.aws', 'credentials') ? {} : { credentialsFile }),
    ...(configFile === join(home, '.aws', 'config') ? {} : { configFile }),
  };
}

function awsFilePath(env: NodeJS.ProcessEnv, override: string | undefined, fileName: string): string {
  const home = homeDirectory(env);
  if (override === undefined || override.trim() === '') return join(home, '.aws', fileName);
  // Like the AWS tools, expand a leading ~ so a variable set in a config file (not by a shell) still works.
  const expanded = /^~(?=$|[\\/])/.test(override) ? home + override.slice(1) : override;
  return resolve(expanded);
}

/** Home as the JS SDK finds it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS account's. */
function homeDirectory(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  return homedir();
}
