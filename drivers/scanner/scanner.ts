// What a document scanner offers the kiosk, real (SANE) or simulated: the device model plus `scan`.
import type { Completion, FailureCode } from '../../contracts/device-model';
import type { Device } from '../common/device';
import type { ScanMode } from './scanimage-output';

export type { ScanMode } from './scanimage-output';
export type ScanFormat = 'png' | 'jpeg';

export interface ScanRequest {
  /** Where the page files go; default the scanner's own folder (the factory's `<dataDir>/scans`). */
  directory?: string;
  /** Default: the flatbed when there is one, else the feeder. */
  source?: 'flatbed' | 'feeder';
  /** Default 200 dpi: enough for documents, small files. */
  resolutionDpi?: number;
  /** Default `color`. */
  mode?: ScanMode;
  /** Default `png`. */
  format?: ScanFormat;
  /** Feeder only: stop after this many pages; default until the feeder is empty. */
  maxPages?: number;
  /** Scan area in millimetres from the top-left corner; default the backend's (usually the whole glass). */
  area?: { widthMm: number; heightMm: number; leftMm?: number; topMm?: number };
  /** Default 120 s for the whole batch. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Backend-specific options passed through as they are (`--name=value`), for tests and diagnostics only, e.g. the
   * SANE test backend's `--read-return-value=SANE_STATUS_JAMMED`. Never from citizens' input.
   */
  extraOptions?: string[];
}

export interface ScannedPage {
  /** 1-based, in feeding order. */
  page: number;
  path: string;
  format: ScanFormat;
  bytes: number;
  sha256: string;
}

/**
 * A scan's completion. A failure keeps the pages scanned before it (a jam on page 4 of 5 keeps pages 1–3 on disk and
 * here), so the caller can go on from there instead of starting over.
 */
export type ScanCompletion = { code: 'success'; value: ScannedPage[] } | { code: FailureCode; message: string; pagesScanned: ScannedPage[] };

export interface Scanner extends Device<'scanner'> {
  scan(request?: ScanRequest): Promise<ScanCompletion>;
  /** Checks now that the scanner is there, besides the regular polling. */
  refresh(): Promise<Completion<void>>;
}

export const DEFAULT_SCAN_TIMEOUT_MS = 120_000;
export const DEFAULT_RESOLUTION_DPI = 200;
