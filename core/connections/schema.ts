import { z } from 'zod';
import { validateProfileName } from '../credentials/profile-name.js';
import { normalizeAtlasConnectionString } from '../mongodb/connection-string.js';
import { connectionStringRule } from './connection-string-rule.js';
import { connectionsFileVersion } from './file-version.js';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const region = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const roleArn = /^arn:(?:aws|aws-us-gov|aws-cn):iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const roleNameWithPath = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const accountId = /^\d{12}$/;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Field names that would mean a secret is being saved; connections hold where to sign in, never what to sign in with. */
const secretLookingKey = /pass(?:word|wd|phrase)?$|secret|token|saml-?response|assertion|credential|access-?key|private-?key|api-?key|cookie/i;

/** True for a field name that looks like it holds a secret (`password`, `aws_secret_access_key`, `SAMLResponse`…). */
export function looksLikeSecretKey(key: string): boolean {
  return secretLookingKey.test(key.replace(/_/g, '-'));
}

const text = (what: string, max: number) =>
  z
    .string({ error: `must be text: ${what}` })
    .trim()
    .min(1, `is empty: give ${what}`)
    .max(max, `is longer than ${max} characters`)
    .refine((value) => !controlCharacter.test(value), 'contains a line break or control character');

/** https anywhere; plain http only on this computer (test IdPs), and never a user name or password in the URL. */
const webUrl = (what: string) =>
  z.string({ error: `must be text: ${what}` }).superRefine((value, context) => {
    if (!URL.canParse(value)) {
      context.addIssue({ code: 'custom', message: `is not a URL: give ${what}, starting with https://` });
      return;
    }
    const url = new URL(value);
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      context.addIssue({ code: 'custom', message: `must start with https:// (plain http is allowed only for 127.0.0.1 or localhost)` });
    }
    if (url.username !== '' || url.password !== '') {
      context.addIssue({ code: 'custom', message: 'holds a user name or password, and connections never hold a secret: remove it from the URL' });
    }
    const secretParameters = secretLookingParameters(url);
    if (secretParameters.length > 0) {
      const names = secretParameters.map((name) => `"${name}"`).join(', ');
      context.addIssue({
        code: 'custom',
        message: `carries ${names}, which looks like a secret, and connections are shared as team files: remove it from the URL (the IdP asks for it when you sign in)`,
      });
    }
  });

/** Short parameter names that carry secrets in URLs, besides the field names looksLikeSecretKey knows. */
const secretUrlParameter = /^(?:key|sig|signature|pwd|pass|otp|session-?id|jwt|auth)$/i;

/** Query (and fragment) parameter names that look like secrets; the values are never read or echoed. */
function secretLookingParameters(url: URL): readonly string[] {
  const fragment = url.hash.includes('=') ? new URLSearchParams(url.hash.slice(1)) : new URLSearchParams();
  const names = [...url.searchParams.keys(), ...fragment.keys()];
  return [...new Set(names.filter((name) => looksLikeSecretKey(name) || secretUrlParameter.test(name.replace(/_/g, '-'))))];
}

const roleArnField = z.string({ error: 'must be text: an IAM role ARN' }).regex(roleArn, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/atlas-dba');

const profileName = z.string({ error: 'must be text: an AWS profile name' }).superRefine((value, context) => {
  try {
    validateProfileName(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
});

/** Stored the way Atlas SSO uses it (MONGODB-AWS, no user); a user, password or session token in it is refused, not dropped. */
const clusterUri = z.string({ error: 'must be text: the connection string from Atlas' }).transform((value, context) => {
  if (/^\s*mongodb(?:\+srv)?:\/\/[^/?#]*@/i.test(value) || /AWS_SESSION_TOKEN/i.test(value)) {
    context.addIssue({ code: 'custom', message: `holds a user name, password or session token. ${connectionStringRule}` });
    return z.NEVER;
  }
  try {
    return normalizeAtlasConnectionString(value).uri;
  } catch (error) {
    context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

/** A role that has a database user on a cluster: its ARN, or its name with or without its path (`team/AtlasReader`). */
const clusterRole = z
  .string({ error: 'must be text: an IAM role ARN or role name' })
  .trim()
  .refine((value) => roleArn.test(value) || roleNameWithPath.test(value), 'must be an IAM role ARN or role name, such as AtlasReader or arn:aws:iam::123456789012:role/AtlasReader');

export const clusterSchema = z
  .strictObject({
    name: text('the cluster a name', 100),
    uri: clusterUri,
    /** The roles that have a database user there: the role picker marks them. Absent: not said. */
    roles: z.array(clusterRole, { error: 'must be a list of role ARNs or names' }).max(100, 'lists more than 100 roles').readonly().optional(),
  })
  .readonly();

export const connectionSchema = z
  .strictObject({
    id: z.string({ error: 'must be text' }).max(64, 'is longer than 64 characters').regex(slug, 'must be lower-case letters, digits and single hyphens, such as "acme-prod"'),
    name: text('the connection a name', 100),
    idpUrl: webUrl("your IdP's sign-in URL for the AWS app"),
    acsUrl: webUrl('the extra ACS URL to capture').optional(),
    stsRegion: z.string({ error: 'must be text: an AWS region' }).regex(region, 'must be an AWS region such as us-east-1').optional(),
    defaultRole: roleArnField.optional(),
    lastRole: roleArnField.optional(),
    durationSeconds: z
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(900, 'must be at least 900 seconds (15 minutes), the least AWS allows')
      .max(43200, 'must be at most 43200 seconds (12 hours), the most AWS allows')
      .optional(),
    profile: profileName.optional(),
    clusters: z
      .array(clusterSchema, { error: 'must be a list of clusters' })
      .superRefine((clusters, context) => {
        for (const name of duplicates(clusters.map((cluster) => cluster.name.toLowerCase()))) {
          context.addIssue({ code: 'custom', message: `names the cluster "${name}" twice: give each cluster its own name` });
        }
      })
      .readonly()
      .default([]),
    accountAliases: z
      .record(z.string().regex(accountId, 'is not an AWS account ID: account IDs are 12 digits, such as "012345678901"'), text('the account a name', 64), {
        error: 'must map 12-digit account IDs to names',
      })
      .readonly()
      .default({}),
    loginBrowser: z.enum(['embedded', 'system'], { error: 'must be "embedded" or "system"' }).optional(),
  })
  .readonly();

export const settingsSchema = z
  .strictObject({
    mongoshPath: text('the path of mongosh', 4096).optional(),
    terminal: text('the terminal to open mongosh in', 4096).optional(),
    /** 0 leaves the clipboard alone. */
    clipboardClearSeconds: z.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(0, 'cannot be negative').max(3600, 'must be at most 3600 seconds (an hour)').default(30),
    warnBeforeExpiryMinutes: z.number({ error: 'must be a number of minutes' }).int('must be a whole number of minutes').min(0, 'cannot be negative').max(720, 'must be at most 720 minutes (12 hours)').default(10),
    theme: z.enum(['system', 'light', 'dark'], { error: 'must be "system", "light" or "dark"' }).default('system'),
  })
  .readonly();

const version = z.literal(connectionsFileVersion, {
  error: (issue) =>
    typeof issue.input === 'number' && issue.input > connectionsFileVersion
      ? `is ${issue.input}: this file was written by a newer Atlas SSO; update Atlas SSO to read it`
      : `must be ${connectionsFileVersion}`,
});

/** Ids and names both find a connection, so neither may repeat. */
function uniqueConnections(connections: readonly { readonly id: string; readonly name: string }[], context: z.RefinementCtx): void {
  for (const id of duplicates(connections.map((connection) => connection.id))) {
    context.addIssue({ code: 'custom', message: `holds two connections with the id "${id}": each needs its own` });
  }
  for (const name of duplicates(connections.map((connection) => connection.name.toLowerCase()))) {
    context.addIssue({ code: 'custom', message: `holds two connections named "${name}": each needs its own name` });
  }
}

/** The whole saved file: connections and settings, versioned. */
export const connectionsFileSchema = z
  .strictObject({
    version,
    connections: z.array(connectionSchema, { error: 'must be a list of connections' }).superRefine(uniqueConnections).readonly().default([]),
    settings: settingsSchema.default(settingsSchema.parse({})),
  })
  .readonly();

/** A connection as shared with a team: everything but the person's own last role. */
export const sharedConnectionSchema = connectionSchema.unwrap().omit({ lastRole: true }).readonly();

/** What an admin shares with a team (and what export writes): connections only, with no one's last role. */
export const teamFileSchema = z
  .strictObject({
    version,
    connections: z.array(sharedConnectionSchema, { error: 'must be a list of connections' }).superRefine(uniqueConnections).readonly(),
  })
  .readonly();

export type Cluster = z.output<typeof clusterSchema>;
export type Connection = z.output<typeof connectionSchema>;
/** A connection as a person or host gives it: optional parts may be left out. */
export type ConnectionInput = z.input<typeof connectionSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type ConnectionsFile = z.output<typeof connectionsFileSchema>;
export type SharedConnection = z.output<typeof sharedConnectionSchema>;
export type TeamFile = z.output<typeof teamFileSchema>;

function duplicates(values: readonly string[]): readonly string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
