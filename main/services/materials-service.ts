// Scanning the citizen's materials into their session: pages go to the session's own folder; the one scanner takes
// one scan at a time, so scans of several sessions wait their turn here instead of failing as "busy".
import { mkdir, readFile, rm } from 'node:fs/promises';
import type { ScanErrorCode, ScanResult, ScannedPageInfo } from '../../contracts/kiosk-api';
import type { FailureCode } from '../../contracts/device-model';
import { maxAttachmentBytes } from '../../contracts/sync-api';
import type { ScanFormat, ScanMode, ScannedPage, Scanner } from '../../drivers/scanner/scanner';
import type { CitizenSession } from './citizen-session';
import { pageThumbnail } from './page-thumbnail';
import { SerialQueue } from './serial-queue';
import type { ServiceLogger } from './service-logger';
import type { SessionStore } from './session-store';

/** As many pages as one transaction may carry (the sync API's limit on attachments). */
export const MAX_PAGES_PER_SESSION = 100;

const codeOf: Record<FailureCode, ScanErrorCode> = {
  timeOut: 'timeout',
  canceled: 'canceled',
  deviceNotReady: 'deviceNotReady',
  hardwareError: 'hardwareError',
  userError: 'userError',
  unsupported: 'unsupported',
  invalidData: 'unsupported',
};

const mediaTypes: Record<ScanFormat, string> = { png: 'image/png', jpeg: 'image/jpeg' };

export interface ScanOptions {
  materialCode?: string;
  source?: 'flatbed' | 'feeder';
  resolutionDpi?: number;
  mode?: ScanMode;
  maxPages?: number;
}

export class MaterialsService {
  readonly #sessions: SessionStore;
  readonly #scanner: Pick<Scanner, 'scan'>;
  readonly #logger: ServiceLogger;
  readonly #queue = new SerialQueue();

  constructor(options: { sessions: SessionStore; scanner: Pick<Scanner, 'scan'>; logger: ServiceLogger }) {
    this.#sessions = options.sessions;
    this.#scanner = options.scanner;
    this.#logger = options.logger;
  }

  async scan(sessionId: string, options: ScanOptions): Promise<ScanResult> {
    const session = this.#sessions.get(sessionId);
    if (!session) return fail('noSession', 'no such session (it ended or never started)', []);
    // Only the scan itself is an operation of the session: ending it need not wait for other sessions' scans.
    return this.#queue.run(() =>
      session.ended ? Promise.resolve(fail('canceled', 'the session ended before the scan', [])) : session.track(() => this.#scan(session, options)),
    );
  }

  async #scan(session: CitizenSession, options: ScanOptions): Promise<ScanResult> {
    const room = MAX_PAGES_PER_SESSION - session.pageCount;
    if (room <= 0) return fail('tooManyPages', `a transaction carries at most ${MAX_PAGES_PER_SESSION} pages`, []);
    await mkdir(session.dir, { recursive: true, mode: 0o700 });
    const completion = await this.#scanner.scan({
      directory: session.dir,
      source: options.source,
      resolutionDpi: options.resolutionDpi,
      mode: options.mode,
      maxPages: options.source === 'feeder' ? Math.min(options.maxPages ?? room, room) : undefined,
      signal: session.signal,
    });
    const scanned = completion.code === 'success' ? completion.value : completion.pagesScanned;
    // The wipe waits for this scan, then deletes the folder with these pages in it.
    if (session.ended) return fail('canceled', 'the session ended during the scan', []);
    const kept: ScannedPageInfo[] = [];
    let tooLarge = 0;
    for (const page of scanned) {
      if (page.bytes > maxAttachmentBytes) {
        tooLarge++;
        await rm(page.path, { force: true });
        continue;
      }
      kept.push(this.#keep(session, page, options.materialCode));
    }
    this.#logger.info({ session: session.id, pages: kept.length, result: completion.code }, 'scan finished');
    if (completion.code !== 'success') return fail(codeOf[completion.code], completion.message, kept);
    if (tooLarge > 0) return fail('pageTooLarge', `${tooLarge} page(s) larger than the platform takes were discarded; scan at a lower resolution`, kept);
    return { ok: true, pages: kept };
  }

  #keep(session: CitizenSession, page: ScannedPage, materialCode: string | undefined): ScannedPageInfo {
    const stored = session.addPage({
      path: page.path,
      bytes: page.bytes,
      sha256: page.sha256,
      mediaType: mediaTypes[page.format],
      ...(materialCode ? { materialCode } : {}),
    });
    return { pageId: stored.pageId, bytes: stored.bytes };
  }

  /** One of the session's pages as a small PNG data URL (page-thumbnail.ts); undefined when there is none to show. */
  async thumbnail(sessionId: string, pageId: string): Promise<string | undefined> {
    const page = this.#sessions.get(sessionId)?.pages.find((p) => p.pageId === pageId);
    if (!page) return undefined;
    // Both drivers write PNG unless asked for JPEG, which this service never asks for.
    if (page.mediaType !== 'image/png') {
      this.#logger.warn({ session: sessionId, pageId, mediaType: page.mediaType }, 'no thumbnail for this page format');
      return undefined;
    }
    // A page removed or wiped meanwhile is simply not there any more.
    const bytes = await readFile(page.path).catch(() => undefined);
    if (!bytes) return undefined;
    const made = pageThumbnail(bytes);
    if (!made.ok) this.#logger.warn({ session: sessionId, pageId, error: made.error }, 'page thumbnail failed');
    return made.ok ? made.dataUrl : undefined;
  }

  async remove(sessionId: string, pageId: string): Promise<boolean> {
    const session = this.#sessions.get(sessionId);
    if (!session) return false;
    const removed = await session.removePages([pageId]);
    return removed.length > 0;
  }
}

function fail(code: ScanErrorCode, message: string, pages: ScannedPageInfo[]): ScanResult {
  return { ok: false, error: { code, message }, pages };
}
