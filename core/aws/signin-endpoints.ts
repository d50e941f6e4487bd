import type { Partition } from './partitions.js';
import { partitionFacts } from './partitions.js';

/** Where STS must be called for an assertion posted to a given AWS sign-in (ACS) endpoint. */
export interface StsLocation {
  readonly partition: Partition;
  readonly region: string;
}

const regionLabel = /^[a-z]{2}(?:-[a-z]+)+-\d$/;

const signinHosts: readonly { readonly suffix: string; readonly partition: Partition }[] = [
  { suffix: 'signin.aws.amazon.com', partition: 'aws' },
  { suffix: 'signin.amazonaws-us-gov.com', partition: 'aws-us-gov' },
  { suffix: 'signin.amazonaws.cn', partition: 'aws-cn' },
];

/**
 * The partition and STS region for an AWS sign-in endpoint URL, or undefined when it is not one.
 * Global endpoints map to the partition's default region; `<region>.signin…` to that region.
 */
export function stsLocationOfSigninUrl(url: string): StsLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase();
  for (const { suffix, partition } of signinHosts) {
    if (host === suffix) return { partition, region: partitionFacts[partition].defaultRegion };
    if (host.endsWith(`.${suffix}`)) {
      const label = host.slice(0, -suffix.length - 1);
      if (regionLabel.test(label)) return { partition, region: label };
    }
  }
  return undefined;
}

/** True for the SAML ACS paths AWS accepts on a sign-in host. */
export function isSigninSamlPath(pathname: string): boolean {
  return pathname === '/saml' || pathname === '/saml/' || /^\/saml\/acs\/[\w-]+\/?$/.test(pathname);
}
