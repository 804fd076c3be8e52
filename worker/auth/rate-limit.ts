/** Sliding-window rate limits counted in D1 (sign-in mail per address and per client). */
import { and, count, eq, gt, lt, min } from "drizzle-orm";
import { db } from "../db/client";
import { rateEvents } from "../db/schema";

/** At most `max` events per sliding window of `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Records one event in each bucket unless any bucket is already full.
 * Returns null when allowed, or the milliseconds until the fullest bucket frees a slot.
 */
export async function takeRateSlots(
  env: Env,
  buckets: { bucket: string; limit: Limit }[],
  now = Date.now(),
): Promise<number | null> {
  const d = db(env);
  let waitMs = 0;
  for (const { bucket, limit } of buckets) {
    const since = now - limit.windowMs;
    const [row] = await d
      .select({ n: count(), oldest: min(rateEvents.at) })
      .from(rateEvents)
      .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.at, since)));
    if ((row?.n ?? 0) >= limit.max) waitMs = Math.max(waitMs, (row?.oldest ?? now) + limit.windowMs - now);
  }
  if (waitMs > 0) return waitMs;
  await d.batch([
    d.insert(rateEvents).values(buckets.map(({ bucket }) => ({ bucket, at: now }))),
    d.delete(rateEvents).where(lt(rateEvents.at, now - 86_400_000)),
  ]);
  return null;
}
