/** Sliding-window rate limits counted in D1 (sign-in mail per address and per client). */
import { and, count, eq, gt, lt, min } from "drizzle-orm";
import { db } from "../db/client";
import { rateEvents } from "../db/schema";

/** At most `max` events per sliding window of `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

// Raw SQL: the check and the insert must be one statement, or parallel requests all pass the check before any
// inserts (a count-then-insert sent 11 and 30 sign-in mails for one address under load). The builder cannot express an
// INSERT … SELECT FROM json_each guarded by correlated counts. D1 runs each statement atomically, one write at a time.
const TAKE_SLOTS = `INSERT INTO rate_events (bucket, at)
SELECT json_extract(b.value, '$.bucket'), ?1 FROM json_each(?2) b
WHERE NOT EXISTS (
  SELECT 1 FROM json_each(?2) f
  WHERE (SELECT count(*) FROM rate_events r
         WHERE r.bucket = json_extract(f.value, '$.bucket') AND r.at > json_extract(f.value, '$.since'))
        >= json_extract(f.value, '$.max'))
RETURNING bucket`;

/**
 * Records one event in each bucket unless any bucket is already full, in one atomic statement, so the limits hold
 * however many requests arrive at once. Returns null when allowed, or the milliseconds until the fullest bucket frees
 * a slot.
 */
export async function takeRateSlots(
  env: Env,
  buckets: { bucket: string; limit: Limit }[],
  now = Date.now(),
): Promise<number | null> {
  const spec = buckets.map(({ bucket, limit }) => ({ bucket, since: now - limit.windowMs, max: limit.max }));
  const taken = await env.DB.prepare(TAKE_SLOTS).bind(now, JSON.stringify(spec)).all();
  if (taken.results.length === buckets.length) {
    const d = db(env);
    await d.delete(rateEvents).where(lt(rateEvents.at, now - 86_400_000));
    return null;
  }
  return waitFor(env, buckets, now);
}

/** How long until every full bucket frees a slot (at least 1 ms: the request was refused). */
async function waitFor(env: Env, buckets: { bucket: string; limit: Limit }[], now: number): Promise<number> {
  const d = db(env);
  let waitMs = 1;
  for (const { bucket, limit } of buckets) {
    const since = now - limit.windowMs;
    const [row] = await d
      .select({ n: count(), oldest: min(rateEvents.at) })
      .from(rateEvents)
      .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.at, since)));
    if ((row?.n ?? 0) >= limit.max) waitMs = Math.max(waitMs, (row?.oldest ?? now) + limit.windowMs - now);
  }
  return waitMs;
}
