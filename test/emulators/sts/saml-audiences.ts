import type { Partition } from '../../../core/aws/partitions.js';
import { stsLocationOfSigninUrl } from '../../../core/aws/signin-endpoints.js';

/**
 * The audience an assertion must name for each partition: AWS's SAML service provider entity ID there, as AWS's
 * GovCloud and China set-up guides give it (a GovCloud or China IdP application uses its own, not the global one).
 */
export const samlAudienceByPartition: Readonly<Record<Partition, string>> = {
  aws: 'urn:amazon:webservices',
  'aws-us-gov': 'urn:amazon:webservices:govcloud',
  'aws-cn': 'urn:amazon:webservices:cn-north-1',
};

/** The audience an IdP writes for an assertion posted to `acsUrl` (the global one for a loopback test endpoint). */
export function samlAudienceForAcs(acsUrl: string): string {
  return samlAudienceByPartition[stsLocationOfSigninUrl(acsUrl)?.partition ?? 'aws'];
}
