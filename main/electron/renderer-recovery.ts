// Brings a failed renderer back. Electron does not: after a crash the window just stays white.
//
// Watches the kiosk window for a dead renderer (render-process-gone), a hung one (unresponsive) and a failed page load
// (did-fail-load), asks RecoveryPolicy what to do, and reloads the app or shows the fallback page. Giving up is
// reported through `onFallback` so the platform can be told; after `retryAppAfterMs` the app is tried again, because
// a kiosk that waits for a person to reboot it is out of service for hours.
import type { RenderProcessGoneDetails, WebContents } from 'electron';
import { appEntryUrl, appOrigin } from './app-origin';
import { fallbackPagePath } from './fallback-page';
import type { RecoveryDecision, RecoveryPolicy } from './recovery-policy';
import type { ShellLogger } from './shell-logger';

export const fallbackPageUrl = `${appOrigin}${fallbackPagePath}`;

export type RendererFailure =
  | { kind: 'render-process-gone'; reason: RenderProcessGoneDetails['reason']; exitCode: number }
  | { kind: 'unresponsive' }
  | { kind: 'did-fail-load'; errorCode: number; errorDescription: string };

export interface FallbackReport {
  /** The failure that made the shell give up. */
  failure: RendererFailure;
  /** Reloads tried within the policy's window before giving up. */
  attempts: number;
  at: string;
}

export interface RendererRecoveryOptions {
  contents: WebContents;
  policy: RecoveryPolicy;
  logger: ShellLogger;
  /** Called each time the shell gives up and shows the fallback page. */
  onFallback?: (report: FallbackReport) => void;
  /** How long the fallback page stays before the app is tried again; null waits for reloadApp(). Default 5 min. */
  retryAppAfterMs?: number | null;
}

/** Chromium's net::ERR_ABORTED: a load replaced by another one (our own loadURL included), not a failure. */
const errAborted = -3;

export class RendererRecovery {
  readonly #contents: WebContents;
  readonly #policy: RecoveryPolicy;
  readonly #logger: ShellLogger;
  readonly #onFallback: (report: FallbackReport) => void;
  readonly #retryAppAfterMs: number | null;
  #pending: { timer: NodeJS.Timeout; failure: RendererFailure } | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  /** Set while we kill a hung renderer ourselves, so its death is not counted as a second failure. */
  #killing = false;
  readonly #detach: () => void;

  constructor(options: RendererRecoveryOptions) {
    this.#contents = options.contents;
    this.#policy = options.policy;
    this.#logger = options.logger;
    this.#onFallback = options.onFallback ?? (() => {});
    this.#retryAppAfterMs = options.retryAppAfterMs === undefined ? 5 * 60_000 : options.retryAppAfterMs;

    const contents = this.#contents;
    const onGone = (_event: unknown, details: RenderProcessGoneDetails) => {
      if (this.#killing && details.reason === 'killed') {
        this.#killing = false;
        return;
      }
      this.#fail({ kind: 'render-process-gone', reason: details.reason, exitCode: details.exitCode });
    };
    const onUnresponsive = () => this.#fail({ kind: 'unresponsive' });
    const onResponsive = () => {
      // A hang that ends before its recovery runs needs no reload.
      if (this.#pending?.failure.kind !== 'unresponsive') return;
      clearTimeout(this.#pending.timer);
      this.#pending = null;
      this.#logger.info({}, 'renderer responsive again; reload cancelled');
    };
    const onFailLoad = (_event: unknown, errorCode: number, errorDescription: string, _url: string, isMainFrame: boolean) => {
      if (!isMainFrame || errorCode === errAborted) return;
      this.#fail({ kind: 'did-fail-load', errorCode, errorDescription });
    };
    const onFinishLoad = () => {
      this.#killing = false;
    };
    const onDestroyed = () => this.dispose();

    contents.on('render-process-gone', onGone);
    contents.on('unresponsive', onUnresponsive);
    contents.on('responsive', onResponsive);
    contents.on('did-fail-load', onFailLoad);
    contents.on('did-finish-load', onFinishLoad);
    contents.once('destroyed', onDestroyed);
    this.#detach = () => {
      contents.off('render-process-gone', onGone);
      contents.off('unresponsive', onUnresponsive);
      contents.off('responsive', onResponsive);
      contents.off('did-fail-load', onFailLoad);
      contents.off('did-finish-load', onFinishLoad);
      contents.off('destroyed', onDestroyed);
    };
  }

  /** Loads the app afresh with a clean failure history: for a reload asked by staff or the platform. */
  reloadApp(): void {
    this.#clearTimers();
    this.#policy.reset();
    this.#logger.info({}, 'loading the app');
    this.#load(appEntryUrl);
  }

  dispose(): void {
    this.#clearTimers();
    this.#detach();
  }

  #fail(failure: RendererFailure): void {
    // Several events often report one incident (a crash mid-load fires two); the scheduled action covers them all.
    if (this.#pending) return;
    const decision = this.#policy.decide();
    this.#logger.warn({ failure, decision }, 'renderer failed');
    const timer = setTimeout(() => {
      this.#pending = null;
      this.#act(decision, failure);
    }, decision.delayMs);
    this.#pending = { timer, failure };
  }

  #act(decision: RecoveryDecision, failure: RendererFailure): void {
    if (this.#contents.isDestroyed()) return;
    if (failure.kind === 'unresponsive') {
      // A hung renderer does not process a reload; kill it so loadURL starts a fresh one.
      this.#killing = true;
      this.#contents.forcefullyCrashRenderer();
    }
    if (decision.action === 'reload') {
      this.#load(appEntryUrl);
      return;
    }
    this.#load(fallbackPageUrl);
    if (!decision.first) return;
    this.#logger.error({ failure, attempts: decision.attempts }, 'renderer recovery gave up; showing the fallback page');
    try {
      this.#onFallback({ failure, attempts: decision.attempts, at: new Date().toISOString() });
    } catch (error) {
      this.#logger.error({ err: error }, 'onFallback failed');
    }
    if (this.#retryAppAfterMs !== null) {
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        this.reloadApp();
      }, this.#retryAppAfterMs);
    }
  }

  #load(url: string): void {
    // A failed load is reported again through did-fail-load, which is where it is handled; the rejection is not.
    this.#contents.loadURL(url).catch(() => {});
  }

  #clearTimers(): void {
    if (this.#pending) clearTimeout(this.#pending.timer);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#pending = null;
    this.#retryTimer = null;
  }
}
