// The citizen's services behind KioskApi (session, identity, materials, transaction) and the simulation controls,
// built from the kiosk's devices and outbox. The composition root merges `handlers` into the KioskApi server and
// calls `close()` at shutdown, before closing the devices and the outbox.
import path from 'node:path';
import type { CommandName } from '../../contracts/kiosk-api';
import type { SimulationHub } from '../../drivers/simulation/simulator-control';
import { catalogGet } from '../api/handlers/catalog-get';
import { catalogGetItem } from '../api/handlers/catalog-get-item';
import { identityReadCard } from '../api/handlers/identity-read-card';
import { materialsRemove } from '../api/handlers/materials-remove';
import { materialsScan } from '../api/handlers/materials-scan';
import { sessionEnd } from '../api/handlers/session-end';
import { sessionStart } from '../api/handlers/session-start';
import { simulationList } from '../api/handlers/simulation-list';
import { simulationRun } from '../api/handlers/simulation-run';
import { transactionSubmit } from '../api/handlers/transaction-submit';
import { transactionResult } from '../api/handlers/transaction-result';
import type { KioskApiHandlers } from '../api/kiosk-api-server';
import type { KioskDevices } from '../composition/create-devices';
import type { PersonalValues } from '../logging/personal-values';
import type { Outbox } from '../outbox/outbox';
import type { SyncClient } from '../sync/sync-client';
import { CatalogService, type CatalogSource } from './catalog-service';
import { IdentityService } from './identity-service';
import { MaterialsService } from './materials-service';
import type { ServiceLogger } from './service-logger';
import { SessionStore } from './session-store';
import { TransactionService } from './transaction-service';

/** The platform as the citizen's services reach it: one typed request per sync API endpoint. */
export type PlatformOnline = Pick<SyncClient, 'request'>;

export const citizenCommands = [
  'session.start',
  'session.end',
  'identity.readCard',
  'materials.scan',
  'materials.remove',
  'transaction.submit',
  'transaction.result',
  'simulation.list',
  'simulation.run',
  'catalog.get',
  'catalog.getItem',
  'identity.compareFace',
  'identity.readQr',
  'catalog.getForm',
  'form.prefill',
  'suggestions.get',
  'materials.thumbnail',
  'print.receipt',
  'print.certificate',
  'progress.query',
  'rating.submit',
] as const satisfies readonly CommandName[];
export type CitizenCommand = (typeof citizenCommands)[number];

export interface CitizenServicesOptions {
  devices: Pick<KioskDevices, 'idCardReader' | 'scanner'>;
  hub: SimulationHub;
  outbox: Pick<Outbox, 'accept' | 'get'>;
  /** The configuration's `terminal.id`, stamped on every transaction. */
  terminalId: string;
  logger: ServiceLogger;
  /**
   * Where sessions keep their scanned pages until submit or wipe: `<dataDir>/sessions`. Emptied at start (leftovers of
   * a crash are personal data).
   */
  sessionsDir: string;
  /** The logger's PersonalValues: the cards of open sessions are kept out of log lines. */
  personalValues?: PersonalValues;
  /**
   * The catalog in use: the sync agent (`platform.agent`). Without it the kiosk offers an empty catalog and
   * `catalog.get` answers `version: null`.
   */
  catalog?: CatalogSource;
  /**
   * The platform for requests a citizen waits on (face comparison, QR identity, prefill, suggestions, progress);
   * without it those answer `offline`.
   */
  platform?: PlatformOnline;
  /** Milliseconds since the epoch; tests inject one. */
  now?: () => number;
  /** See SessionStoreOptions. */
  sessionIdleMs?: number;
  maxSessions?: number;
}

export interface CitizenServices {
  handlers: Pick<KioskApiHandlers, CitizenCommand>;
  /** The catalog in use; `catalog.onChange` is what the composition root turns into the `catalog.changed` event. */
  catalog: CatalogService;
  /** Ends (wipes) every open session; waits for a submit being stored. */
  close(): Promise<void>;
}

export async function createCitizenServices(options: CitizenServicesOptions): Promise<CitizenServices> {
  const { logger } = options;
  const sessions = await SessionStore.open({
    dir: path.resolve(options.sessionsDir),
    logger,
    now: options.now,
    idleMs: options.sessionIdleMs,
    maxSessions: options.maxSessions,
    personalValues: options.personalValues,
  });
  const identity = new IdentityService({ sessions, reader: options.devices.idCardReader, logger });
  const materials = new MaterialsService({ sessions, scanner: options.devices.scanner, logger });
  const catalog = new CatalogService({ source: options.catalog, logger });
  const transactions = new TransactionService({ sessions, outbox: options.outbox, terminalId: options.terminalId, logger });
  return {
    handlers: {
      'session.start': sessionStart(sessions),
      'session.end': sessionEnd(sessions),
      'identity.readCard': identityReadCard(identity),
      'materials.scan': materialsScan(materials),
      'materials.remove': materialsRemove(materials),
      'transaction.submit': transactionSubmit(transactions),
      'transaction.result': transactionResult(options.outbox),
      'simulation.list': simulationList(options.hub),
      'simulation.run': simulationRun(options.hub),
      'catalog.get': catalogGet(catalog),
      'catalog.getItem': catalogGetItem(catalog),
      // TEMPORARY (each replaced by its handler before this branch lands).
      'identity.compareFace': underConstruction,
      'identity.readQr': underConstruction,
      'catalog.getForm': underConstruction,
      'form.prefill': underConstruction,
      'suggestions.get': underConstruction,
      'materials.thumbnail': underConstruction,
      'print.receipt': underConstruction,
      'print.certificate': underConstruction,
      'progress.query': underConstruction,
      'rating.submit': underConstruction,
    },
    catalog,
    close: async () => {
      catalog.close();
      await sessions.close();
    },
  };
}

// TEMPORARY: removed with the last handler above.
function underConstruction(): never {
  throw new Error('not built yet');
}
