// The citizen's services behind KioskApi (session, identity, materials, transaction) and the simulation controls,
// built from the kiosk's devices and outbox. The composition root merges `handlers` into the KioskApi server and
// calls `close()` at shutdown, before closing the devices and the outbox.
import path from 'node:path';
import type { CommandName } from '../../contracts/kiosk-api';
import type { SimulationHub } from '../../drivers/simulation/simulator-control';
import { catalogGet } from '../api/handlers/catalog-get';
import { catalogGetForm } from '../api/handlers/catalog-get-form';
import { catalogGetItem } from '../api/handlers/catalog-get-item';
import { formPrefill } from '../api/handlers/form-prefill';
import { progressQuery } from '../api/handlers/progress-query';
import { ratingSubmit } from '../api/handlers/rating-submit';
import { suggestionsGet } from '../api/handlers/suggestions-get';
import { identityCompareFace } from '../api/handlers/identity-compare-face';
import { identityReadCard } from '../api/handlers/identity-read-card';
import { identityReadQr } from '../api/handlers/identity-read-qr';
import { identityCancel } from '../api/handlers/identity-cancel';
import { materialsRemove } from '../api/handlers/materials-remove';
import { materialsScan } from '../api/handlers/materials-scan';
import { materialsThumbnail } from '../api/handlers/materials-thumbnail';
import { printCertificate } from '../api/handlers/print-certificate';
import { printReceipt } from '../api/handlers/print-receipt';
import { sessionEnd } from '../api/handlers/session-end';
import { sessionStart } from '../api/handlers/session-start';
import { simulationList } from '../api/handlers/simulation-list';
import { simulationRun } from '../api/handlers/simulation-run';
import { transactionSubmit } from '../api/handlers/transaction-submit';
import { transactionResult } from '../api/handlers/transaction-result';
import { searchUsed } from '../api/handlers/search-used';
import type { SearchCountLog } from '../search-stats/search-count-log';
import type { KioskApiHandlers } from '../api/kiosk-api-server';
import type { KioskDevices } from '../composition/create-devices';
import type { PersonalValues } from '../logging/personal-values';
import type { Outbox } from '../outbox/outbox';
import type { SyncClient } from '../sync/sync-client';
import { CatalogService, type CatalogSource } from './catalog-service';
import { FaceService } from './face-service';
import { faceComparisonDemoControl } from './face-comparison-demo';
import { IdentityService } from './identity-service';
import { QrIdentityService } from './qr-identity-service';
import { MaterialsService } from './materials-service';
import { ReceiptService } from './receipt-service';
import { CertificateService } from './certificate-service';
import { type CjkFont, findCjkFont } from '../../drivers/document-printer/test-page';
import type { ServiceLogger } from './service-logger';
import { SessionStore } from './session-store';
import { TransactionService } from './transaction-service';
import { PrefillService } from './prefill-service';
import { ProgressService } from './progress-service';
import { RatingService } from './rating-service';
import { SuggestionService } from './suggestion-service';
import { ReceiptQrService } from './receipt-qr-service';
import type { PlatformReachability } from '../sync/platform-reachability';

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
  'identity.cancel',
  'catalog.getForm',
  'form.prefill',
  'suggestions.get',
  'materials.thumbnail',
  'print.receipt',
  'print.certificate',
  'progress.query',
  'rating.submit',
  'progress.readReceiptQr',
  'system.getPlatformStatus',
  'search.used',
] as const satisfies readonly CommandName[];
export type CitizenCommand = (typeof citizenCommands)[number];

export interface CitizenServicesOptions {
  devices: Pick<KioskDevices, 'idCardReader' | 'scanner' | 'barcodeReader' | 'receiptPrinter' | 'documentPrinter'>;
  hub: SimulationHub;
  outbox: Pick<Outbox, 'accept' | 'get'>;
  /** The configuration's `terminal.id`, stamped on every transaction. */
  terminalId: string;
  /** The configuration's `terminal.name`, printed on receipts; the id when absent. */
  terminalName?: string;
  /**
   * The platform's public address, under which receipt QR codes (`/p/<reference>`) and certificate verification
   * pages open on a phone; without it a receipt's QR code holds the bare reference.
   */
  publicBaseUrl?: string;
  /** The CJK font embedded in certificates (the bundled receipt font); the system's Noto CJK when absent. */
  certificateFont?: CjkFont;
  logger: ServiceLogger;
  /**
   * Where sessions keep their scanned pages until submit or wipe: `<dataDir>/sessions`. Emptied at start (leftovers of
   * a crash are personal data).
   */
  sessionsDir: string;
  /** Hot-search counts (main/search-stats); without it `search.used` counts nothing. */
  searchCounts?: Pick<SearchCountLog, 'record'>;
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
  /** Whether the platform is reachable (the sync agent's view), for the screen's offline banner; absent: never. */
  reachability?: Pick<PlatformReachability, 'current'>;
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
  /** How many citizen sessions are open, and when that changes: remote commands run only when none is. */
  sessions: Pick<SessionStore, 'size' | 'onCountChange'>;
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
  const faces = new FaceService({ sessions, platform: options.platform, logger });
  const qrIdentity = new QrIdentityService({ sessions, reader: options.devices.barcodeReader, platform: options.platform, logger });
  // The demo adapter's answers are scripted like a device, on kiosks whose devices are simulated.
  const stopFaceDemo = options.platform && options.hub.list().length > 0 ? options.hub.register(faceComparisonDemoControl(options.platform)) : () => false;
  const materials = new MaterialsService({ sessions, scanner: options.devices.scanner, logger });
  const catalog = new CatalogService({ source: options.catalog, logger });
  const receiptQr = new ReceiptQrService({ reader: options.devices.barcodeReader, logger });
  const startedAt = new Date().toISOString();
  const transactions = new TransactionService({ sessions, outbox: options.outbox, terminalId: options.terminalId, logger });
  const terminal = { id: options.terminalId, name: options.terminalName ?? options.terminalId };
  const itemName = (code: string): string | undefined => catalog.guide(code)?.name ?? catalog.overview().bundles.find((b) => b.code === code)?.name;
  const receipts = new ReceiptService({ sessions, printer: options.devices.receiptPrinter, outbox: options.outbox, itemName, terminal, publicBaseUrl: options.publicBaseUrl, logger });
  const certificates = new CertificateService({
    sessions,
    printer: options.devices.documentPrinter,
    outbox: options.outbox,
    platform: options.platform,
    terminal,
    publicBaseUrl: options.publicBaseUrl,
    font: options.certificateFont ?? findCjkFont(),
    logger,
  });
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
      'identity.compareFace': identityCompareFace(faces),
      'identity.readQr': identityReadQr(qrIdentity),
      'identity.cancel': identityCancel(identity, qrIdentity),
      'catalog.getForm': catalogGetForm(catalog),
      'form.prefill': formPrefill(new PrefillService({ sessions, catalog, platform: options.platform, logger })),
      'suggestions.get': suggestionsGet(new SuggestionService({ sessions, platform: options.platform, logger })),
      'materials.thumbnail': materialsThumbnail(materials),
      'print.receipt': printReceipt(receipts),
      'print.certificate': printCertificate(certificates),
      'progress.query': progressQuery(new ProgressService({ outbox: options.outbox, platform: options.platform, itemName, logger })),
      'rating.submit': ratingSubmit(new RatingService({ outbox: options.outbox, terminalId: options.terminalId, logger, now: options.now })),
      'progress.readReceiptQr': ({ timeoutSeconds }) => receiptQr.read(timeoutSeconds),
      'system.getPlatformStatus': () => options.reachability?.current() ?? { online: false, since: startedAt },
      'search.used': searchUsed(catalog, options.searchCounts, logger),
    },
    catalog,
    sessions,
    close: async () => {
      receiptQr.close();
      catalog.close();
      stopFaceDemo();
      await sessions.close();
    },
  };
}
