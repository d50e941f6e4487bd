import { useEffect, useState } from 'react';
import type { AppInfo, AtlasSsoApi } from '../../core/api.js';

/** What the host says about itself, asked once; null until it answers (or when it cannot), so nothing optional shows early. */
export function useAppInfo(api: AtlasSsoApi): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let current = true;
    void api.getAppInfo({}).then((reply) => {
      if (current && reply.ok) setInfo(reply.value);
    });
    return () => {
      current = false;
    };
  }, [api]);
  return info;
}
