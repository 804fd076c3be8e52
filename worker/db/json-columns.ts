/**
 * Readers for JSON text columns written by raw SQL queries: malformed or unexpected JSON reads as empty, never throws.
 */

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
};

/** A JSON array column as its string items. */
export function stringList(json: string): string[] {
  const v = parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** A JSON object column as its string-valued entries. */
export function stringRecord(json: string): Record<string, string> {
  const v = parse(json);
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A weekly availability column (`[{ day, start, end }]`) as its well-formed slots. */
export function slotList(json: string): { day: number; start: number; end: number }[] {
  const v = parse(json);
  if (!Array.isArray(v)) return [];
  return v.filter(
    (x): x is { day: number; start: number; end: number } =>
      !!x &&
      typeof x === "object" &&
      Number.isInteger(x.day) &&
      Number.isInteger(x.start) &&
      Number.isInteger(x.end) &&
      x.start < x.end,
  );
}
