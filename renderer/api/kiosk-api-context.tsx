import { createContext, useContext } from 'react';
import type { KioskApiClient } from '../../contracts/kiosk-api-client';

const KioskApiContext = createContext<KioskApiClient | undefined>(undefined);

export const KioskApiProvider = KioskApiContext.Provider;

export function useKioskApi(): KioskApiClient {
  const client = useContext(KioskApiContext);
  if (!client) throw new Error('useKioskApi outside KioskApiProvider');
  return client;
}
