import { scrubServiceMessage } from '../aws/sts-errors.js';

/** A provider's or STS's words made safe to show: any JWT blanked whole (its parts can be short), then anything key-shaped. */
export function scrubIdentityMessage(message: string): string {
  return scrubServiceMessage(message.replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[redacted]'));
}
