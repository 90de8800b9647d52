// One piece of work at a time, in call order: for a device that does one thing at once (the scanner, a card reader
// that people queue at).

export class SerialQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once everything queued before it has settled, whatever their outcome. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
