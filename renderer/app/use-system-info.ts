import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';

export type Connection = { state: 'connecting' } | { state: 'connected'; info: SystemInfo } | { state: 'disconnected' };

/** Asks the Node side who this kiosk is; retries, because the page may come up before the service does. */
export function useSystemInfo(retryMs = 3_000): Connection {
  const api = useKioskApi();
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      api.invoke('system.getInfo', {}).then(
        (info) => !stopped && setConnection({ state: 'connected', info }),
        () => {
          if (stopped) return;
          setConnection({ state: 'disconnected' });
          timer = setTimeout(attempt, retryMs);
        },
      );
    };
    attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, retryMs]);
  return connection;
}
