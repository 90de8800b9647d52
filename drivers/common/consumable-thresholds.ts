// Turns polled consumable states into threshold crossings (XFS4IoT PaperThresholdEvent and friends).
//
// Thresholds are separate from status: a jam or an unknown reading says nothing about how much paper is left, so it
// neither raises an event nor makes the next reading look like a fresh crossing.
import type { PaperState, SupplyState, ThresholdLevel } from '../../contracts/device-model';

function thresholdOf(state: PaperState | SupplyState): ThresholdLevel | null {
  return state === 'full' || state === 'low' || state === 'out' ? state : null;
}

export class ConsumableThresholds {
  #last = new Map<string, ThresholdLevel>();

  /**
   * Records the latest reading of one consumable (a paper source, `toner`, `ink`) and returns the threshold it has
   * just crossed into, or null. A consumable starts as `full`, so a kiosk that starts with low paper reports `low`.
   */
  update(consumable: string, state: PaperState | SupplyState): ThresholdLevel | null {
    const level = thresholdOf(state);
    if (level === null) return null;
    const previous = this.#last.get(consumable) ?? 'full';
    this.#last.set(consumable, level);
    return level === previous ? null : level;
  }

  /** Forgets every reading, e.g. when a different printer is attached. */
  reset(): void {
    this.#last.clear();
  }
}
