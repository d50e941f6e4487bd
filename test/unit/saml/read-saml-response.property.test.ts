import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoleValue } from '../../../core/aws/role.js';
import { AtlasSsoError } from '../../../core/errors.js';
import { readSamlResponse } from '../../../core/saml/read-saml-response.js';
import { buildSamlResponseXml, toBase64 } from '../../fixtures/saml/build-saml-response.js';

/** Guards against a hang or catastrophic slowdown: a whole property must finish well inside the test timeout. */
const bounded = { numRuns: 600, plugins: [fc.interruptAfterTimeLimit(20_000, { failOnInterrupt: true })] };

const roleValues = [
  'arn:aws:iam::012345678901:role/Reader,arn:aws:iam::012345678901:saml-provider/idp',
  'arn:aws:iam::000000000042:saml-provider/idp,arn:aws:iam::000000000042:role/ops/Admin',
];
const validXml = buildSamlResponseXml({ roleValues, roleSessionName: 'alice', sessionDuration: '3600' });
const expectedRoles = readSamlResponse(validXml).facts.roles;

/** Outcome of reading: the roles, or the error code. Any other exception escapes and fails the property. */
function outcome(input: string): { readonly roles: readonly string[] } | { readonly code: string } {
  try {
    const { facts } = readSamlResponse(input);
    for (const role of facts.roles) expect(parseRoleValue(`${role.roleArn},${role.principalArn}`)).toEqual(role);
    return { roles: facts.roles.map((role) => `${role.roleArn},${role.principalArn}`) };
  } catch (error) {
    if (error instanceof AtlasSsoError) return { code: error.code };
    throw error;
  }
}

const snippet = fc.oneof(
  fc.constantFrom(
    '<x>', '</x>', '<a b="c"/>', '<saml:Assertion>', '</saml:Assertion>', '<samlp:Status/>', '&amp;', '&lt;', '&#65;', '&#x10FFFF;', '&#xD800;',
    '&#99999999999999999999;', '&bogus;', '&', '<![CDATA[', ']]>', '<!--', '-->', '<?pi x?>', '<!DOCTYPE x>', '"', "'", '=', ':', '>', '<',
    ' xmlns:saml="urn:other"', ' xmlns="urn:oasis:names:tc:SAML:2.0:protocol"', ' Name="https://aws.amazon.com/SAML/Attributes/Role"',
    ' constructor="1"', '<__proto__/>', '\u0000', '\uFEFF', '\u202E', '\r\n', '\t',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** Where a mutation applies, in ten-thousandths of the document's length (uniform, unlike fc.double's spread). */
const position = fc.integer({ min: 0, max: 10_000 });

/** A mutation of the valid XML at a position. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: position, text: snippet }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom('saml', 'samlp', 'xsi', 'ds'), to: fc.stringMatching(/^[A-Za-z_][\w.-]{0,5}$/) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Where in `xml` the role values are (as [start, end) offsets); ASCII, so characters are bytes. */
const roleSpans = roleValues.map((value) => {
  const start = validXml.indexOf(value);
  return [start, start + value.length] as const;
});

/** Moves a position out of every role value (and off its edges), so a mutation cannot rewrite a role into another. */
function outsideRoles(at: number): number {
  const span = roleSpans.find(([start, end]) => at >= start - 1 && at <= end);
  return span === undefined ? at : span[0] - 2;
}

/** The longest stretch from `at` that stays clear of role values. */
function clearLength(at: number, wanted: number): number {
  const next = roleSpans.map(([start]) => start - 1).filter((start) => start >= at);
  return Math.max(0, Math.min(wanted, ...next.map((start) => start - at)));
}

/** Applies mutations to the UTF-8 bytes and returns the base64 a page could post; `guard` keeps role values intact. */
function mutate(xml: string, mutations: readonly Mutation[], guard: boolean): string {
  let bytes = Buffer.from(xml, 'utf8');
  for (const change of mutations) {
    const raw = 'at' in change ? Math.floor((change.at * bytes.length) / 10_000) : 0;
    const at = guard ? outsideRoles(raw) : raw;
    switch (change.kind) {
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(change.text, 'utf8'), bytes.subarray(at)]);
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + (guard ? clearLength(at, change.length) : change.length))]);
        break;
      case 'flip':
        bytes = Buffer.from(bytes);
        if (at < bytes.length) bytes[at] = change.byte;
        break;
      case 'rename':
        bytes = Buffer.from(bytes.toString('utf8').replaceAll(`xmlns:${change.from}=`, `xmlns:${change.to}=`).replaceAll(`${change.from}:`, `${change.to}:`), 'utf8');
        break;
    }
  }
  return bytes.toString('base64');
}

const expectedOutcome = { roles: expectedRoles.map((role) => `${role.roleArn},${role.principalArn}`) };

describe('readSamlResponse under arbitrary mutation', () => {
  it('after one mutation outside the role values, reads the same roles or refuses with an AtlasSsoError', () => {
    fc.assert(
      fc.property(mutation, (change) => {
        const result = outcome(mutate(validXml, [change], true));
        if ('roles' in result) expect(result).toEqual(expectedOutcome);
        else expect(result.code).toMatch(/^saml-/);
      }),
      bounded,
    );
  });

  it('after several mutations anywhere, reads well-formed roles or refuses with an AtlasSsoError, never another exception', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const result = outcome(mutate(validXml, mutations, false));
        if ('code' in result) expect(result.code).toMatch(/^saml-/);
      }),
      bounded,
    );
  });

  it('refuses raw noise and random base64 with an AtlasSsoError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.base64String({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 })), (input) => {
        expect(outcome(input)).toHaveProperty('code');
      }),
      bounded,
    );
  });
});

/** Positions between two tags (`><`), where whitespace and comments change nothing. */
const gaps = [...validXml.matchAll(/></g)].map((match) => match.index + 1);
const prefix = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/).filter((name) => !/^xml/.test(name) && !['xs', 'xsi', 'ds'].includes(name));

describe('readSamlResponse under changes that keep the meaning', () => {
  it('reads the same roles whatever the namespace prefixes, including default namespaces', () => {
    fc.assert(
      fc.property(fc.oneof(prefix, fc.constant('')), fc.oneof(prefix, fc.constant('')), (protocolPrefix, assertionPrefix) => {
        fc.pre(protocolPrefix === '' || protocolPrefix !== assertionPrefix);
        expect(outcome(buildSamlResponseXml({ roleValues, roleSessionName: 'alice', protocolPrefix, assertionPrefix }))).toEqual(expectedOutcome);
      }),
      bounded,
    );
  });

  it('reads the same roles with whitespace and comments between tags, as XML or as wrapped base64', () => {
    const filler = fc.oneof(fc.stringMatching(/^[ \t\r\n]{1,8}$/), fc.stringMatching(/^[a-z ]{0,10}$/).map((text) => `<!--${text}-->`));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...gaps), filler), { maxLength: 20 }), fc.boolean(), (insertions, asBase64) => {
        const sorted = [...insertions].sort(([a], [b]) => b - a);
        const xml = sorted.reduce((text, [at, fill]) => text.slice(0, at) + fill + text.slice(at), validXml);
        const input = asBase64 ? toBase64(xml).replace(/.{64}/g, '$&\n') : xml;
        expect(outcome(input)).toEqual(expectedOutcome);
      }),
      bounded,
    );
  });

  it('reads the same roles when role value characters are written as character references', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }), fc.boolean(), (encode, hex) => {
        const encoded = roleValues.map((value) =>
          [...value].map((char, index) => (encode[index % encode.length] ? `&#${hex ? `x${char.charCodeAt(0).toString(16)}` : char.charCodeAt(0)};` : char)).join(''),
        );
        const xml = roleValues.reduce((text, value, index) => text.replace(value, encoded[index] ?? value), validXml);
        expect(outcome(xml)).toEqual(expectedOutcome);
      }),
      bounded,
    );
  });
});

const partition = fc.constantFrom('aws', 'aws-us-gov', 'aws-cn');
const account = fc.oneof(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^0{1,11}$/).chain((zeros) => fc.stringMatching(new RegExp(`^\\d{${12 - zeros.length}}$`)).map((rest) => zeros + rest)));
const name = fc.stringMatching(/^[\w+=.@-]{1,20}$/);
const generatedRole = fc.record({ partition, account, path: fc.array(name, { maxLength: 2 }), roleName: name, provider: fc.stringMatching(/^[\w.-]{1,30}$/) });
const spacing = fc.stringMatching(/^[ \t\n]{0,3}$/);

describe('readSamlResponse round-trips generated role lists', () => {
  it('returns each distinct role once, in first-seen order, whatever the value order, spacing and duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(generatedRole, { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), spacing, spacing, spacing), { minLength: 1, maxLength: 16 }),
        (roles, picks) => {
          const chosen = picks.map(([index, providerFirst, before, middle, after]) => {
            const role = roles[index % roles.length] ?? roles[0];
            if (role === undefined) throw new Error('no role');
            const roleArn = `arn:${role.partition}:iam::${role.account}:role/${[...role.path, role.roleName].join('/')}`;
            const principalArn = `arn:${role.partition}:iam::${role.account}:saml-provider/${role.provider}`;
            const [first, second] = providerFirst ? [principalArn, roleArn] : [roleArn, principalArn];
            return { pair: `${roleArn},${principalArn}`, value: `${before}${first}${middle},${middle}${second}${after}`, role };
          });
          const expected = [...new Set(chosen.map((entry) => entry.pair))];
          const { facts } = readSamlResponse(toBase64(buildSamlResponseXml({ roleValues: chosen.map((entry) => entry.value), roleSessionName: 'alice' })));
          expect(facts.roles.map((role) => `${role.roleArn},${role.principalArn}`)).toEqual(expected);
          expect(facts.skippedRoleValues).toBe(0);
          for (const role of facts.roles) {
            const source = chosen.find((entry) => entry.pair === `${role.roleArn},${role.principalArn}`)?.role;
            expect(role.accountId).toBe(source?.account);
            expect(role.roleName).toBe(source?.roleName);
            expect(role.partition).toBe(source?.partition);
          }
        },
      ),
      bounded,
    );
  });
});
