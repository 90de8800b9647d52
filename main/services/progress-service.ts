// `progress.query`: a case by its number or by its receipt code (the transaction id a receipt prints). A transaction
// this kiosk still holds unanswered is `pending` from the outbox alone, so that works offline; everything else is
// the platform's answer, asked online.
import type { ProgressResult } from '../../contracts/kiosk-api';
import { CaseNumber, type CaseProgress, TransactionId } from '../../contracts/sync-api';
import type { Outbox } from '../outbox/outbox';
import type { SyncFailure } from '../sync/sync-client';
import type { PlatformOnline } from './citizen-services';
import type { ServiceLogger } from './service-logger';

export class ProgressService {
  readonly #outbox: Pick<Outbox, 'get'>;
  readonly #platform: PlatformOnline | undefined;
  readonly #itemName: (code: string) => string | undefined;
  readonly #logger: ServiceLogger;

  constructor(options: { outbox: Pick<Outbox, 'get'>; platform: PlatformOnline | undefined; itemName: (code: string) => string | undefined; logger: ServiceLogger }) {
    this.#outbox = options.outbox;
    this.#platform = options.platform;
    this.#itemName = options.itemName;
    this.#logger = options.logger;
  }

  async query(reference: string): Promise<ProgressResult> {
    let caseNumber = CaseNumber.safeParse(reference).success ? reference : undefined;
    const isReceipt = TransactionId.safeParse(reference).success;
    if (isReceipt) {
      const record = this.#outbox.get(reference);
      const answered = record?.answer?.caseNumber;
      if (record && typeof answered === 'string') caseNumber = answered;
      else if (record && record.kind === 'application' && record.state !== 'needsAttention') {
        return {
          ok: true,
          caseNumber: reference,
          itemName: this.#itemName(record.itemCode) ?? null,
          status: 'pending',
          submittedAt: new Date(record.acceptedAt).toISOString(),
          promisedBy: null,
          steps: [{ name: 'submitted', at: new Date(record.acceptedAt).toISOString(), done: true }],
          reasons: [],
          rated: false,
        };
      }
    }
    if (!caseNumber && !isReceipt) return fail('notFound', 'neither a case number nor a receipt code');
    if (!this.#platform) return fail('offline', 'this kiosk has no platform connection');
    const answer = caseNumber
      ? await this.#platform.request('caseProgress', { params: { caseNumber } })
      : await this.#platform.request('receiptProgress', { params: { transactionId: reference } });
    if (answer.ok) return toResult(answer.value);
    this.#logger.warn({ failure: answer.failure.kind }, 'progress query not answered');
    return failureOf(answer.failure);
  }
}

function toResult(progress: CaseProgress): ProgressResult {
  return {
    ok: true,
    caseNumber: progress.caseNumber,
    itemName: progress.itemName,
    status: progress.status,
    submittedAt: new Date(progress.submittedAt).toISOString(),
    promisedBy: progress.promisedBy,
    steps: progress.steps.map((s) => ({ name: s.name, at: s.at === null ? null : new Date(s.at).toISOString(), done: s.done })),
    reasons: progress.decision?.reasons ?? [],
    rated: progress.rated,
  };
}

function failureOf(failure: SyncFailure): ProgressResult {
  if (failure.kind === 'refused' && failure.status === 404) return fail('notFound', 'the platform knows no such case');
  if (failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'closed') return fail('offline', `the platform did not answer (${failure.kind})`);
  return fail('serviceUnavailable', `the platform could not answer (${failure.kind})`);
}

function fail(code: 'notFound' | 'offline' | 'serviceUnavailable', message: string): ProgressResult {
  return { ok: false, error: { code, message } };
}
