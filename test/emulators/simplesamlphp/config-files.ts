import type { PhpValue } from './php-literal.js';
import { phpLiteral } from './php-literal.js';

/** A person SimpleSAMLphp's `exampleauth:UserPass` source lets in, with the AWS attributes it releases. */
export interface SimpleSamlPhpUser {
  readonly username: string;
  readonly password: string;
  /** Values of the AWS Role attribute: `role-arn,provider-arn`. */
  readonly roles: readonly string[];
  readonly sessionDuration?: number;
}

/** Everything the generated configuration depends on; paths are absolute, inside the harness's temp dir. */
export interface SimpleSamlPhpLayout {
  readonly baseUrl: string;
  readonly acsUrl: string;
  readonly users: readonly SimpleSamlPhpUser[];
  readonly secretSalt: string;
  readonly adminPassword: string;
  readonly certDir: string;
  readonly metadataDir: string;
  readonly sessionDir: string;
  readonly logDir: string;
  readonly dataDir: string;
  readonly tempDir: string;
}

/** The SP entity ID AWS uses for SAML federation (its audience). */
export const awsSpEntityId = 'urn:amazon:webservices';

const attribute = {
  role: 'https://aws.amazon.com/SAML/Attributes/Role',
  roleSessionName: 'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
  sessionDuration: 'https://aws.amazon.com/SAML/Attributes/SessionDuration',
} as const;

const rsaSha256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const persistentNameId = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const uriNameFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
/** Name of the authsource; the hosted IdP refers to it. */
const authSourceName = 'aws-users';

/** The files of a SIMPLESAMLPHP_CONFIG_DIR (relative path → PHP source) for an IdP with one SP: AWS. */
export function simpleSamlPhpConfigFiles(layout: SimpleSamlPhpLayout): ReadonlyMap<string, string> {
  return new Map([
    ['config.php', phpFile('config', mainConfig(layout))],
    ['authsources.php', phpFile('config', authSources(layout.users))],
    ['metadata/saml20-idp-hosted.php', phpMetadata('__DYNAMIC:1__', hostedIdp())],
    ['metadata/saml20-sp-remote.php', phpMetadata(awsSpEntityId, awsSp(layout.acsUrl))],
  ]);
}

function mainConfig(layout: SimpleSamlPhpLayout): PhpValue {
  return {
    baseurlpath: layout.baseUrl.endsWith('/') ? layout.baseUrl : `${layout.baseUrl}/`,
    certdir: withSlash(layout.certDir),
    loggingdir: withSlash(layout.logDir),
    datadir: withSlash(layout.dataDir),
    tempdir: layout.tempDir,
    metadatadir: withSlash(layout.metadataDir),
    secretsalt: layout.secretSalt,
    'auth.adminpassword': layout.adminPassword,
    'admin.protectindexpage': true,
    'admin.protectmetadata': false,
    'admin.checkforupdates': false,
    'enable.saml20-idp': true,
    'enable.shib13-idp': false,
    'module.enable': { exampleauth: true, core: true, saml: true },
    'metadata.sources': [{ type: 'flatfile' }],
    'store.type': 'phpsession',
    'session.phpsession.savepath': layout.sessionDir,
    'session.phpsession.httponly': true,
    // Plain http on 127.0.0.1: a Secure or SameSite=None cookie would never come back.
    'session.cookie.secure': false,
    'session.cookie.samesite': 'Lax',
    'language.cookie.secure': false,
    'language.cookie.samesite': 'Lax',
    'logging.handler': 'file',
    'logging.logfile': 'simplesamlphp.log',
    // 5 = LOG_NOTICE: enough to diagnose a failure; DEBUG would log whole assertions.
    'logging.level': 5,
    debug: { saml: false, backtraces: true, validatexml: false },
    showerrors: true,
    errorreporting: false,
    production: true,
    timezone: 'UTC',
    'theme.use': 'default',
  };
}

function authSources(users: readonly SimpleSamlPhpUser[]): PhpValue {
  const userEntries: Record<string, PhpValue> = {};
  for (const user of users) {
    if (user.username.includes(':')) throw new Error(`SimpleSAMLphp user names cannot contain ":" (${user.username}).`);
    userEntries[`${user.username}:${user.password}`] = {
      uid: [user.username],
      [attribute.role]: [...user.roles],
      [attribute.roleSessionName]: [user.username],
      ...(user.sessionDuration === undefined ? {} : { [attribute.sessionDuration]: [String(user.sessionDuration)] }),
    };
  }
  return {
    admin: ['core:AdminPassword'],
    [authSourceName]: { 0: 'exampleauth:UserPass', ...userEntries },
  };
}

function hostedIdp(): PhpValue {
  return {
    host: '__DEFAULT__',
    privatekey: 'idp.key',
    certificate: 'idp.crt',
    auth: authSourceName,
    'signature.algorithm': rsaSha256,
    'attributes.NameFormat': uriNameFormat,
  };
}

function awsSp(acsUrl: string): PhpValue {
  return {
    AssertionConsumerService: acsUrl,
    NameIDFormat: persistentNameId,
    'simplesaml.nameidattribute': 'uid',
    'attributes.NameFormat': uriNameFormat,
    attributes: [attribute.role, attribute.roleSessionName, attribute.sessionDuration],
    'saml20.sign.response': true,
    'saml20.sign.assertion': true,
    'signature.algorithm': rsaSha256,
  };
}

function phpFile(variable: string, value: PhpValue): string {
  return `<?php\n// Generated by the Atlas SSO test harness; rewritten on every start.\n$${variable} = ${phpLiteral(value)};\n`;
}

function phpMetadata(entityId: string, value: PhpValue): string {
  return `<?php\n// Generated by the Atlas SSO test harness; rewritten on every start.\n$metadata[${phpLiteral(entityId)}] = ${phpLiteral(value)};\n`;
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
