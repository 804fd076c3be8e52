/**
 * Check-ins of a program bucketed by when they opened (bucket boundaries computed by the caller, e.g. calendar months
 * in the viewer's zone): counts, still open, possible answers (members × check-ins), and answers per kind.
 *
 * The counts come from `checkin_slots` and `checkin_answer_slots` (per program and 15-minute slot of opening, kept by
 * triggers), so a year of a large program is a few hundred rows, not every check-in and answer. Boundaries inside
 * the range must fall on a slot boundary (month starts do, in every zone); the range's own ends need not: the part of
 * a slot before the first boundary or after the last is counted from the check-ins themselves. "Still open" is
 * counted from the check-ins that close after now (few), by their closing time.
 */
import type { AnswerBucketRow, CheckinBucketRow } from "../domain/dashboard/checkin-trends";
import { num, type SqlQuery } from "./query";

/** The slot length of the count tables (15 minutes, in ms): `slot = opens_at / SLOT_MS`. */
export const SLOT_MS = 900_000;

/**
 * `CASE WHEN <column> < ?k THEN 0 …` over boundaries bound from parameter `first` on (n + 1 boundaries → n buckets).
 */
function bucketCase(column: string, boundaries: number[], first: number): string {
  const n = boundaries.length - 1;
  if (n <= 1) return "0";
  const whens = Array.from({ length: n - 1 }, (_, i) => `WHEN ${column} < ?${first + i + 1} THEN ${i}`);
  return `CASE ${whens.join(" ")} ELSE ${n - 1} END`;
}

/** The statements of a bucketed count, in the order `readCheckinBuckets` reads them. */
export interface CheckinBucketQueries {
  queries: SqlQuery[];
  /** The bucket each edge pair of statements (after the open count) counts into: the first and the last. */
  edges: number[];
}

/** Counts per bucket from the slot tables: check-ins, members × check-ins; then answers per kind. */
function slotQueries(programId: string, slots: number[]): SqlQuery[] {
  const range = `s.program_id = ?1 AND s.slot >= ?2 AND s.slot < ?${slots.length + 1}`;
  return [
    {
      sql: `SELECT ${bucketCase("s.slot", slots, 2)} AS bucket, sum(s.checkins) AS checkins, sum(s.expected) AS expected
        FROM checkin_slots s WHERE ${range} GROUP BY bucket`,
      params: [programId, ...slots],
    },
    {
      sql: `SELECT ${bucketCase("s.slot", slots, 2)} AS bucket, s.answer AS answer, sum(s.n) AS n
        FROM checkin_answer_slots s WHERE ${range} GROUP BY bucket, s.answer`,
      params: [programId, ...slots],
    },
  ];
}

/**
 * The same counts from the check-ins themselves over [from, to), a part of one slot at an end of the range (one
 * bucket; the member count per check-in is fine for the few check-ins of a quarter hour).
 */
function edgeQueries(programId: string, from: number, to: number): SqlQuery[] {
  const where = "c.program_id = ?1 AND c.opens_at >= ?2 AND c.opens_at < ?3";
  return [
    {
      sql: `SELECT 0 AS bucket, count(*) AS checkins, sum((SELECT count(*) FROM pairing_members m WHERE m.pairing_id = c.pairing_id)) AS expected
        FROM checkins c WHERE ${where}`,
      params: [programId, from, to],
    },
    {
      sql: `SELECT 0 AS bucket, a.answer AS answer, count(*) AS n FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id
        WHERE ${where} GROUP BY a.answer`,
      params: [programId, from, to],
    },
  ];
}

/**
 * Per bucket: check-ins still open at `now`. Only check-ins closing after now are read (by `checkins_program_closes_idx`;
 * the unary `+` keeps SQLite from walking the opening-time index over the whole range instead).
 */
function openQuery(programId: string, now: number, boundaries: number[]): SqlQuery {
  const last = boundaries.length + 2;
  return {
    sql: `SELECT ${bucketCase("c.opens_at", boundaries, 3)} AS bucket, count(*) AS open
      FROM checkins c WHERE c.program_id = ?1 AND c.closes_at > ?2 AND +c.opens_at >= ?3 AND +c.opens_at < ?${last} GROUP BY bucket`,
    params: [programId, now, ...boundaries],
  };
}

/** The old way, every check-in and answer of the range: only for boundaries off the slots (no zone has those today). */
function rawQueries(programId: string, boundaries: number[]): SqlQuery[] {
  const last = boundaries.length + 1;
  const where = `c.program_id = ?1 AND c.opens_at >= ?2 AND c.opens_at < ?${last}`;
  return [
    {
      sql: `SELECT ${bucketCase("c.opens_at", boundaries, 2)} AS bucket, count(*) AS checkins,
          sum((SELECT count(*) FROM pairing_members m WHERE m.pairing_id = c.pairing_id)) AS expected
        FROM checkins c WHERE ${where} GROUP BY bucket`,
      params: [programId, ...boundaries],
    },
    {
      sql: `SELECT ${bucketCase("c.opens_at", boundaries, 2)} AS bucket, a.answer AS answer, count(*) AS n
        FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id WHERE ${where} GROUP BY bucket, a.answer`,
      params: [programId, ...boundaries],
    },
  ];
}

/**
 * The statements counting the program's check-ins opened in each bucket between consecutive `boundaries` (n + 1
 * boundaries → n buckets).
 */
export function checkinBucketQueries(programId: string, now: number, boundaries: number[]): CheckinBucketQueries {
  const first = boundaries[0]!;
  const last = boundaries[boundaries.length - 1]!;
  const inner = boundaries.slice(1, -1);
  const open = openQuery(programId, now, boundaries);
  if (inner.some((b) => b % SLOT_MS !== 0)) return { queries: [...rawQueries(programId, boundaries), open], edges: [] };
  const firstSlot = Math.ceil(first / SLOT_MS);
  const lastSlot = Math.floor(last / SLOT_MS);
  // A range inside one slot (one bucket): the check-ins themselves.
  if (firstSlot > lastSlot) return { queries: [...edgeQueries(programId, first, last), open], edges: [] };
  return {
    queries: [
      ...slotQueries(programId, [firstSlot, ...inner.map((b) => b / SLOT_MS), lastSlot]),
      open,
      ...edgeQueries(programId, first, firstSlot * SLOT_MS),
      ...edgeQueries(programId, lastSlot * SLOT_MS, last),
    ],
    edges: [0, boundaries.length - 2],
  };
}

/** Reads the rows of `checkinBucketQueries` (in its order) into per-bucket counts and answers. */
export function readCheckinBuckets(
  q: CheckinBucketQueries,
  rows: Record<string, unknown>[][],
): { buckets: CheckinBucketRow[]; answers: AnswerBucketRow[] } {
  const counts = new Map<number, CheckinBucketRow>();
  const answers = new Map<string, AnswerBucketRow>();
  const row = (bucket: number) => {
    const r = counts.get(bucket) ?? { bucket, checkins: 0, open: 0, expected: 0 };
    counts.set(bucket, r);
    return r;
  };
  // Rows come in pairs (counts, answers), the open count third; edge pairs name no bucket of their own.
  const addPair = (pair: number, bucket: number | null) => {
    for (const r of rows[pair === 0 ? 0 : pair * 2 + 1]!) {
      const b = row(bucket ?? num(r.bucket));
      b.checkins += num(r.checkins);
      b.expected += num(r.expected);
    }
    for (const r of rows[pair === 0 ? 1 : pair * 2 + 2]!) {
      const at = bucket ?? num(r.bucket);
      const key = `${at}\u0000${String(r.answer)}`;
      const a = answers.get(key) ?? { bucket: at, answer: String(r.answer), n: 0 };
      a.n += num(r.n);
      answers.set(key, a);
    }
  };
  addPair(0, null);
  for (const r of rows[2]!) row(num(r.bucket)).open += num(r.open);
  for (const [i, bucket] of q.edges.entries()) addPair(i + 1, bucket);
  return { buckets: [...counts.values()].filter((b) => b.checkins > 0 || b.open > 0), answers: [...answers.values()] };
}

/** When the program's latest check-in (up to `now`) opened: the month the trend ends with. */
export function latestCheckinQuery(programId: string, now: number): SqlQuery {
  return {
    sql: "SELECT max(opens_at) AS latest FROM checkins WHERE program_id = ?1 AND opens_at <= ?2",
    params: [programId, now],
  };
}
