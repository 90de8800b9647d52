import { useEffect, useState } from 'react';
import type { PlatformStatus } from '../../contracts/kiosk-api';
import { useKioskApi } from '../api/kiosk-api-context';

/** Whether the platform is reachable: asked once, then kept current by `platform.statusChanged`. Unknown: undefined. */
export function usePlatformStatus(): PlatformStatus | undefined {
  const api = useKioskApi();
  const [status, setStatus] = useState<PlatformStatus>();
  useEffect(() => {
    let pushed = false;
    const stop = api.on('platform.statusChanged', (next) => {
      pushed = true;
      setStatus(next);
    });
    api.invoke('system.getPlatformStatus', {}).then(
      (answer) => !pushed && setStatus(answer),
      () => undefined,
    );
    return stop;
  }, [api]);
  return status;
}
