// The heartbeats lane: every interval, the terminal's health (device summary), queue (depth, age of the oldest
// pending transaction, how many need attention) and versions. The answer carries the platform's clock (the client
// corrects its signing clock by it) and the ETag of the catalog in force; when that differs from the stored
// catalog's, the catalog is fetched (If-None-Match), its signature and schema checked, and stored atomically. A failed
// fetch or a refused catalog keeps the last good one, and the heartbeats report the refusal (with the settings')
// until a good one is taken.
import { DeviceSummary, type HeartbeatAnswer, type HeartbeatRequest, type PushRefusal } from '../../contracts/sync-api';
import { maxStaffActionsPerHeartbeat } from '../../contracts/staff-audit';
import type { StaffAuditSource } from '../maintenance/staff-audit-log';
import { maxSearchCountsPerHeartbeat } from '../../contracts/search-counts';
import type { SearchCountSource } from '../search-stats/search-count-log';
import type { AgentContext } from './agent-context';
import { type StoredCatalog, checkCatalog, writeCatalogFile } from './catalog-file';
import { classifyFailure, describeFailure } from './failures';
import type { LaneStep } from './lane';

/** The contract's limit on devices in one heartbeat. */
const MAX_DEVICES = 50;

export interface HeartbeatSources {
  dataDir: string;
  /** Verifies catalog signatures (TerminalCredentials.catalogPublicKey). */
  catalogPublicKey: string | undefined;
  deviceSummary: () => DeviceSummary[];
  versions: { app: string; config?: string; os?: string; shell?: string };
  startedAt: number;
  onHeartbeat: (at: number) => void;
  onCatalog: (catalog: StoredCatalog) => void;
  /** Every heartbeat answer: pending remote commands and the settings' ETag (main/commands, main/settings). */
  onAnswer: (answer: HeartbeatAnswer) => void;
  /** Staff actions to report (main/maintenance): read for each heartbeat, confirmed once the platform answered. */
  staffActions?: StaffAuditSource;
  /** Hot-search day totals to report (main/search-stats): read for each heartbeat, confirmed once answered. */
  searchCounts?: SearchCountSource;
  /** The pushed settings the terminal refuses now (main/settings), reported beside a refused catalog. */
  settingsRefusal?: () => PushRefusal | null;
}

/** The contract's limit on a refusal's reason. */
const MAX_REASON = 300;

export class HeartbeatLane {
  readonly #ctx: AgentContext;
  readonly #sources: HeartbeatSources;
  #catalog: StoredCatalog | undefined;
  /** Why the catalog the platform announces is not in use; null when it is. */
  #catalogRefusal: PushRefusal | null = null;
  #nextAt = 0;

  constructor(ctx: AgentContext, sources: HeartbeatSources, stored: StoredCatalog | undefined) {
    this.#ctx = ctx;
    this.#sources = sources;
    this.#catalog = stored;
  }

  get catalog(): StoredCatalog | undefined {
    return this.#catalog;
  }

  async step(): Promise<LaneStep> {
    const ctx = this.#ctx;
    const now = ctx.clock.now();
    if (now < this.#nextAt) return { next: 'at', at: this.#nextAt };
    const gate = ctx.gate();
    if (!gate.ok) return gate.step;
    this.#nextAt = now + ctx.tuning.heartbeatIntervalMs;
    const request = this.#heartbeat(now);
    const result = await ctx.client.heartbeat(request);
    if (!result.ok) {
      const kind = classifyFailure(result.failure);
      if (kind === 'stopped') return { next: 'wake' };
      if (kind === 'outage') ctx.failed(result.failure, 'heartbeat');
      else {
        // A heartbeat the platform refuses is a bug on one side: say so, carry on.
        ctx.succeeded();
        ctx.events.problem(`heartbeat: ${describeFailure(result.failure)}`);
      }
      return { next: 'at', at: this.#nextAt };
    }
    ctx.succeeded();
    const lastReported = request.staffActions?.at(-1);
    if (lastReported) this.#sources.staffActions?.reported(lastReported.seq);
    if (request.searchCounts) this.#sources.searchCounts?.reported(request.searchCounts);
    this.#sources.onHeartbeat(ctx.clock.now());
    this.#sources.onAnswer(result.value);
    const announced = result.value.catalog;
    if (announced && announced.etag !== this.#catalog?.etag) await this.#fetchCatalog();
    else this.#catalogRefusal = null;
    return { next: 'at', at: this.#nextAt };
  }

  #heartbeat(now: number): HeartbeatRequest {
    const ctx = this.#ctx;
    const stats = ctx.outbox.stats();
    return {
      sentAt: new Date(ctx.client.platformNow()).toISOString(),
      versions: { ...this.#sources.versions, catalog: this.#catalog?.version ?? null },
      queue: {
        depth: stats.depth,
        oldestPendingAgeSeconds: stats.oldestPendingAgeMs === null ? null : stats.oldestPendingAgeMs / 1000,
        needsAttention: stats.byState.needsAttention,
      },
      devices: this.#devices(),
      uptimeSeconds: Math.max(0, (now - this.#sources.startedAt) / 1000),
      ...this.#staffActions(),
      ...this.#searchCounts(),
      ...this.#refusals(),
    };
  }

  /** The next heartbeat goes at once (staff asked for a sync). */
  dueNow(): void {
    this.#nextAt = 0;
  }

  #staffActions(): Pick<HeartbeatRequest, 'staffActions'> {
    const actions = this.#sources.staffActions?.unreported(maxStaffActionsPerHeartbeat) ?? [];
    return actions.length > 0 ? { staffActions: actions } : {};
  }

  #searchCounts(): Pick<HeartbeatRequest, 'searchCounts'> {
    const counts = this.#sources.searchCounts?.unreported(maxSearchCountsPerHeartbeat) ?? [];
    return counts.length > 0 ? { searchCounts: counts } : {};
  }

  #refusals(): Pick<HeartbeatRequest, 'refusals'> {
    const settings = this.#sources.settingsRefusal?.() ?? null;
    const catalog = this.#catalogRefusal;
    if (!catalog && !settings) return {};
    return { refusals: { ...(catalog ? { catalog } : {}), ...(settings ? { settings } : {}) } };
  }

  #refuseCatalog(version: string | null, reason: string): void {
    this.#catalogRefusal = { version, at: new Date(this.#ctx.clock.now()).toISOString(), reason: reason.slice(0, MAX_REASON) };
  }

  /** The device summary as the contract takes it: entries that do not fit are left out (and logged), never sent. */
  #devices(): DeviceSummary[] {
    let devices: DeviceSummary[];
    try {
      devices = this.#sources.deviceSummary();
    } catch (error) {
      this.#ctx.logger.error({ err: error }, 'device summary failed; heartbeat sent without devices');
      return [];
    }
    const valid = devices.filter((d) => DeviceSummary.safeParse(d).success);
    if (valid.length < devices.length) this.#ctx.logger.warn({ left: devices.length - valid.length }, 'device summary entries that fail the contract left out of the heartbeat');
    return valid.slice(0, MAX_DEVICES);
  }

  async #fetchCatalog(): Promise<void> {
    const ctx = this.#ctx;
    const gate = ctx.gate();
    if (!gate.ok) return;
    const result = await ctx.client.catalog(this.#catalog?.etag);
    if (!result.ok) {
      const kind = classifyFailure(result.failure);
      if (kind === 'outage') ctx.failed(result.failure, 'catalog fetch');
      else if (kind !== 'stopped') {
        ctx.succeeded();
        ctx.events.problem(`catalog fetch: ${describeFailure(result.failure)}; the last good catalog stays in use`);
        this.#refuseCatalog(null, `catalog fetch: ${describeFailure(result.failure)}`);
      }
      return;
    }
    ctx.succeeded();
    if (!result.value.changed) return;
    const { etag, version, text, signature } = result.value;
    const envelope = { etag, version, fetchedAt: new Date(ctx.clock.now()).toISOString(), signature: signature ?? '', text };
    const checked = checkCatalog(envelope, this.#sources.catalogPublicKey);
    if (!checked.ok) {
      ctx.logger.error({ version, reason: checked.reason }, 'catalog refused; the last good catalog stays in use');
      ctx.events.problem(`catalog ${version} refused: ${checked.reason}; the last good catalog stays in use`);
      this.#refuseCatalog(version, checked.reason);
      return;
    }
    try {
      await writeCatalogFile(this.#sources.dataDir, envelope);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      ctx.logger.error({ code }, 'catalog could not be stored; the last good catalog stays in use');
      ctx.events.problem(`catalog ${version} could not be stored: ${code}`);
      this.#refuseCatalog(version, `could not be stored: ${code}`);
      return;
    }
    this.#catalog = checked.catalog;
    this.#catalogRefusal = null;
    ctx.logger.info({ version, etag }, 'catalog updated');
    this.#sources.onCatalog(checked.catalog);
  }
}
