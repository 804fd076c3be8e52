/**
 * The engagement page's data: meetings held per pairing, held vs missed, pairings by goal progress, goals by status.
 */
import type { Engagement } from "../domain/dashboard/figures";
import { heldDistribution, progressDistribution } from "../domain/dashboard/distributions";
import { goalStatusQuery, progressGroupsQuery, progressRows, statusCounts } from "./goal-counts";
import { heldPerPairingQuery, heldRows, outcomeTotalsOf, outcomeTotalsQuery } from "./meeting-counts";
import { runBatch, type SqlQuery } from "./query";

/** The engagement statements, in the order `loadEngagement` reads them. */
export function engagementQueries(programId: string): SqlQuery[] {
  return [
    heldPerPairingQuery(programId),
    outcomeTotalsQuery(programId),
    progressGroupsQuery(programId),
    goalStatusQuery(programId),
  ];
}

/** Reads the engagement figures in one D1 round trip. */
export async function loadEngagement(env: Env, programId: string): Promise<Engagement> {
  const [held, outcomes, progress, statuses] = await runBatch(env, engagementQueries(programId));
  const perPairing = heldRows(held!);
  const goals = progressDistribution(progressRows(progress!));
  return {
    pairings: perPairing.reduce((s, r) => s + r.n, 0),
    held: heldDistribution(perPairing),
    outcomes: outcomeTotalsOf(outcomes!),
    progress: goals.buckets,
    noGoals: goals.noGoals,
    goalStatuses: statusCounts(statuses!),
  };
}
