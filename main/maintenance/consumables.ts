// Consumable counters staff see and reset: receipts printed since the receipt roll was last marked restocked, and
// who did that when. Counted from successful prints of the receipt printer (`countPrints` wraps the printer the
// citizen's services use), kept in a state file across restarts.
import { z } from 'zod';
import type { Completion } from '../../contracts/device-model';
import { readStateFile, writeStateFile } from './state-file';

const ConsumablesState = z.strictObject({
  receiptPaper: z.strictObject({
    printedSinceRestock: z.number().int().nonnegative(),
    restockedAt: z.number().int().nonnegative().nullable(),
    restockedBy: z.string().max(32).nullable(),
  }),
});
type ConsumablesState = z.infer<typeof ConsumablesState>;

export class Consumables {
  readonly #file: string;
  readonly #onError: (error: unknown) => void;
  #state: ConsumablesState;
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(file: string, state: ConsumablesState, onError: (error: unknown) => void) {
    this.#file = file;
    this.#state = state;
    this.#onError = onError;
  }

  /** `onError`: a counter that could not be stored (it is only a counter: the kiosk carries on). */
  static async open(file: string, onError: (error: unknown) => void): Promise<Consumables> {
    const read = await readStateFile(file, ConsumablesState, { receiptPaper: { printedSinceRestock: 0, restockedAt: null, restockedBy: null } });
    return new Consumables(file, read.state, onError);
  }

  get state(): ConsumablesState {
    return this.#state;
  }

  receiptPrinted(): void {
    const paper = this.#state.receiptPaper;
    this.#save({ receiptPaper: { ...paper, printedSinceRestock: paper.printedSinceRestock + 1 } });
  }

  restocked(staffId: string, at: number): Promise<void> {
    this.#save({ receiptPaper: { printedSinceRestock: 0, restockedAt: at, restockedBy: staffId } });
    return this.settled();
  }

  async settled(): Promise<void> {
    await this.#writes;
  }

  #save(state: ConsumablesState): void {
    this.#state = state;
    this.#writes = this.#writes.then(() => writeStateFile(this.#file, this.#state)).catch(this.#onError);
  }
}

/** The printer with every successful `print` counted; the rest of it unchanged. */
export function countPrints<P extends { print(...args: never[]): Promise<Completion<unknown>> }>(printer: P, onPrinted: () => void): P {
  return new Proxy(printer, {
    get(target, property) {
      // The target as receiver: its getters and methods use private fields, which a proxy does not have.
      const value: unknown = Reflect.get(target, property);
      if (property !== 'print' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<P['print']>) => {
        const done = (await value.apply(target, args)) as Completion<unknown>;
        if (done.code === 'success') onPrinted();
        return done;
      };
    },
  });
}
