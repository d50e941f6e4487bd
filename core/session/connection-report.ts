import type { ConnectionReport } from '../mongodb/test-connection.js';

export interface ConnectionOutcome {
  /** `host[:port]` of the cluster, as the connection string names it. */
  readonly cluster: string;
  readonly report: ConnectionReport;
  /** When the keys that opened it stop working. */
  readonly expiration: Date;
}

/** The stable JSON shape of `atlas-sso test-connection --json`, for scripts. */
export interface ConnectionReportJson {
  readonly ok: true;
  readonly cluster: string;
  readonly user: string;
  readonly roles: readonly { readonly role: string; readonly db: string }[];
  readonly latencyMs: number;
  readonly databases: readonly string[];
  readonly serverVersion: string;
  readonly expiration: string;
}

/** Latency to a tenth of a millisecond: finer is noise, coarser hides a local cluster's speed. */
function roundedLatency(latencyMs: number): number {
  return Math.round(latencyMs * 10) / 10;
}

export function connectionReportJson({ cluster, report, expiration }: ConnectionOutcome): ConnectionReportJson {
  return {
    ok: true,
    cluster,
    user: report.user,
    roles: report.roles.map(({ role, db }) => ({ role, db })),
    latencyMs: roundedLatency(report.latencyMs),
    databases: report.databases,
    serverVersion: report.serverVersion,
    expiration: expiration.toISOString(),
  };
}

/** The outcome for people: who Atlas says we are, how fast it answers, and what we may see. */
export function connectionReportText({ cluster, report, expiration }: ConnectionOutcome): string {
  const list = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));
  return [
    `Connected to ${cluster} (MongoDB ${report.serverVersion}).`,
    `Signed in as: ${report.user}`,
    `Roles:        ${list(report.roles.map(({ role, db }) => `${role}@${db}`))}`,
    `Latency:      ${roundedLatency(report.latencyMs).toFixed(1)} ms`,
    `Databases:    ${list(report.databases)}`,
    `Keys valid until ${expiration.toISOString()}.`,
    '',
  ].join('\n');
}
