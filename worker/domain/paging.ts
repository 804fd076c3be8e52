/** Page numbers from the address bar, for every paged list. Pure. */

/** A page number from a query value: 1 when missing or nonsense, at most `max`. */
export function pageNumber(value: string | undefined, max = 10_000): number {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) ? Math.max(1, Math.min(max, n)) : 1;
}
