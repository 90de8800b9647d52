// How a `scanimage` run ended, in device-model terms.
//
// scanimage exits with the SANE_Status of the sane_start/sane_read that failed (sane-backends frontend/scanimage.c),
// so the exit code is the reliable signal; its text (sane_strstatus) can be translated, so stderr is only read for
// scanimage's own untranslated messages ("open of device … failed", "setting of option … failed") that exit 1.
import type { FailureCode } from '../../contracts/device-model';

/** SANE_Status (SANE standard 1.0, §4.3.7). */
export const SaneStatus = {
  good: 0,
  unsupported: 1,
  cancelled: 2,
  deviceBusy: 3,
  invalid: 4,
  eof: 5,
  jammed: 6,
  noDocs: 7,
  coverOpen: 8,
  ioError: 9,
  noMem: 10,
  accessDenied: 11,
} as const;

/** What a run says about the scanner, beyond the command's own result. */
export type SaneCondition = 'ok' | 'noDevice' | 'busy' | 'jammed' | 'feederEmpty' | 'coverOpen' | 'hardwareFault' | 'accessDenied';

export interface SaneOutcome {
  condition: SaneCondition;
  /** null: the run succeeded (a feeder emptying after at least one page is success). */
  failure: { code: FailureCode; message: string } | null;
}

/** The last scanimage line that says what went wrong, without the program name. */
function reasonLine(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('scanimage:'));
  return lines.at(-1)?.replace(/^scanimage:\s*/, '');
}

export function interpretScanimageExit(exitCode: number, stderr: string, pagesScanned: number): SaneOutcome {
  const said = reasonLine(stderr);
  const detail = (fallback: string) => (said ? `${fallback} (${said})` : fallback);
  switch (exitCode) {
    case SaneStatus.good:
      return { condition: 'ok', failure: null };
    case SaneStatus.unsupported:
      // Exit 1 is also scanimage's own "could not even start" code.
      if (/open of device .* failed/.test(stderr)) return { condition: 'noDevice', failure: { code: 'deviceNotReady', message: detail('scanner not found') } };
      if (/setting of option|unrecognized option|invalid option|option requires/.test(stderr)) {
        return { condition: 'ok', failure: { code: 'invalidData', message: detail('the scanner refused an option') } };
      }
      return { condition: 'ok', failure: { code: 'unsupported', message: detail('operation not supported by the scanner') } };
    case SaneStatus.cancelled:
      return { condition: 'ok', failure: { code: 'canceled', message: detail('scan cancelled at the scanner') } };
    case SaneStatus.deviceBusy:
      return { condition: 'busy', failure: { code: 'deviceNotReady', message: detail('scanner busy') } };
    case SaneStatus.invalid:
      return { condition: 'ok', failure: { code: 'invalidData', message: detail('invalid scan settings') } };
    case SaneStatus.jammed:
      return { condition: 'jammed', failure: { code: 'hardwareError', message: detail('document feeder jammed') } };
    case SaneStatus.noDocs:
      return pagesScanned > 0
        ? { condition: 'feederEmpty', failure: null }
        : { condition: 'feederEmpty', failure: { code: 'userError', message: detail('no documents in the feeder') } };
    case SaneStatus.coverOpen:
      return { condition: 'coverOpen', failure: { code: 'userError', message: detail('scanner cover open') } };
    case SaneStatus.ioError:
    case SaneStatus.noMem:
      return { condition: 'hardwareFault', failure: { code: 'hardwareError', message: detail('scanner error') } };
    case SaneStatus.accessDenied:
      return { condition: 'accessDenied', failure: { code: 'deviceNotReady', message: detail('access to the scanner denied') } };
    default:
      return { condition: 'hardwareFault', failure: { code: 'hardwareError', message: detail(`scanimage exited with ${exitCode}`) } };
  }
}
