// The hidden entry's gesture: `taps` taps within `withinMs`. Pure, with the time passed in, so it is tested without
// waiting; the corner zone feeds it pointer times.
export class TapCounter {
  readonly #taps: number;
  readonly #withinMs: number;
  #times: number[] = [];

  constructor(taps: number, withinMs: number) {
    this.#taps = taps;
    this.#withinMs = withinMs;
  }

  /** True on the tap that completes the gesture (and the count starts again). */
  tap(atMs: number): boolean {
    this.#times = [...this.#times.filter((t) => atMs - t < this.#withinMs), atMs];
    if (this.#times.length < this.#taps) return false;
    this.#times = [];
    return true;
  }
}
