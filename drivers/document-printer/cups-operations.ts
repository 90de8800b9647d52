// The four IPP operations the document printer needs (RFC 8011 §4.2–4.3), as CUPS implements them: requests built
// from plain arguments, replies read into plain objects.
import { GroupTag, type IppMessage, type IppOutAttribute, ValueTag, booleanOf, groupOf, integersOf, stringsOf } from './ipp-encoding';
import { type CupsEndpoint, type IppExchange, ippUri, postIpp } from './ipp-transport';

export const Operation = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
} as const;

/** RFC 8011 §5.3.7 job-state. */
export const JobState = { pending: 3, pendingHeld: 4, processing: 5, processingStopped: 6, canceled: 7, aborted: 8, completed: 9 } as const;

/** RFC 8011 §5.4.11 printer-state. */
export const PrinterState = { idle: 3, processing: 4, stopped: 5 } as const;

/** What Get-Printer-Attributes tells about the queue; absent attributes stay absent. */
export interface PrinterAttributes {
  state?: number;
  reasons: string[];
  acceptingJobs?: boolean;
  stateMessage?: string;
  markerTypes: string[];
  markerLevels: number[];
  markerLowLevels: number[];
  mediaSupported: string[];
  sidesSupported: string[];
  colorSupported?: boolean;
}

export interface JobAttributes {
  state?: number;
  reasons: string[];
}

export const PRINTER_ATTRIBUTES = [
  'printer-state',
  'printer-state-reasons',
  'printer-state-message',
  'printer-is-accepting-jobs',
  'marker-types',
  'marker-levels',
  'marker-low-levels',
  'media-supported',
  'sides-supported',
  'color-supported',
];

export interface CupsTarget {
  endpoint: CupsEndpoint;
  queue: string;
  /** requesting-user-name: the job's owner in CUPS, who may cancel it. */
  userName: string;
}

/** RFC 8011 §4.1.4: every request starts with charset and language, then the target. */
function operationAttributes(target: CupsTarget, extra: IppOutAttribute[]): IppOutAttribute[] {
  return [
    { name: 'attributes-charset', tag: ValueTag.charset, values: ['utf-8'] },
    { name: 'attributes-natural-language', tag: ValueTag.naturalLanguage, values: ['en'] },
    { name: 'printer-uri', tag: ValueTag.uri, values: [ippUri(target.endpoint, queueResource(target.queue))] },
    { name: 'requesting-user-name', tag: ValueTag.name, values: [target.userName] },
    ...extra,
  ];
}

function queueResource(queue: string): string {
  return `/printers/${encodeURIComponent(queue)}`;
}

let nextRequestId = 1;

/** IPP status codes (RFC 8011 §4.1.6.1 and Appendix B) that the driver tells apart. */
export const IppStatus = {
  notFound: 0x0406,
  documentFormatNotSupported: 0x040a,
  notAcceptingJobs: 0x0506,
} as const;

export type IppFailure = { ok: false; transport: Exclude<IppExchange, { ok: true }>['failure'] | 'ipp'; status?: number; message: string };
export type IppOutcome = { ok: true; response: IppMessage } | IppFailure;

async function exchange(
  target: CupsTarget,
  operation: number,
  extra: IppOutAttribute[],
  options: { timeoutMs: number; signal?: AbortSignal; data?: Uint8Array },
): Promise<IppOutcome> {
  const requestId = nextRequestId;
  nextRequestId = (nextRequestId % 0x7fffffff) + 1;
  const result = await postIpp(
    target.endpoint,
    queueResource(target.queue),
    { operation, requestId, groups: [{ tag: GroupTag.operation, attributes: operationAttributes(target, extra) }], data: options.data },
    options,
  );
  if (!result.ok) return { ok: false, transport: result.failure, message: result.message };
  const status = result.response.code;
  // 0x0000–0x00ff are the successful-ok family (RFC 8011 §B.1.2).
  if (status > 0x00ff) {
    const text = stringsOf(groupOf(result.response, GroupTag.operation), 'status-message')[0];
    return { ok: false, transport: 'ipp', status, message: `IPP status 0x${status.toString(16).padStart(4, '0')}${text ? ` (${text})` : ''}` };
  }
  return result;
}

export async function getPrinterAttributes(
  target: CupsTarget,
  options: { timeoutMs: number; signal?: AbortSignal; requested?: string[] },
): Promise<{ ok: true; printer: PrinterAttributes; response: IppMessage } | IppFailure> {
  const requested = options.requested ?? PRINTER_ATTRIBUTES;
  const outcome = await exchange(target, Operation.getPrinterAttributes, [{ name: 'requested-attributes', tag: ValueTag.keyword, values: requested }], options);
  if (!outcome.ok) return outcome;
  return { ok: true, printer: readPrinterAttributes(outcome.response), response: outcome.response };
}

export function readPrinterAttributes(response: IppMessage): PrinterAttributes {
  const printer = groupOf(response, GroupTag.printer);
  return {
    state: integersOf(printer, 'printer-state')[0],
    reasons: stringsOf(printer, 'printer-state-reasons'),
    acceptingJobs: booleanOf(printer, 'printer-is-accepting-jobs'),
    stateMessage: stringsOf(printer, 'printer-state-message')[0] || undefined,
    markerTypes: stringsOf(printer, 'marker-types'),
    markerLevels: integersOf(printer, 'marker-levels'),
    markerLowLevels: integersOf(printer, 'marker-low-levels'),
    mediaSupported: stringsOf(printer, 'media-supported'),
    sidesSupported: stringsOf(printer, 'sides-supported'),
    colorSupported: booleanOf(printer, 'color-supported'),
  };
}

export async function printJob(
  target: CupsTarget,
  document: Uint8Array,
  jobName: string,
  options: { timeoutMs: number },
): Promise<{ ok: true; jobId: number } | IppFailure> {
  const outcome = await exchange(
    target,
    Operation.printJob,
    [
      { name: 'job-name', tag: ValueTag.name, values: [jobName] },
      { name: 'document-format', tag: ValueTag.mimeMediaType, values: ['application/pdf'] },
    ],
    { ...options, data: document },
  );
  if (!outcome.ok) return outcome;
  const jobId = integersOf(groupOf(outcome.response, GroupTag.job), 'job-id')[0];
  if (jobId === undefined) return { ok: false, transport: 'malformed', message: 'Print-Job reply without a job-id' };
  return { ok: true, jobId };
}

export async function getJobAttributes(
  target: CupsTarget,
  jobId: number,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ ok: true; job: JobAttributes } | IppFailure> {
  const outcome = await exchange(
    target,
    Operation.getJobAttributes,
    [
      { name: 'job-id', tag: ValueTag.integer, values: [jobId] },
      { name: 'requested-attributes', tag: ValueTag.keyword, values: ['job-state', 'job-state-reasons'] },
    ],
    options,
  );
  if (!outcome.ok) return outcome;
  const job = groupOf(outcome.response, GroupTag.job);
  return { ok: true, job: { state: integersOf(job, 'job-state')[0], reasons: stringsOf(job, 'job-state-reasons') } };
}

export async function cancelJob(target: CupsTarget, jobId: number, options: { timeoutMs: number }): Promise<IppOutcome> {
  return exchange(target, Operation.cancelJob, [{ name: 'job-id', tag: ValueTag.integer, values: [jobId] }], options);
}
