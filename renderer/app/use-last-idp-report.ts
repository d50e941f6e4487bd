import { useEffect, useState } from 'react';
import type { IdpReportInfo, SessionState } from '../../core/api.js';

/** "What the IdP sent" of the connection's last sign-in: kept after the role is picked, replaced by the next sign-in. */
export function useLastIdpReport(session: SessionState): IdpReportInfo | undefined {
  const [report, setReport] = useState<IdpReportInfo | undefined>(undefined);
  const latest = session.status === 'roles-ready' ? session.roles.idp : undefined;
  useEffect(() => {
    if (latest !== undefined) setReport(latest);
  }, [latest]);
  return latest ?? report;
}
