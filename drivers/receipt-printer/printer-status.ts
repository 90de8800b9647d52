// Real-time status bytes (DLE EOT 1–4, reference/printing-scanning.md) and what they mean in the device model.
//
// Every reply has (b & 0x93) == 0x12; the other bits:
//   n=1 printer:       0x08 offline
//   n=2 offline cause: 0x04 cover open, 0x20 stopped at paper end, 0x40 error
//   n=3 error cause:   0x08 cutter error, 0x20 unrecoverable, 0x40 auto-recoverable (e.g. head too hot)
//   n=4 paper sensors: 0x0C near end, 0x60 paper end (near-end bits stay 0 when no near-end sensor is fitted)
import type { DeviceState, DeviceStatus, PaperState, ReceiptPrinterPart } from '../../contracts/device-model';

export type StatusKind = 1 | 2 | 3 | 4;
export const STATUS_KINDS: readonly StatusKind[] = [1, 2, 3, 4];

export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/** The four replies of one poll, decoded. */
export interface PrinterFlags {
  offline: boolean;
  coverOpen: boolean;
  stoppedAtPaperEnd: boolean;
  error: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  paperNearEnd: boolean;
  paperEnd: boolean;
}

export type StatusReplies = Record<StatusKind, number>;

export function decodeStatus(replies: StatusReplies): PrinterFlags {
  return {
    offline: (replies[1] & 0x08) !== 0,
    coverOpen: (replies[2] & 0x04) !== 0,
    stoppedAtPaperEnd: (replies[2] & 0x20) !== 0,
    error: (replies[2] & 0x40) !== 0,
    cutterError: (replies[3] & 0x08) !== 0,
    unrecoverableError: (replies[3] & 0x20) !== 0,
    autoRecoverableError: (replies[3] & 0x40) !== 0,
    paperNearEnd: (replies[4] & 0x0c) !== 0,
    paperEnd: (replies[4] & 0x60) !== 0,
  };
}

export interface StatusMapping {
  /** Without a near-end sensor `low` is never reported (its bits stay 0, which must not read as "full" either way). */
  paperLowSensor: boolean;
  /** A printer without a cutter does not report one. */
  hasCutter: boolean;
}

export function paperState(flags: PrinterFlags, mapping: StatusMapping): PaperState {
  if (flags.paperEnd || flags.stoppedAtPaperEnd) return 'out';
  if (flags.paperNearEnd && mapping.paperLowSensor) return 'low';
  return 'full';
}

/**
 * The device state the flags amount to, worst first: a fault that needs a power cycle or a service call
 * (`hardwareError`), an open cover someone must close (`userError`), a fault the printer clears by itself
 * (`deviceBusy`), offline for no reported cause (`offline`). Paper out is shown in the paper field; the printer
 * itself is still there and answers, so it stays `online`.
 */
export function deviceState(flags: PrinterFlags): DeviceState {
  if (flags.unrecoverableError || flags.cutterError) return 'hardwareError';
  if (flags.coverOpen) return 'userError';
  if (flags.autoRecoverableError) return 'deviceBusy';
  if (flags.error) return 'hardwareError';
  if (flags.offline && !(flags.paperEnd || flags.stoppedAtPaperEnd)) return 'offline';
  return 'online';
}

export function statusFromFlags(flags: PrinterFlags, mapping: StatusMapping): DeviceStatus<'receiptPrinter'> {
  const part: ReceiptPrinterPart = { paper: { roll: paperState(flags, mapping) }, cover: flags.coverOpen ? 'open' : 'closed' };
  if (mapping.hasCutter) part.cutter = flags.cutterError ? 'fault' : 'ok';
  return { common: { device: deviceState(flags) }, receiptPrinter: part };
}

/** Why a job cannot start or go on, in words for staff; undefined when the printer can print. */
export function notReadyReason(flags: PrinterFlags): string | undefined {
  if (flags.paperEnd || flags.stoppedAtPaperEnd) return 'paper out';
  if (flags.coverOpen) return 'cover open';
  if (flags.cutterError) return 'cutter error';
  if (flags.unrecoverableError) return 'unrecoverable printer error (power-cycle the printer)';
  if (flags.autoRecoverableError) return 'printer recovering from an error by itself (e.g. print head too hot)';
  if (flags.error) return 'printer error';
  if (flags.offline) return 'printer offline';
  return undefined;
}
