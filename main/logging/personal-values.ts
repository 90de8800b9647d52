// What the kiosk currently knows to be personal (the card holder's name, address...), so the logger can remove it
// even from free text, where no pattern could recognise a name. Environment-neutral.
//
// The identity service adds a card's fields when it reads one; the session wipe clears them. Held only in memory,
// for as long as the session itself holds the same data.

export class PersonalValues {
  #values = new Set<string>();
  #snapshot: readonly string[] = [];

  add(values: Iterable<string | null | undefined>): void {
    for (const value of values) if (typeof value === 'string' && value.trim() !== '') this.#values.add(value.trim());
    this.#snapshot = [...this.#values];
  }

  clear(): void {
    this.#values.clear();
    this.#snapshot = [];
  }

  /** The current values, for redact()'s knownValues. */
  get values(): readonly string[] {
    return this.#snapshot;
  }
}
