import type { SamlResponse } from '../saml/read-saml-response.js';

/**
 * A signed-in session's assertion, kept in memory only while STS would still take it (until its NotOnOrAfter), so
 * "Switch role" can redeem it for another role with no second trip to the IdP. Dropped on sign-out; one per connection.
 */
export interface AssertionHold {
  keep(connectionId: string, response: SamlResponse): void;
  /** The held assertion while it has `marginMs` left before its NotOnOrAfter (STS's clock may run ahead), else undefined. */
  usable(connectionId: string, nowMs: number): SamlResponse | undefined;
  drop(connectionId: string): void;
}

/** Time left that makes a held assertion worth trying: a redeem takes a round trip, and clocks drift. */
const marginMs = 30_000;

export function createAssertionHold(): AssertionHold {
  const held = new Map<string, SamlResponse>();
  return {
    keep: (connectionId, response) => {
      // An assertion without NotOnOrAfter (or an encrypted one) cannot be known to be still good: not kept.
      if (response.facts.notOnOrAfter !== null && !response.facts.encrypted) held.set(connectionId, response);
    },
    usable: (connectionId, nowMs) => {
      const response = held.get(connectionId);
      const until = response?.facts.notOnOrAfter?.getTime();
      if (response === undefined || until === undefined || until - nowMs < marginMs) {
        held.delete(connectionId);
        return undefined;
      }
      return response;
    },
    drop: (connectionId) => {
      held.delete(connectionId);
    },
  };
}
