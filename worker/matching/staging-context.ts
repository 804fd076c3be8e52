/** Everything a hand edit of a staged run needs to re-check constraints as the matcher did. */
import { settingsOf, weightsOf, type MatchSettings } from "../domain/matching/settings";
import { endedPairs, type MatchContext, type ProgramWeights } from "../domain/matching/types";
import type { Program } from "../domain/records";
import { loadPool, type PoolFilter, type ProgramPool } from "./candidates";
import type { MatchRun } from "../domain/matching/review";

/** A staged run with its program's settings. */
export interface Staging {
  program: Program;
  run: MatchRun;
  settings: MatchSettings;
  weights: ProgramWeights;
  peer: boolean;
}

/** Builds the staging context for a program's run. */
export function stagingOf(program: Program, run: MatchRun): Staging {
  const settings = settingsOf(program.matchSettings);
  return { program, run, settings, weights: weightsOf(settings), peer: program.type === "peer" };
}

/** Loads some of the program's people with the match context of the run (its week, ended pairs). */
export async function poolFor(
  env: Env,
  s: Staging,
  only: PoolFilter,
): Promise<{ pool: ProgramPool; ctx: MatchContext }> {
  const filter = {
    ...(s.peer && only.mentors && only.mentees
      ? { mentors: [...only.mentors, ...only.mentees], mentees: [...only.mentors, ...only.mentees] }
      : only),
    includeInvited: s.run.includeInvited,
  };
  const pool = await loadPool(env, s.program.id, s.settings.maxMentorsPerMentee, filter);
  return { pool, ctx: { week: s.run.week, ended: endedPairs(pool.ended) } };
}
