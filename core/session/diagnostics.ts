import type { SessionState } from '../api.js';
import type { Connection, Settings } from '../connections/schema.js';

/** What a support request needs to know: versions, where things are, what is configured, where each session stands. */
export interface DiagnosticFacts {
  readonly appVersion: string;
  readonly host: string;
  readonly platform: string;
  readonly nodeVersion: string;
  readonly connectionsFile: string;
  readonly connections: readonly Connection[];
  readonly settings: Settings;
  readonly sessions: readonly SessionState[];
  /** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL as set, or null. */
  readonly stsEndpointOverride: string | null;
  /** The mongosh found, or why none was. */
  readonly mongosh: string;
  readonly now: Date;
}

/**
 * Plain text to paste into a support request. Built only from facts that hold no secret (no keys, no assertion, no
 * cookie), and URLs are cut to their origin: an IdP's path or an endpoint's query is nobody else's business.
 */
export function diagnosticsText(facts: DiagnosticFacts): string {
  const lines = [
    `Atlas SSO ${facts.appVersion} (${facts.host})`,
    `Platform: ${facts.platform}, Node.js ${facts.nodeVersion}`,
    `Time: ${facts.now.toISOString()}`,
    `Connections file: ${facts.connectionsFile}`,
    `STS endpoint override: ${facts.stsEndpointOverride === null ? 'none' : originOf(facts.stsEndpointOverride)}`,
    `mongosh: ${facts.mongosh}`,
    `Settings: terminal ${facts.settings.terminal ?? 'automatic'}, mongosh ${facts.settings.mongoshPath ?? 'automatic'}, warn ${facts.settings.warnBeforeExpiryMinutes} min before expiry, theme ${facts.settings.theme}`,
    '',
    `Connections (${facts.connections.length}):`,
    ...facts.connections.map((connection) => {
      const session = facts.sessions.find((state) => state.connectionId === connection.id);
      return [
        `- ${connection.id} "${connection.name}": IdP ${originOf(connection.idpUrl)}`,
        `region ${connection.stsRegion ?? 'from the sign-in'}`,
        `${connection.clusters.length} cluster(s)`,
        `login ${connection.loginBrowser ?? 'default'}`,
        `session ${session === undefined ? 'signed-out' : describeSession(session)}`,
      ].join(', ');
    }),
  ];
  return `${lines.join('\n')}\n`;
}

function describeSession(state: SessionState): string {
  switch (state.status) {
    case 'signed-in':
      return `signed in as ${state.session.roleArn} until ${state.session.expiresAt}`;
    case 'signing-in':
      return `signing in (${state.step ?? 'starting'})`;
    case 'roles-ready':
      return `choosing among ${state.roles.groups.reduce((count, group) => count + group.roles.length, 0)} role(s)`;
    case 'assuming':
      return `asking AWS for ${state.roleArn}`;
    case 'signed-out':
      return 'signed out';
  }
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '(not a URL)';
}
