/**
 * The check-in page's data: response rate and answers per calendar month in the viewer's zone, last 12 months with
 * data.
 */
import { type CheckinPeriod, checkinPeriods } from "../domain/dashboard/checkin-trends";
import { boundariesOf, type MonthBucket, monthsEndingAt } from "../domain/dashboard/months";
import {
  type CheckinBucketQueries,
  checkinBucketQueries,
  latestCheckinQuery,
  readCheckinBuckets,
} from "./checkin-buckets";
import { num, runBatch } from "./query";

export const TREND_MONTHS = 12;

/** The months of the trend, oldest first, with their counts (leading months without check-ins left out). */
export type CheckinTrend = CheckinPeriod[];

/** The 12 months in `timeZone` ending with the month of `latest` (or of `now` when there are no check-ins). */
export function trendMonths(latest: number | null, now: number, timeZone: string): MonthBucket[] {
  return monthsEndingAt(Math.min(latest ?? now, now), timeZone, TREND_MONTHS);
}

/** The statements for the months' counts, as `loadCheckinTrend` runs them. */
export function trendQueries(programId: string, now: number, months: MonthBucket[]): CheckinBucketQueries {
  return checkinBucketQueries(programId, now, boundariesOf(months));
}

/** Finds the latest check-in, then counts the 12 months ending with it (two round trips). */
export async function loadCheckinTrend(
  env: Env,
  programId: string,
  timeZone: string,
  now: number,
): Promise<CheckinTrend> {
  const [latestRows] = await runBatch(env, [latestCheckinQuery(programId, now)]);
  const latest = latestRows![0]?.latest;
  if (latest === null || latest === undefined) return [];
  const months = trendMonths(num(latest), now, timeZone);
  const trend = trendQueries(programId, now, months);
  const counts = readCheckinBuckets(trend, await runBatch(env, trend.queries));
  return checkinPeriods(months, counts.buckets, counts.answers);
}
