/** The dashboard overview's figures: stage funnel, match rate, pairing totals, recent response rate and meetings. */
import type { ProgramType } from "../domain/vocabulary";
import { checkinPeriods, totalOf } from "../domain/dashboard/checkin-trends";
import { MEETINGS_WINDOW_DAYS, type Overview, RESPONSE_WINDOW_DAYS } from "../domain/dashboard/figures";
import { stageFunnel } from "../domain/dashboard/funnel";
import { checkinBucketQueries, readCheckinBuckets, SLOT_MS } from "./checkin-buckets";
import { matchRateOf, matchRateQuery } from "./match-rate";
import { countOf, meetingsHeldBetweenQuery } from "./meeting-counts";
import { pairingTotalsOf, pairingTotalsQuery } from "./pairing-totals";
import { runBatch, type SqlQuery } from "./query";
import { stageGroupsOf, stageGroupsQuery } from "./stage-funnel";

const DAY = 86_400_000;

/**
 * Where the overview's recent windows end: the end of the 15-minute slot `now` is in. Windows of whole days ending there
 * cover whole slots of the count tables, so nothing is counted row by row (a cohort matched at once opens thousands of
 * check-ins in one slot). Check-ins open and meetings are marked once they start, so what the window's last minutes
 * (after now) could add is, in practice, nothing.
 */
const windowEnd = (now: number) => Math.ceil((now + 1) / SLOT_MS) * SLOT_MS;

/** The recent check-ins' statements (the last RESPONSE_WINDOW_DAYS as one bucket). */
const recentCheckins = (programId: string, now: number) =>
  checkinBucketQueries(programId, now, [windowEnd(now) - RESPONSE_WINDOW_DAYS * DAY, windowEnd(now)]);

/** The overview's statements, in the order `loadOverview` reads them (the recent check-ins' last). */
export function overviewQueries(programId: string, type: ProgramType, now: number): SqlQuery[] {
  return [
    stageGroupsQuery(programId),
    matchRateQuery(programId, type),
    pairingTotalsQuery(programId),
    meetingsHeldBetweenQuery(programId, windowEnd(now) - MEETINGS_WINDOW_DAYS * DAY, windowEnd(now)),
    ...recentCheckins(programId, now).queries,
  ];
}

/** Reads the overview in one D1 round trip. */
export async function loadOverview(
  env: Env,
  program: { id: string; type: ProgramType },
  now: number,
): Promise<Overview> {
  const [stages, match, totals, held, ...checkins] = await runBatch(
    env,
    overviewQueries(program.id, program.type, now),
  );
  const counts = readCheckinBuckets(recentCheckins(program.id, now), checkins);
  const recent = checkinPeriods(
    [{ key: "recent", label: `Last ${RESPONSE_WINDOW_DAYS} days` }],
    counts.buckets,
    counts.answers,
  );
  return {
    funnel: stageFunnel(stageGroupsOf(stages!)),
    match: matchRateOf(match!),
    totals: pairingTotalsOf(totals!),
    recent: totalOf(recent, "recent", `Last ${RESPONSE_WINDOW_DAYS} days`),
    meetingsHeld: countOf(held!),
  };
}
