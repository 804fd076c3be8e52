/** Calendar months in a viewer's time zone as instant ranges, for bucketing check-ins by month. Pure. */
import { LocalDateTime } from "../local-date-time";

/**
 * One calendar month in a time zone: [start, end) in epoch ms, with a key like "2026-03" and a label like "Mar 2026".
 */
export interface MonthBucket {
  key: string;
  label: string;
  start: number;
  end: number;
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The `count` calendar months in `timeZone` that end with the month containing `instant`, oldest first. */
export function monthsEndingAt(instant: number, timeZone: string, count: number): MonthBucket[] {
  const here = LocalDateTime.at(instant, timeZone);
  const last = LocalDateTime.of(here.year, here.month, 1)!;
  // A month starts at the first instant of its first day (midnight, or when the clocks jump past it, the jump).
  const startOf = (ym: LocalDateTime) => ym.toEpochMs(timeZone);
  const months: MonthBucket[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const ym = last.add({ months: -i });
    months.push({
      key: `${ym.year}-${String(ym.month).padStart(2, "0")}`,
      label: `${MONTH_NAMES[ym.month - 1]} ${ym.year}`,
      start: startOf(ym),
      end: startOf(ym.add({ months: 1 })),
    });
  }
  return months;
}

/** The boundaries of consecutive buckets: every start, then the last end (n buckets give n + 1 numbers). */
export function boundariesOf(buckets: { start: number; end: number }[]): number[] {
  return buckets.length === 0 ? [] : [...buckets.map((b) => b.start), buckets[buckets.length - 1]!.end];
}

/** The index of the bucket an instant falls in, or -1 outside them all (what the SQL bucket expression computes). */
export function bucketIndex(instant: number, boundaries: number[]): number {
  if (boundaries.length < 2 || instant < boundaries[0]! || instant >= boundaries[boundaries.length - 1]!) return -1;
  let i = 0;
  while (instant >= boundaries[i + 1]!) i++;
  return i;
}
