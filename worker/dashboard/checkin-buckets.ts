/**
 * Check-ins of a program bucketed by when they opened (bucket boundaries computed by the caller, e.g. calendar months
 * in the viewer's zone): counts, still open, possible answers (members × check-ins), and answers per kind.
 */
import type { AnswerBucketRow, CheckinBucketRow } from "../domain/dashboard/checkin-trends";
import { num, type SqlQuery } from "./query";

/**
 * `CASE WHEN c.opens_at < ?k THEN 0 …` over boundaries bound from parameter `first` on (n + 1 boundaries → n buckets).
 */
function bucketCase(boundaries: number[], first: number): string {
  const n = boundaries.length - 1;
  if (n <= 1) return "0";
  const whens = Array.from({ length: n - 1 }, (_, i) => `WHEN c.opens_at < ?${first + i + 1} THEN ${i}`);
  return `CASE ${whens.join(" ")} ELSE ${n - 1} END`;
}

/** The WHERE of both queries: the program's check-ins opened between the first and the last boundary. */
function within(boundaries: number[], first: number): string {
  return `c.program_id = ?1 AND c.opens_at >= ?${first} AND c.opens_at < ?${first + boundaries.length - 1}`;
}

/** Per bucket: check-ins opened, how many are still open at `now`, and members × check-ins. */
export function checkinBucketsQuery(programId: string, now: number, boundaries: number[]): SqlQuery {
  return {
    sql: `SELECT ${bucketCase(boundaries, 3)} AS bucket, count(*) AS checkins, sum(c.closes_at > ?2) AS open,
        sum((SELECT count(*) FROM pairing_members m WHERE m.pairing_id = c.pairing_id)) AS expected
      FROM checkins c WHERE ${within(boundaries, 3)} GROUP BY bucket`,
    params: [programId, now, ...boundaries],
  };
}

/** Per bucket and kind of answer: answers given to the check-ins opened in the bucket. */
export function answerBucketsQuery(programId: string, boundaries: number[]): SqlQuery {
  return {
    sql: `SELECT ${bucketCase(boundaries, 2)} AS bucket, a.answer AS answer, count(*) AS n
      FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id WHERE ${within(boundaries, 2)} GROUP BY bucket, a.answer`,
    params: [programId, ...boundaries],
  };
}

/** When the program's latest check-in (up to `now`) opened: the month the trend ends with. */
export function latestCheckinQuery(programId: string, now: number): SqlQuery {
  return {
    sql: "SELECT max(opens_at) AS latest FROM checkins WHERE program_id = ?1 AND opens_at <= ?2",
    params: [programId, now],
  };
}

/** Reads the rows of `checkinBucketsQuery`. */
export function checkinBucketRows(rows: Record<string, unknown>[]): CheckinBucketRow[] {
  return rows.map((r) => ({
    bucket: num(r.bucket),
    checkins: num(r.checkins),
    open: num(r.open),
    expected: num(r.expected),
  }));
}

/** Reads the rows of `answerBucketsQuery`. */
export function answerBucketRows(rows: Record<string, unknown>[]): AnswerBucketRow[] {
  return rows.map((r) => ({ bucket: num(r.bucket), answer: String(r.answer), n: num(r.n) }));
}
