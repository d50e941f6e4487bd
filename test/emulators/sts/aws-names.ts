// What STS knows about AWS names, written here from AWS's documentation and NOT imported from core: the emulator
// judges core's role parsing and sign-in endpoint checks, so it must not share their code (a bug would be mirrored).

export type EmulatedPartition = 'aws' | 'aws-us-gov' | 'aws-cn';

/** Per partition: the sign-in host, the region its global endpoint stands for, and AWS's SAML SP entity ID. */
export const partitionsByName: Readonly<Record<EmulatedPartition, { readonly signinHost: string; readonly globalRegion: string; readonly samlAudience: string }>> = {
  aws: { signinHost: 'signin.aws.amazon.com', globalRegion: 'us-east-1', samlAudience: 'urn:amazon:webservices' },
  'aws-us-gov': { signinHost: 'signin.amazonaws-us-gov.com', globalRegion: 'us-gov-west-1', samlAudience: 'urn:amazon:webservices:govcloud' },
  'aws-cn': { signinHost: 'signin.amazonaws.cn', globalRegion: 'cn-north-1', samlAudience: 'urn:amazon:webservices:cn-north-1' },
};

function isEmulatedPartition(name: string): name is EmulatedPartition {
  return Object.hasOwn(partitionsByName, name);
}

/** The partition and region of an AWS sign-in SAML endpoint (`https://[region.]signin…/saml[/acs/ID]`), else undefined. */
export function signinAcsLocation(url: string): { readonly partition: EmulatedPartition; readonly region: string } | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'https:' || !/^\/saml(?:\/acs\/[A-Za-z0-9_-]+)?\/?$/.test(parsed.pathname)) return undefined;
  for (const [partition, facts] of Object.entries(partitionsByName)) {
    if (!isEmulatedPartition(partition)) continue;
    const host = parsed.hostname.toLowerCase();
    if (host === facts.signinHost) return { partition, region: facts.globalRegion };
    const regional = new RegExp(`^([a-z]{2}(?:-[a-z]+)+-\\d)\\.${facts.signinHost.replaceAll('.', '\\.')}$`).exec(host);
    if (regional?.[1] !== undefined) return { partition, region: regional[1] };
  }
  return undefined;
}

const iamArn = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):(role|saml-provider)\/(.+)$/;

/**
 * A `https://aws.amazon.com/SAML/Attributes/Role` value as STS reads it: a role ARN and a SAML provider ARN of one
 * partition and account, comma-separated in either order (spaces around them ignored).
 */
export function roleProviderPair(value: string): { readonly roleArn: string; readonly principalArn: string } | undefined {
  const halves = value.split(',');
  if (halves.length !== 2) return undefined;
  const parsed = halves.map((half) => iamArn.exec(half.trim()));
  const role = parsed.find((match) => match?.[3] === 'role');
  const provider = parsed.find((match) => match?.[3] === 'saml-provider');
  if (!role || !provider || role[1] !== provider[1] || role[2] !== provider[2]) return undefined;
  return { roleArn: role[0], principalArn: provider[0] };
}

/** The role's name without its path: `arn:aws:iam::1:role/team/dba` → `dba` (what assumed-role ARNs show). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** The partition named in an ARN, with the commercial partition for anything else. */
export function partitionOfArn(arn: string): EmulatedPartition {
  const name = arn.split(':')[1] ?? '';
  return isEmulatedPartition(name) ? name : 'aws';
}
