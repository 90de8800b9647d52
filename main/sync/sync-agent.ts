// The sync agent: drains the outbox to the platform and keeps the kiosk's heartbeat and catalog up to date (see
// README.md here). Three lanes — transactions, uploads, heartbeats — each with at most one request in flight, share
// one client, one circuit breaker and one status. Everything time-based runs on the injected clock.
import type { Logger } from 'pino';
import type { DeviceSummary, HeartbeatAnswer, PushRefusal, TerminalCredentials } from '../../contracts/sync-api';
import type { StaffAuditSource } from '../maintenance/staff-audit-log';
import type { SearchCountSource } from '../search-stats/search-count-log';
import { AgentContext, type SyncOutbox } from './agent-context';
import { type StoredCatalog, readCatalogFile } from './catalog-file';
import { CircuitBreaker } from './circuit-breaker';
import { type Clock, systemClock } from './clock';
import { HeartbeatLane } from './heartbeat-lane';
import { Lane, type LaneStep } from './lane';
import { SyncClient } from './sync-client';
import { type ConnectionState, type StatusListener, type SyncStatus, statusKey } from './sync-status';
import { type SyncTuning, resolveTuning } from './sync-tuning';
import { TransactionLane } from './transaction-lane';
import { UploadLane } from './upload-lane';

export interface SyncAgentOptions {
  outbox: SyncOutbox;
  credentials: TerminalCredentials;
  /** The platform's base URL (kiosk configuration, or the credentials' `platformUrl`). */
  platformUrl: string;
  /** The kiosk's data directory: the last good catalog is kept in its `catalog/` folder. */
  dataDir: string;
  /** The devices' state for heartbeats; called once per heartbeat. */
  deviceSummary: () => DeviceSummary[];
  versions: { app: string; config?: string; os?: string; shell?: string };
  /** Staff actions the heartbeats report (main/maintenance/staff-audit-log.ts). */
  staffActions?: StaffAuditSource;
  /** Hot-search day totals the heartbeats report (main/search-stats/search-count-log.ts). */
  searchCounts?: SearchCountSource;
  /** The pushed settings the terminal refuses now; the heartbeats report it (main/settings/pushed-settings.ts). */
  settingsRefusal?: () => PushRefusal | null;
  /** The system clock by default; tests pass a simulated one. Must be the clock the outbox was opened with. */
  clock?: Clock;
  /** Uniform in [0, 1) for backoff jitter; Math.random by default. */
  random?: () => number;
  logger: Logger;
  tuning?: Partial<SyncTuning>;
}

/** What the composition root, the UI and staff get. */
export interface SyncAgentHandle {
  status(): SyncStatus;
  /** Called on changes of connection, breaker, last error, catalog, heartbeat; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void;
  /** The catalog in use (the last good one), or null when none was ever fetched. */
  catalog(): StoredCatalog | null;
  /** Called with each newly fetched and stored catalog; returns the unsubscribe function. */
  onCatalog(listener: (catalog: StoredCatalog) => void): () => void;
  /** Called with every heartbeat answer (pending commands, settings ETag); returns the unsubscribe function. */
  onHeartbeatAnswer(listener: (answer: HeartbeatAnswer) => void): () => void;
  /** Look for new transactions now (call after an accept). Does not bypass a backoff or an open breaker. */
  syncNow(): void;
  /** Send a heartbeat now (staff's "sync now"); like syncNow, within the backoff and the breaker. */
  heartbeatNow(): void;
  /** Resolves when no request is in flight and every lane waits for a time or for work. */
  idle(): Promise<void>;
  /** Stops the lanes, abandons requests in flight, and returns every transaction in hand to the outbox. */
  stop(): Promise<void>;
}

export class SyncAgent implements SyncAgentHandle {
  readonly #ctx: AgentContext;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #transactions: TransactionLane;
  readonly #uploads: UploadLane;
  readonly #heartbeats: HeartbeatLane;
  readonly #lanes: { transactions: Lane; uploads: Lane[]; heartbeats: Lane };
  readonly #statusListeners = new Set<StatusListener>();
  readonly #catalogListeners = new Set<(catalog: StoredCatalog) => void>();
  readonly #answerListeners = new Set<(answer: HeartbeatAnswer) => void>();
  #idleWaiters: (() => void)[] = [];
  #firstHeartbeatDone = false;
  #stopped = false;
  #anyAnswer = false;
  #lastSuccessAt: number | null = null;
  #lastError: { at: number; message: string } | null = null;
  #lastHeartbeatAt: number | null = null;
  #acknowledged = 0;
  #rejected = 0;
  #lastKey = '';
  #lastConnection: ConnectionState = 'starting';

  private constructor(options: SyncAgentOptions, catalog: StoredCatalog | undefined) {
    const clock = options.clock ?? systemClock;
    const tuning = resolveTuning(options.tuning);
    const random = options.random ?? Math.random;
    this.#clock = clock;
    this.#logger = options.logger;
    this.#ctx = new AgentContext({
      outbox: options.outbox,
      client: new SyncClient({ platformUrl: options.platformUrl, credentials: options.credentials, clock, requestTimeoutMs: tuning.requestTimeoutMs }),
      breaker: new CircuitBreaker({ failureThreshold: tuning.failureThreshold, backoff: tuning.backoff, random }),
      clock,
      random,
      tuning,
      logger: options.logger,
      events: {
        succeeded: (recovered) => {
          this.#anyAnswer = true;
          this.#lastSuccessAt = clock.now();
          this.#touch();
          // The breaker has just closed: lanes waiting out the backoff or the probe's outcome go now.
          if (recovered) this.#wakeAll();
        },
        failed: (message) => {
          this.#anyAnswer = true;
          this.#lastError = { at: clock.now(), message };
          this.#touch();
          // Lanes waiting for a probe's outcome learn the new backoff and park until then.
          this.#wakeAll();
        },
        problem: (message) => {
          this.#lastError = { at: clock.now(), message };
          this.#touch();
        },
        acknowledged: () => this.#acknowledged++,
        rejected: () => {
          this.#rejected++;
          this.#touch();
        },
        wakeTransactions: () => this.#lanes.transactions.wake(),
        wakeUploads: () => this.#lanes.uploads.forEach((l) => l.wake()),
      },
    });
    this.#uploads = new UploadLane(this.#ctx, (item) => {
      this.#transactions.resubmit(item);
      this.#lanes.transactions.wake();
    });
    this.#transactions = new TransactionLane(this.#ctx, this.#uploads);
    this.#heartbeats = new HeartbeatLane(
      this.#ctx,
      {
        dataDir: options.dataDir,
        catalogPublicKey: options.credentials.catalogPublicKey,
        deviceSummary: options.deviceSummary,
        versions: options.versions,
        ...(options.staffActions ? { staffActions: options.staffActions } : {}),
        ...(options.searchCounts ? { searchCounts: options.searchCounts } : {}),
        ...(options.settingsRefusal ? { settingsRefusal: options.settingsRefusal } : {}),
        startedAt: clock.now(),
        onHeartbeat: (at) => {
          this.#lastHeartbeatAt = at;
          this.#touch();
        },
        onCatalog: (stored) => {
          this.#touch();
          for (const listener of this.#catalogListeners) this.#call(() => listener(stored));
        },
        onAnswer: (answer) => {
          for (const listener of this.#answerListeners) this.#call(() => listener(answer));
        },
      },
      catalog,
    );
    const lane = (name: string, step: () => Promise<LaneStep>) =>
      new Lane({
        clock,
        step,
        errorDelayMs: tuning.pollIntervalMs,
        onError: (error) => {
          this.#logger.error({ err: error, lane: name }, 'sync lane step failed');
          this.#ctx.events.problem(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        },
        onParkedChange: () => this.#checkIdle(),
      });
    this.#lanes = {
      transactions: lane('transactions', () => this.#transactions.step()),
      uploads: Array.from({ length: tuning.uploadsInFlight }, () => lane('uploads', () => this.#uploads.step())),
      heartbeats: lane('heartbeats', async () => {
        const step = await this.#heartbeats.step();
        // The first heartbeat goes alone: it learns the platform's clock before the other lanes sign anything.
        if (!this.#firstHeartbeatDone) {
          this.#firstHeartbeatDone = true;
          this.#lanes.transactions.start();
          for (const upload of this.#lanes.uploads) upload.start();
        }
        return step;
      }),
    };
  }

  /** Loads the last good catalog and starts the lanes (the first heartbeat first). */
  static async start(options: SyncAgentOptions): Promise<SyncAgent> {
    const stored = await readCatalogFile(options.dataDir, options.credentials.catalogPublicKey);
    if (!stored.ok && stored.reason === 'invalid') options.logger.warn({ detail: stored.message }, 'stored catalog unusable; fetching afresh');
    const agent = new SyncAgent(options, stored.ok ? stored.catalog : undefined);
    agent.#lanes.heartbeats.start();
    return agent;
  }

  status(): SyncStatus {
    return { ...this.#core(), queue: this.#queue() };
  }

  /** The status without the queue figures (which cost a query). */
  #core(): Omit<SyncStatus, 'queue'> {
    const breaker = this.#ctx.breaker;
    const notBefore = breaker.notBefore;
    const catalog = this.#heartbeats.catalog;
    return {
      connection: this.#connection(),
      breaker: breaker.state(),
      consecutiveFailures: breaker.consecutiveFailures,
      nextAttemptAt: notBefore > this.#clock.now() ? notBefore : null,
      lastSuccessAt: this.#lastSuccessAt,
      lastError: this.#lastError,
      clockOffsetMs: this.#ctx.client.clockOffsetMs,
      acknowledged: this.#acknowledged,
      rejected: this.#rejected,
      uploadsPending: this.#uploads.pending,
      lastHeartbeatAt: this.#lastHeartbeatAt,
      catalog: catalog ? { version: catalog.version, etag: catalog.etag, fetchedAt: catalog.fetchedAt } : null,
    };
  }

  onStatus(listener: StatusListener): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  catalog(): StoredCatalog | null {
    return this.#heartbeats.catalog ?? null;
  }

  onCatalog(listener: (catalog: StoredCatalog) => void): () => void {
    this.#catalogListeners.add(listener);
    return () => this.#catalogListeners.delete(listener);
  }

  onHeartbeatAnswer(listener: (answer: HeartbeatAnswer) => void): () => void {
    this.#answerListeners.add(listener);
    return () => this.#answerListeners.delete(listener);
  }

  syncNow(): void {
    if (!this.#firstHeartbeatDone) return;
    this.#ctx.events.wakeTransactions();
    this.#ctx.events.wakeUploads();
  }

  heartbeatNow(): void {
    this.#heartbeats.dueNow();
    this.#lanes.heartbeats.wake();
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#checkIdle();
    });
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const lanes = this.#allLanes();
    const stopping = Promise.all(lanes.map((l) => l.stop()));
    // Requests in flight end at once with a `closed` failure; their steps put their transactions back.
    this.#ctx.client.close();
    await stopping;
    for (const item of [...this.#transactions.drain(), ...this.#uploads.drain()]) {
      this.#ctx.retry(item.transaction, 'the sync agent stopped', this.#clock.now());
    }
    this.#logger.info({ acknowledged: this.#acknowledged }, 'sync agent stopped');
    this.#touch();
  }

  #connection(): ConnectionState {
    if (this.#stopped) return 'stopped';
    if (!this.#anyAnswer) return 'starting';
    const breaker = this.#ctx.breaker;
    if (breaker.consecutiveFailures === 0) return 'online';
    return breaker.state() === 'closed' ? 'backoff' : 'offline';
  }

  #queue(): SyncStatus['queue'] {
    try {
      const stats = this.#ctx.outbox.stats();
      return { depth: stats.depth, oldestPendingAgeMs: stats.oldestPendingAgeMs, needsAttention: stats.byState.needsAttention };
    } catch {
      // The outbox is closed (shutdown): no figures rather than an exception in a status read.
      return { depth: 0, oldestPendingAgeMs: null, needsAttention: 0 };
    }
  }

  #wakeAll(): void {
    if (this.#stopped || !this.#firstHeartbeatDone) return;
    for (const lane of this.#allLanes()) lane.wake();
  }

  /** Tells listeners when something worth an event changed; logs connection changes. */
  #touch(): void {
    const core = this.#core();
    if (core.connection !== this.#lastConnection) {
      this.#logger.info({ from: this.#lastConnection, to: core.connection }, 'platform connection');
      this.#lastConnection = core.connection;
    }
    const key = statusKey(core);
    if (key === this.#lastKey || this.#statusListeners.size === 0) return;
    this.#lastKey = key;
    const status = { ...core, queue: this.#queue() };
    for (const listener of this.#statusListeners) this.#call(() => listener(status));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#logger.error({ err: error }, 'sync status listener failed');
    }
  }

  #allLanes(): Lane[] {
    return [this.#lanes.transactions, ...this.#lanes.uploads, this.#lanes.heartbeats];
  }

  #checkIdle(): void {
    const started = this.#firstHeartbeatDone || this.#stopped;
    if (!started || !this.#allLanes().every((l) => l.parked)) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

/** The factory for the composition root. */
export function startSyncAgent(options: SyncAgentOptions): Promise<SyncAgentHandle> {
  return SyncAgent.start(options);
}
