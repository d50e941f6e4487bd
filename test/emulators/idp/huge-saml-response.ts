import { parseRoleValue } from '../../../core/aws/role.js';
import type { SamlResponseSpec } from './saml-response.js';
import { buildSamlResponseXml } from './saml-response.js';

/** The largest SAMLResponse STS takes, in base64 characters. */
export const stsSamlLimit = 100_000;

const fallbackProvider = 'arn:aws:iam::123456789012:saml-provider/Filler';
const fillerPrefix = 'filler-';
/** IAM role names are at most 64 characters. */
const maxNameLength = 64;
const minNameLength = fillerPrefix.length + 4;

/**
 * A signed response padded with several hundred extra roles to exactly `limit` base64 characters
 * (the filler roles share the first real role's provider): tests of the 100,000-character boundary.
 */
export function buildHugeSamlResponseBase64(spec: SamlResponseSpec, limit: number = stsSamlLimit): string {
  const targetBytes = Math.floor(limit / 4) * 3;
  const provider = providerOf(spec.roles);
  const bytes = (roles: readonly string[]): number => Buffer.byteLength(buildSamlResponseXml({ ...spec, roles }), 'utf8');
  // Every part of the XML has a fixed length (IDs, times, digests, RSA signatures), so size grows linearly per role.
  const baseBytes = bytes(spec.roles);
  const probe = filler(0, minNameLength, provider);
  const perRoleOverhead = bytes([...spec.roles, probe]) - baseBytes - probe.length;
  const room = targetBytes - baseBytes;
  const minRole = perRoleOverhead + filler(0, minNameLength, provider).length;
  const maxRole = perRoleOverhead + filler(0, maxNameLength, provider).length;
  const count = Math.ceil(room / maxRole);
  if (room < minRole || count * minRole > room) throw new Error(`Cannot pad a SAMLResponse to exactly ${limit} characters.`);
  const share = Math.floor(room / count);
  const longer = room - share * count;
  const fillers = Array.from({ length: count }, (_, index) => {
    const roleBytes = share + (index < longer ? 1 : 0);
    return filler(index, minNameLength + roleBytes - minRole, provider);
  });
  const base64 = Buffer.from(buildSamlResponseXml({ ...spec, roles: [...spec.roles, ...fillers] }), 'utf8').toString('base64');
  if (base64.length > limit) throw new Error(`The padded SAMLResponse came out at ${base64.length} characters, over ${limit}.`);
  return base64;
}

/** A role value whose role name is exactly `nameLength` characters: `filler-0007xxxx…`. */
function filler(index: number, nameLength: number, provider: string): string {
  const account = /::(\d{12}):/.exec(provider)?.[1] ?? '123456789012';
  const partition = /^arn:([\w-]+):/.exec(provider)?.[1] ?? 'aws';
  const name = `${fillerPrefix}${String(index).padStart(4, '0')}`.padEnd(nameLength, 'x');
  return `arn:${partition}:iam::${account}:role/${name},${provider}`;
}

function providerOf(roles: readonly string[]): string {
  for (const value of roles) {
    const role = parseRoleValue(value);
    if (role) return role.principalArn;
  }
  return fallbackProvider;
}
