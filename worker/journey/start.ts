/** Starting pairings' journeys (one Workflow instance per pairing, its id the pairing's id). */
import { asc, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { pairings } from "../db/schema";
import { logEvent, scrubbedMessage } from "../observability/log";

/**
 * Starts the journeys of new pairings; one that already has a journey is left as it is. Failures are logged, not
 * thrown.
 */
export async function startJourneys(env: Env, pairingIds: string[]): Promise<number> {
  let started = 0;
  for (const pairingId of pairingIds) {
    try {
      await env.JOURNEY.create({ id: pairingId, params: { pairingId } });
      started++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!/already exists|already_exists/i.test(message))
        logEvent({
          event: "journey.start",
          level: "error",
          pairingId,
          outcome: "failed",
          error: scrubbedMessage(message),
        });
    }
  }
  return started;
}

/**
 * Wakes journeys after a restart of the local server: wrangler dev's Workflows keep a sleeping instance's timer in
 * memory only, so after a restart an instance stays asleep until it receives an event (production Workflows wake on
 * their own). Sends each journey (the given pairing ids, or every pairing still under way) a "wake-up" event, which no
 * step waits for: the engine resumes the instance, which replays its finished steps and sleeps again until its next due
 * time.
 */
export async function wakeJourneys(env: Env, pairingIds?: string[]): Promise<{ woken: number; asked: number }> {
  const ids = pairingIds?.length
    ? pairingIds
    : (
        await db(env)
          .select({ id: pairings.id })
          .from(pairings)
          .where(inArray(pairings.stage, ["onboarding", "active", "wrapping_up", "paused"]))
          .orderBy(asc(pairings.id))
      ).map((r) => r.id);
  let woken = 0;
  for (const id of ids) {
    try {
      await (await env.JOURNEY.get(id)).sendEvent({ type: "wake-up", payload: {} });
      woken++;
    } catch {
      // no journey for this pairing
    }
  }
  return { woken, asked: ids.length };
}
