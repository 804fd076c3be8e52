/** Engagement distributions: pairings by meetings held and by mean goal progress. Pure. */
import type { Count } from "./funnel";

/** Meetings-held buckets: 0, 1, 2, 3–4, 5–9, 10+ (inclusive bounds). */
export const HELD_BUCKETS = [
  { key: "0", label: "0 held", min: 0, max: 0 },
  { key: "1", label: "1 held", min: 1, max: 1 },
  { key: "2", label: "2 held", min: 2, max: 2 },
  { key: "3-4", label: "3–4 held", min: 3, max: 4 },
  { key: "5-9", label: "5–9 held", min: 5, max: 9 },
  { key: "10+", label: "10+ held", min: 10, max: Number.POSITIVE_INFINITY },
] as const;

/** Goal-progress buckets of a pairing's mean progress (0–100), and pairings without goals apart. */
export const PROGRESS_BUCKETS = [
  { key: "0-24", label: "0–24%", min: 0, max: 24 },
  { key: "25-49", label: "25–49%", min: 25, max: 49 },
  { key: "50-74", label: "50–74%", min: 50, max: 74 },
  { key: "75-99", label: "75–99%", min: 75, max: 99 },
  { key: "100", label: "100%", min: 100, max: 100 },
] as const;

/** Counts rows `{ value, n }` into inclusive-range buckets; values outside every bucket are left out. */
function bucketCounts(
  rows: { value: number; n: number }[],
  buckets: readonly { key: string; label: string; min: number; max: number }[],
): Count[] {
  return buckets.map((b) => ({
    key: b.key,
    label: b.label,
    n: rows.filter((r) => r.value >= b.min && r.value <= b.max).reduce((s, r) => s + r.n, 0),
  }));
}

/** Pairings by how many meetings they held. */
export function heldDistribution(rows: { held: number; n: number }[]): Count[] {
  return bucketCounts(
    rows.map((r) => ({ value: r.held, n: r.n })),
    HELD_BUCKETS,
  );
}

/** Pairings by mean goal progress, and how many have no goals (progress null). */
export function progressDistribution(rows: { progress: number | null; n: number }[]): {
  buckets: Count[];
  noGoals: number;
} {
  const withGoals = rows
    .filter((r): r is { progress: number; n: number } => r.progress !== null)
    .map((r) => ({ value: Math.round(r.progress), n: r.n }));
  return {
    buckets: bucketCounts(withGoals, PROGRESS_BUCKETS),
    noGoals: rows.filter((r) => r.progress === null).reduce((s, r) => s + r.n, 0),
  };
}
