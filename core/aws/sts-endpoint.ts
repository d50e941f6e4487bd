import { AtlasSsoError } from '../errors.js';
import { partitionFacts, partitionOfRegion } from './partitions.js';

/**
 * The STS endpoint to call: an explicit one, then AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL
 * (the SDKs' documented overrides), else the regional endpoint of the region's partition.
 */
export function resolveStsEndpoint(region: string, explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = explicit ?? nonEmpty(env.AWS_ENDPOINT_URL_STS) ?? nonEmpty(env.AWS_ENDPOINT_URL);
  if (chosen === undefined) return `https://sts.${region}.${partitionFacts[partitionOfRegion(region)].dnsSuffix}`;
  let url: URL;
  try {
    url = new URL(chosen);
  } catch {
    throw new AtlasSsoError('sts-bad-endpoint', `The STS endpoint "${chosen}" is not a URL: give one like https://sts.us-east-1.amazonaws.com.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new AtlasSsoError('sts-bad-endpoint', `The STS endpoint "${url.origin}" must use https (plain http is allowed only on this computer, for tests).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new AtlasSsoError('sts-bad-endpoint', 'The STS endpoint must not contain a user name or password.');
  }
  return url.toString().replace(/\/$/, '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
