/** The AWS partitions a SAML role can live in, with the facts that differ between them. */
export const partitions = ['aws', 'aws-us-gov', 'aws-cn'] as const;

export type Partition = (typeof partitions)[number];

interface PartitionFacts {
  /** Region used when the sign-in endpoint names none (STS needs a concrete region). */
  readonly defaultRegion: string;
  /** DNS suffix of STS and the other service endpoints. */
  readonly dnsSuffix: string;
}

export const partitionFacts: Readonly<Record<Partition, PartitionFacts>> = {
  aws: { defaultRegion: 'us-east-1', dnsSuffix: 'amazonaws.com' },
  'aws-us-gov': { defaultRegion: 'us-gov-west-1', dnsSuffix: 'amazonaws.com' },
  'aws-cn': { defaultRegion: 'cn-north-1', dnsSuffix: 'amazonaws.com.cn' },
};

export function isPartition(value: string): value is Partition {
  return (partitions as readonly string[]).includes(value);
}

/** The partition a region belongs to, from its name. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}
