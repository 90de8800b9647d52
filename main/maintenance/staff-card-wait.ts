// The wait for a staff card on the ID card reader at the maintenance entry. One wait at a time; the entry screen
// cancels it when staff leave it (or enter with the PIN), so the reader is not left waiting for a card nobody brings.
// Only the card's number leaves here, to be compared with the staff hashes and dropped; photo and text are not kept.
import type { CompletionCode } from '../../contracts/device-model';
import type { IdCardReader } from '../../drivers/idcard/id-card-reader';

export type CardWaitResult = { ok: true; cardNumber: string } | { ok: false; reason: CompletionCode; detail: string };

export class StaffCardWait {
  readonly #reader: Pick<IdCardReader, 'read'>;
  #running: AbortController | undefined;

  constructor(reader: Pick<IdCardReader, 'read'>) {
    this.#reader = reader;
  }

  async read(timeoutMs: number): Promise<CardWaitResult> {
    // A second screen's wait (a reload) replaces the first.
    this.#running?.abort();
    const controller = new AbortController();
    this.#running = controller;
    try {
      const done = await this.#reader.read({ timeoutMs, signal: controller.signal });
      if (done.code !== 'success') return { ok: false, reason: done.code, detail: done.message };
      const text = done.value.text;
      return { ok: true, cardNumber: 'idNumber' in text ? text.idNumber : text.cardNumber };
    } finally {
      if (this.#running === controller) this.#running = undefined;
    }
  }

  /** True when a wait was running: it answers `canceled`. */
  cancel(): boolean {
    const running = this.#running;
    this.#running = undefined;
    running?.abort();
    return running !== undefined;
  }
}
