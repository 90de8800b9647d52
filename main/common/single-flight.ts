// One run of an async operation at a time: a call while one runs gets that run's promise instead of starting a second
// (an update check or a health look must never overlap itself). Environment-neutral.

export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
