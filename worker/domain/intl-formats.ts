/**
 * Intl formatters made once per isolate and kept: making one costs far more than using it, and list pages format a
 * time on every row. Bounded: cleared when it grows past a few hundred locale × zone × style keys. Pure (a cache).
 */
type Format = Intl.DateTimeFormat | Intl.RelativeTimeFormat;

const formats = new Map<string, Format>();

/** The formatter kept under `key`, made by `make` the first time. */
export function keptFormat<T extends Format>(key: string, make: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    if (formats.size >= 500) formats.clear();
    format = make();
    formats.set(key, format);
  }
  return format;
}
