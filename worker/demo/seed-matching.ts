/**
 * The demo's matching state: staged proposals in the main program and a self-match program with one pending request.
 */
import { scorePair } from "../domain/matching/score";
import { settingsOf, weightsOf } from "../domain/matching/settings";
import { endedPairs, weekOf } from "../domain/matching/types";
import { loadPool } from "../matching/candidates";
import { createRequest } from "../matching/requests";
import { startRun } from "../matching/runs";

/** The id of the demo self-match program. */
export const DEMO_SELF_MATCH_PROGRAM_ID = "demo-self-match";
const DAY = 86_400_000;

/**
 * The self-match program's people (demo ids). Diego (mentor7) mentors only here, so publishing the main program's
 * proposals cannot use up the places his waiting request needs.
 */
export const DEMO_SELF_MATCH = {
  mentors: ["demo-mentor3", "demo-mentor7"],
  mentees: ["demo-mentee3", "demo-mentee6", "demo-mentee11"],
  onlyHere: ["demo-mentor7"],
};

/** Stages a matching run for the main program and leaves one self-match request waiting for Diego (mentor7). */
export async function seedMatching(env: Env, mainProgramId: string, coordinatorId: string, now: number): Promise<void> {
  await startRun(env, mainProgramId, coordinatorId, now);
  const settings = settingsOf(null);
  const pool = await loadPool(env, DEMO_SELF_MATCH_PROGRAM_ID, settings.maxMentorsPerMentee, {
    mentors: ["demo-mentor7"],
    mentees: ["demo-mentee6"],
  });
  const [mentor, mentee] = [pool.mentors[0], pool.mentees[0]];
  if (!mentor || !mentee) return;
  const { score } = scorePair(mentor, mentee, weightsOf(settings), {
    week: weekOf(now),
    ended: endedPairs(pool.ended),
  });
  await createRequest(env, {
    programId: DEMO_SELF_MATCH_PROGRAM_ID,
    menteeId: mentee.id,
    mentorId: mentor.id,
    message: "Hola Diego, I just became a team lead and would love your advice on running my first product reviews.",
    score,
    openLimit: 1,
    now,
    expiresAt: now + settings.requestExpiryDays * DAY,
  });
}
