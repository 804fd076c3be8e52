/** Starting pairings' journeys (one Workflow instance per pairing, its id the pairing's id). */

/** Starts the journeys of new pairings; one that already has a journey is left as it is. Failures are logged, not thrown. */
export async function startJourneys(env: Env, pairingIds: string[]): Promise<number> {
  let started = 0;
  for (const pairingId of pairingIds) {
    try {
      await env.JOURNEY.create({ id: pairingId, params: { pairingId } });
      started++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!/already exists|already_exists/i.test(message)) console.error(`journey for ${pairingId} did not start: ${message}`);
    }
  }
  return started;
}
