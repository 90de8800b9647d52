// CUPS/IPP printer state → the device model. Pure: the same attributes always give the same status.
//
// printer-state-reasons keywords (RFC 8011 §5.4.12, PWG 5100.9) carry a severity suffix: `-report` (information),
// `-warning` (printing goes on) or `-error` (printing stops); a keyword without suffix is an error (RFC 8011). The
// status shows the condition whatever its severity; only errors and a stopped queue block a job.
import type { DeviceState, DeviceStatus, DocumentPrinterPart, FailureCode, PaperState, SupplyState } from '../../contracts/device-model';
import { PrinterState, type PrinterAttributes } from './cups-operations';

/** CUPS reasons do not say which tray is empty, so the model has one paper source (the name the contract suggests). */
export const PAPER_SOURCE = 'tray1';

export type Severity = 'report' | 'warning' | 'error';

export interface Reason {
  keyword: string;
  severity: Severity;
}

/** Keywords CUPS adds for its own bookkeeping, e.g. `cups-waiting-for-job-completed`: never errors. */
const INFORMATIONAL = /^(none|cups-.*|com\.apple\..*|connecting-to-device|moving-to-paused|other)$/;

export function parseReason(reason: string): Reason {
  const match = /^(.*)-(report|warning|error)$/.exec(reason);
  if (match?.[1]) return { keyword: match[1], severity: match[2] as Severity };
  return { keyword: reason, severity: INFORMATIONAL.test(reason) ? 'report' : 'error' };
}

const PAPER_OUT = new Set(['media-empty', 'media-needed', 'input-tray-missing']);
const JAM = /(^|-)jam$/;
const COVER_OPEN = new Set(['cover-open', 'door-open', 'interlock-open']);
const TONER_OUT = new Set(['toner-empty', 'marker-supply-empty']);
const TONER_LOW = new Set(['toner-low', 'marker-supply-low']);
const OFFLINE = new Set(['offline', 'paused', 'shutdown', 'stopped-partly', 'stopping', 'spool-area-full']);

const supplyRank: Record<SupplyState, number> = { unknown: 0, full: 1, low: 2, out: 3 };

function worse(a: SupplyState | undefined, b: SupplyState | undefined): SupplyState | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return supplyRank[b] > supplyRank[a] ? b : a;
}

/** marker-levels: 0–100 percent, -1 unavailable, -2 unknown, -3 "some remaining" (RFC 3805 prtMarkerSuppliesLevel). */
function markerState(level: number, lowLevel: number | undefined): SupplyState {
  if (level === -3) return 'full';
  if (level < 0) return 'unknown';
  if (level === 0) return 'out';
  return level <= (lowLevel ?? 10) ? 'low' : 'full';
}

function markerKind(type: string): 'toner' | 'ink' | undefined {
  if (type === 'toner' || type === 'toner-cartridge') return 'toner';
  if (type === 'ink' || type === 'ink-cartridge' || type === 'ink-ribbon' || type === 'solid-wax') return 'ink';
  return undefined;
}

export interface MappedPrinter {
  status: DeviceStatus<'documentPrinter'>;
  /** Why a job cannot make progress now, or null when it can. */
  blocking: { code: FailureCode; message: string } | null;
}

/**
 * Maps one Get-Printer-Attributes answer. `previous` is the last class part: a consumable the printer has reported once
 * (toner low, then replaced) stays in the status as `full` rather than vanishing.
 */
export function mapPrinterAttributes(printer: PrinterAttributes, previous: DocumentPrinterPart = {}): MappedPrinter {
  const reasons = printer.reasons.map(parseReason).filter((r) => r.keyword !== 'none');
  const has = (set: Set<string> | RegExp, severity?: Severity) =>
    reasons.some((r) => (set instanceof RegExp ? set.test(r.keyword) : set.has(r.keyword)) && (severity === undefined || r.severity === severity));

  let paper: PaperState = 'full';
  if (has(/^media-low$/)) paper = 'low';
  if (has(PAPER_OUT)) paper = 'out';
  if (has(JAM)) paper = 'jammed';

  // Toner or ink from the marker table, made worse by supply reasons; marker-supply-* names whichever the printer has.
  let toner: SupplyState | undefined;
  let ink: SupplyState | undefined;
  printer.markerTypes.forEach((type, i) => {
    const kind = markerKind(type);
    const level = printer.markerLevels[i];
    if (!kind) return;
    const state = level === undefined ? 'unknown' : markerState(level, printer.markerLowLevels[i]);
    if (kind === 'toner') toner = worse(toner, state);
    else ink = worse(ink, state);
  });
  const supplyIsInk = ink !== undefined && toner === undefined;
  const fromReasons: SupplyState | undefined = has(TONER_OUT) ? 'out' : has(TONER_LOW) ? 'low' : undefined;
  if (supplyIsInk) ink = worse(ink, fromReasons);
  else toner = worse(toner, fromReasons);
  if (toner === undefined && previous.toner !== undefined) toner = 'full';
  if (ink === undefined && previous.ink !== undefined) ink = 'full';

  const coverOpen = has(COVER_OPEN);
  const stopped = printer.state === PrinterState.stopped;
  const offline = stopped || printer.acceptingJobs === false || has(OFFLINE);

  let device: DeviceState = 'online';
  if (coverOpen) device = 'userError';
  if (paper === 'jammed') device = 'hardwareError';
  if (offline) device = 'offline';

  const part: DocumentPrinterPart = { paper: { [PAPER_SOURCE]: paper }, cover: coverOpen ? 'open' : 'closed' };
  if (toner !== undefined) part.toner = toner;
  if (ink !== undefined) part.ink = ink;

  return { status: { common: { device }, documentPrinter: part }, blocking: blockingCondition(reasons, printer, stopped) };
}

/** The most specific reason a job is stuck, worst first; null while the printer can print. */
function blockingCondition(reasons: Reason[], printer: PrinterAttributes, stopped: boolean): MappedPrinter['blocking'] {
  const errors = reasons.filter((r) => r.severity === 'error');
  const find = (set: Set<string> | RegExp) => (stopped ? reasons : errors).find((r) => (set instanceof RegExp ? set.test(r.keyword) : set.has(r.keyword)));
  const jam = find(JAM);
  if (jam) return { code: 'hardwareError', message: `paper jam (${jam.keyword})` };
  const cover = find(COVER_OPEN);
  if (cover) return { code: 'userError', message: `${cover.keyword.replace(/-/g, ' ')}: close it to print` };
  const paper = find(PAPER_OUT);
  if (paper) return { code: 'deviceNotReady', message: `out of paper (${paper.keyword})` };
  const toner = find(TONER_OUT);
  if (toner) return { code: 'deviceNotReady', message: `out of toner (${toner.keyword})` };
  if (stopped) {
    const why = reasons.map((r) => r.keyword).join(', ') || printer.stateMessage || 'no reason given';
    return { code: 'deviceNotReady', message: `printer queue stopped (${why})` };
  }
  // CUPS says `offline-report` while its backend cannot reach the printer: a job waits for ever, whatever the suffix.
  const offline = reasons.find((r) => OFFLINE.has(r.keyword));
  if (offline) return { code: 'deviceNotReady', message: `printer ${offline.keyword}` };
  return null;
}
