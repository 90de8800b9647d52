// How one configuration layer is laid over the layers beneath it.
//
// Plain objects merge key by key, so a terminal file can change `ui.idle.countdownSeconds` alone. Everything else
// replaces: arrays (a list is one setting; merging two lists by index means nothing), scalars, and the entries listed
// in `replacedWhole`. Those are the tagged unions (a device entry, the platform): a layer that names a device says
// everything about it. Merging would mix two variants — a site's `{ kind: 'serial', port }` under a terminal's
// `{ kind: 'usb', devicePath }` would yield a usb printer with a stray `port` — and an entry without `kind` would
// silently inherit a device from another file. Replaced whole, each entry is validated as the layer wrote it.

/** Paths (dot-separated, `*` = any key) whose value a layer replaces rather than merges into. */
export const replacedWhole: readonly string[] = ['platform', 'devices.*'];

export type JsonObject = { [key: string]: unknown };

export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isReplacedWhole(path: readonly string[]): boolean {
  return replacedWhole.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i]);
  });
}

/** Lays `upper` over `lower` without modifying either. */
export function mergeLayer(lower: unknown, upper: unknown, path: readonly string[] = []): unknown {
  if (!isPlainObject(upper) || !isPlainObject(lower) || isReplacedWhole(path)) return upper;
  const result: JsonObject = {};
  for (const source of [lower, upper]) {
    for (const key of Object.keys(source)) {
      const value = source === upper && Object.hasOwn(lower, key) ? mergeLayer(lower[key], upper[key], [...path, key]) : source[key];
      // defineProperty, not assignment: a "__proto__" key from JSON stays an own key (and the strict schema rejects
      // it) instead of changing the result's prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return result;
}
