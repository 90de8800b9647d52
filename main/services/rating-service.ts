// `rating.submit` (好差评): a rating becomes an outbox transaction of kind `rating`, delivered like an application, and
// is answered only once the outbox has it durably. The payload names the case and the rating, nothing personal
// (contracts/sync-api.ts RatingPayload). The platform counts the first rating of a case; a later one is delivered and
// kept, not counted (platform/sync/ratings.ts).
import type { SubmitResult } from '../../contracts/kiosk-api';
import { type RatingPayload, ratingItemCode } from '../../contracts/sync-api';
import type { Outbox } from '../outbox/outbox';
import type { ServiceLogger } from './service-logger';
import { codeOf } from './transaction-service';

export class RatingService {
  readonly #outbox: Pick<Outbox, 'accept'>;
  readonly #terminalId: string;
  readonly #logger: ServiceLogger;
  readonly #now: () => number;

  constructor(options: { outbox: Pick<Outbox, 'accept'>; terminalId: string; logger: ServiceLogger; now?: () => number }) {
    this.#outbox = options.outbox;
    this.#terminalId = options.terminalId;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  async submit(rating: RatingPayload): Promise<SubmitResult> {
    const payload: RatingPayload = { reference: rating.reference, level: rating.level, reasons: [...new Set(rating.reasons)] };
    const result = await this.#outbox.accept({ kind: 'rating', itemCode: ratingItemCode, terminalId: this.#terminalId, createdAt: this.#now(), personal: payload });
    if (!result.ok) {
      this.#logger.error({ code: result.error.code, reason: result.error.message }, 'rating not accepted');
      return { ok: false, error: { code: codeOf[result.error.code], message: result.error.message } };
    }
    this.#logger.info({ transaction: result.id, level: payload.level }, 'rating accepted');
    return { ok: true, transactionId: result.id, acceptedAt: new Date(result.acceptedAt).toISOString() };
  }
}
