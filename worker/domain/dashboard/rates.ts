/** Rates and percentages that say "no data" rather than divide by zero. Pure. */

/** `part / whole`, or null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** A whole-number percentage like "83%", or "—" when the denominator is zero. */
export function percentText(part: number, whole: number): string {
  const r = ratio(part, whole);
  return r === null ? "—" : `${Math.round(r * 100)}%`;
}

/**
 * Each part's share of their sum in whole percent (largest remainder, so they add up to 100); zeros when the sum is 0.
 */
export function sharesOf(parts: number[]): number[] {
  return apportion(parts, 100);
}

/** Splits `total` into whole numbers proportional to `parts` that add up to `total` exactly (largest remainder). */
export function apportion(parts: number[], total: number): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p / sum) * total);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}
