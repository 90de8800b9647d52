// The configuration in force: the file layers plus the latest central push, and who to tell when it changes.
//
// Each central push is a full override document that replaces the previous one rather than accumulating on it. The
// platform holds the settings it wants for this terminal and sends all of them each time, so the kiosk's state is
// a function of (files, latest push): withdrawing a setting centrally means leaving it out of the next push, a
// missed or repeated push does no harm, and what ops see in the console is exactly what the kiosk runs.
import { buildConfig, type ConfigLayer } from './build-config';
import type { ConfigError } from './config-error';
import type { KioskConfig } from './schema';

export type ApplyResult = { ok: true; config: KioskConfig } | { ok: false; error: ConfigError };
export type ConfigListener = (config: KioskConfig, previous: KioskConfig) => void;

/** The label central pushes carry in errors. */
export const OVERRIDES_SOURCE = 'central overrides';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class ConfigStore {
  readonly #baseLayers: readonly ConfigLayer[];
  #overrides: unknown = {};
  #config: KioskConfig;
  readonly #listeners = new Set<ConfigListener>();
  readonly #onListenerError: ((error: unknown) => void) | undefined;

  /**
   * @param baseLayers the file layers, lowest first (from loadKioskConfig); throws ConfigError if they are invalid.
   * @param options.onListenerError receives what a listener throws, so one bad listener neither stops the others nor
   *   undoes the change. Without it, the first such error is rethrown after every listener has run.
   */
  constructor(baseLayers: readonly ConfigLayer[], options: { onListenerError?: (error: unknown) => void } = {}) {
    this.#baseLayers = [...baseLayers];
    this.#config = deepFreeze(buildConfig(this.#baseLayers));
    this.#onListenerError = options.onListenerError;
  }

  /** The configuration in force; frozen, so a consumer cannot change it for everyone else. */
  get current(): KioskConfig {
    return this.#config;
  }

  /** The override document in force (`{}` until the first good push). */
  get overrides(): unknown {
    return this.#overrides;
  }

  /**
   * Replaces the central overrides with `overrides` (a whole document, see above). A push that makes the
   * configuration invalid is refused and the last good configuration stays in force; listeners hear only of real
   * changes.
   */
  applyOverrides(overrides: unknown): ApplyResult {
    let next: KioskConfig;
    try {
      next = buildConfig([...this.#baseLayers, { source: OVERRIDES_SOURCE, data: overrides }]);
    } catch (error) {
      // buildConfig throws nothing but ConfigError.
      return { ok: false, error: error as ConfigError };
    }
    const previous = this.#config;
    this.#overrides = deepFreeze(structuredClone(overrides));
    if (JSON.stringify(next) === JSON.stringify(previous)) return { ok: true, config: previous };
    this.#config = deepFreeze(next);
    this.#notify(this.#config, previous);
    return { ok: true, config: this.#config };
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: ConfigListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #notify(config: KioskConfig, previous: KioskConfig): void {
    const failures: unknown[] = [];
    for (const listener of [...this.#listeners]) {
      try {
        listener(config, previous);
      } catch (error) {
        if (this.#onListenerError) this.#onListenerError(error);
        else failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
