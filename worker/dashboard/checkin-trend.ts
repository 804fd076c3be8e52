/**
 * The check-in page's data: response rate and answers per calendar month in the viewer's zone, last 12 months with
 * data.
 */
import { type CheckinPeriod, checkinPeriods } from "../domain/dashboard/checkin-trends";
import { boundariesOf, type MonthBucket, monthsEndingAt } from "../domain/dashboard/months";
import {
  answerBucketRows,
  answerBucketsQuery,
  checkinBucketRows,
  checkinBucketsQuery,
  latestCheckinQuery,
} from "./checkin-buckets";
import { num, runBatch, type SqlQuery } from "./query";

export const TREND_MONTHS = 12;

/** The months of the trend, oldest first, with their counts (leading months without check-ins left out). */
export type CheckinTrend = CheckinPeriod[];

/** The 12 months in `timeZone` ending with the month of `latest` (or of `now` when there are no check-ins). */
export function trendMonths(latest: number | null, now: number, timeZone: string): MonthBucket[] {
  return monthsEndingAt(Math.min(latest ?? now, now), timeZone, TREND_MONTHS);
}

/** The statements for the months' counts, in the order `loadCheckinTrend` reads them. */
export function trendQueries(programId: string, now: number, months: MonthBucket[]): SqlQuery[] {
  const boundaries = boundariesOf(months);
  return [checkinBucketsQuery(programId, now, boundaries), answerBucketsQuery(programId, boundaries)];
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
  const [buckets, answers] = await runBatch(env, trendQueries(programId, now, months));
  return checkinPeriods(months, checkinBucketRows(buckets!), answerBucketRows(answers!));
}
