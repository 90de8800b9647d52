import { useEffect, useState } from 'react';
import type { ScreenLock } from '../../contracts/remote-screen';
import { useKioskApi } from '../api/kiosk-api-context';

/** The remote lock: asked once, then kept current by `screen.lockChanged`. Unknown (still asking): undefined. */
export function useScreenLock(): ScreenLock | undefined {
  const api = useKioskApi();
  const [lock, setLock] = useState<ScreenLock>();
  useEffect(() => {
    let pushed = false;
    const stop = api.on('screen.lockChanged', (next) => {
      pushed = true;
      setLock(next);
    });
    api.invoke('screen.getLock', {}).then(
      (answer) => !pushed && setLock(answer),
      () => undefined,
    );
    return stop;
  }, [api]);
  return lock;
}
