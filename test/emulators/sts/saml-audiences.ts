import { partitionsByName, signinAcsLocation } from './aws-names.js';

/** The audience an IdP writes for an assertion posted to `acsUrl` (the global one for a loopback test endpoint). */
export function samlAudienceForAcs(acsUrl: string): string {
  return partitionsByName[signinAcsLocation(acsUrl)?.partition ?? 'aws'].samlAudience;
}
