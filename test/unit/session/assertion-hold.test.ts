import { describe, expect, it } from 'vitest';
import type { SamlResponse } from '../../../core/saml/read-saml-response.js';
import { createAssertionHold } from '../../../core/session/assertion-hold.js';

const at = Date.parse('2030-01-01T12:00:00Z');
const response = (notOnOrAfter: Date | null, encrypted = false) => ({ facts: { notOnOrAfter, encrypted } }) as unknown as SamlResponse;

describe('createAssertionHold', () => {
  it('gives the assertion back while it has more than 30 s left, then forgets it', () => {
    const hold = createAssertionHold();
    const kept = response(new Date(at + 60_000));
    hold.keep('acme', kept);
    expect(hold.usable('acme', at)).toBe(kept);
    expect(hold.usable('acme', at + 31_000)).toBeUndefined();
    expect(hold.usable('acme', at)).toBeUndefined();
  });

  it('keeps nothing it cannot date, nothing encrypted, and nothing after a drop', () => {
    const hold = createAssertionHold();
    hold.keep('a', response(null));
    hold.keep('b', response(new Date(at + 60_000), true));
    hold.keep('c', response(new Date(at + 60_000)));
    hold.drop('c');
    expect(['a', 'b', 'c'].map((id) => hold.usable(id, at))).toEqual([undefined, undefined, undefined]);
  });
});
