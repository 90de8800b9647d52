// A printer's completion as the screen's PrintResult: the citizen needs to know "out of paper" (staff can help,
// the receipt prints later), "the printer is not ready" or "the printer is broken" — not the driver's words.
import type { Completion, FailureCode } from '../../contracts/device-model';
import type { PrintResult } from '../../contracts/kiosk-api';

type PrintFailureCode = Extract<PrintResult, { ok: false }>['error']['code'];

const codeOf: Record<FailureCode, PrintFailureCode> = {
  canceled: 'canceled',
  timeOut: 'hardwareError',
  deviceNotReady: 'deviceNotReady',
  hardwareError: 'hardwareError',
  // The document was ours: a fault of the kiosk, not something the citizen or staff can fix at the printer.
  invalidData: 'hardwareError',
  // Cover or door open: staff must close it before anything prints.
  userError: 'deviceNotReady',
  unsupported: 'hardwareError',
};

/**
 * `paperOut` when the printer's status says so after the failure, whichever code the driver used (refused at the
 * start, or stopped mid-job); the driver's message (no personal data in it) goes along for staff and logs.
 */
export function toPrintResult(completion: Completion<unknown>, paperOut: () => boolean): PrintResult {
  if (completion.code === 'success') return { ok: true };
  const code = completion.code !== 'canceled' && paperOut() ? 'paperOut' : codeOf[completion.code];
  return { ok: false, error: { code, message: completion.message.slice(0, 500) } };
}
