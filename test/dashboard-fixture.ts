/**
 * A large program for dashboard tests and the benchmark, as a few SQL statements that generate their rows with
 * recursive CTEs (fast, small, deterministic): pairings of a mentor and a mentee in every stage, ~10% at risk, stage
 * changes along each pairing's path, check-ins every 14 days with mixed answers, weekly meetings held or missed, and
 * goals. Pure: returns SQL text, so tests run it through env.DB and the benchmark through `wrangler d1 execute --file`.
 */

/** What to generate. */
export interface LargeProgram {
  programId: string;
  coordinatorId: string;
  pairings: number;
  /** Check-ins per pairing, one every 14 days ending now (26 ≈ a year). */
  checkinsPerPairing: number;
  now: number;
}

const DAY = 86_400_000;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Stage of pairing i: of every 20, 1 proposed, 2 onboarding, 8 active, 2 wrapping up, 3 closed, 2 paused, 2 ended
 * early.
 */
const STAGE_OF_I = `CASE WHEN i % 20 = 0 THEN 'proposed' WHEN i % 20 < 3 THEN 'onboarding' WHEN i % 20 < 11 THEN 'active' WHEN i % 20 < 13 THEN 'wrapping_up'
  WHEN i % 20 < 16 THEN 'closed' WHEN i % 20 < 18 THEN 'paused' ELSE 'ended_early' END`;

/** The SQL statements that create the program, its people, pairings and their projection rows. */
export function largeProgramSql(o: LargeProgram): string[] {
  const P = q(o.programId);
  const n = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${o.pairings - 1})`;
  const nk = (k: number) => `${n}, k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${k - 1})`;
  const id = (kind: string) => `${P} || '-${kind}' || i`;
  const start = o.now - 365 * DAY;
  return [
    `INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by, created_at, updated_at)
      VALUES (${P}, 'Large program', 'one-to-one', 52, 14, 'coordinator', ${q(o.coordinatorId)}, ${start}, ${start})`,
    `INSERT INTO memberships (program_id, person_id, role, status, created_at) VALUES (${P}, ${q(o.coordinatorId)}, 'coordinator', 'active', ${start})`,
    `${n} INSERT INTO people (id, email, name, time_zone, created_at, updated_at)
      SELECT ${id("m")}, ${id("m")} || '@example.org', 'Mentor ' || i, 'Europe/Berlin', ${start}, ${start} FROM n
      UNION ALL SELECT ${id("e")}, ${id("e")} || '@example.org', 'Mentee ' || i, 'America/New_York', ${start}, ${start} FROM n`,
    `${n} INSERT INTO memberships (program_id, person_id, role, status, created_at)
      SELECT ${P}, ${id("m")}, 'mentor', 'active', ${start} FROM n UNION ALL SELECT ${P}, ${id("e")}, 'mentee', 'active', ${start} FROM n`,
    `${n} INSERT INTO pairings (id, program_id, source, stage, created_at, last_activity_at, ended_at, goal_count, goal_progress, risk_reason, risk_since)
      SELECT ${id("p")}, ${P}, 'matching', ${STAGE_OF_I}, ${start} + (i % 30) * ${DAY},
        CASE WHEN i % 17 = 0 THEN NULL ELSE ${o.now} - (i % 45) * ${DAY} - i * 1000 END,
        CASE WHEN i % 20 >= 13 AND i % 20 < 16 OR i % 20 >= 18 THEN ${o.now} - (i % 40) * ${DAY} END,
        i % 4, CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 37) % 101 END,
        CASE WHEN i % 10 = 3 THEN 'Check-in ' || (i % 9 + 1) || ' had no answer.' END,
        CASE WHEN i % 10 = 3 THEN ${o.now} - (i % 60) * ${DAY} - i * 1000 END
      FROM n`,
    `${n} INSERT INTO pairing_members (pairing_id, person_id, role, program_id)
      SELECT ${id("p")}, ${id("m")}, 'mentor', ${P} FROM n UNION ALL SELECT ${id("p")}, ${id("e")}, 'mentee', ${P} FROM n`,
    // Stage changes along the main path as far as each pairing got (paused ones got to active, ended ones to
    // onboarding), then the side step.
    `${n}, s(i, far, side) AS (SELECT i, CASE WHEN i % 20 = 0 THEN 0 WHEN i % 20 < 3 THEN 1 WHEN i % 20 < 11 THEN 2 WHEN i % 20 < 13 THEN 3 WHEN i % 20 < 16 THEN 4
        WHEN i % 20 < 18 THEN 2 ELSE 1 END, CASE WHEN i % 20 >= 18 THEN 'ended_early' WHEN i % 20 >= 16 THEN 'paused' END FROM n),
      steps(k, f, t) AS (VALUES (1, 'proposed', 'onboarding'), (2, 'onboarding', 'active'), (3, 'active', 'wrapping_up'), (4, 'wrapping_up', 'closed'))
      INSERT INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at)
      SELECT ${id("p")}, k, f, t, '', 'journey', ${start} + k * 20 * ${DAY} + i FROM s JOIN steps ON k <= far
      UNION ALL SELECT ${id("p")}, far + 1, CASE far WHEN 2 THEN 'active' ELSE 'onboarding' END, side, 'Generated', ${id("m")}, ${start} + 200 * ${DAY} + i FROM s WHERE side IS NOT NULL`,
    // A check-in every 14 days ending now (open for 7 days) for every pairing past proposed.
    `${nk(o.checkinsPerPairing)} INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at)
      SELECT ${id("p")} || '-c' || j, ${id("p")}, ${P}, 'check-in-' || (j + 1), ${o.now} - (${o.checkinsPerPairing - 1} - j) * 14 * ${DAY} - (i % 7) * 3600000,
        ${o.now} - (${o.checkinsPerPairing - 1} - j) * 14 * ${DAY} - (i % 7) * 3600000 + 7 * ${DAY}
      FROM n, k WHERE i % 20 <> 0`,
    // Most members answer; answers mixed (half going well, 30% OK, 10% struggling, 10% not met).
    `${n} INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, comment, answered_at)
      SELECT c.id, m.person_id, c.pairing_id, CASE (i * 7 + c.opens_at / ${DAY} + length(m.role)) % 10 WHEN 0 THEN 'struggling' WHEN 1 THEN 'not-met'
          WHEN 2 THEN 'ok' WHEN 3 THEN 'ok' WHEN 4 THEN 'ok' ELSE 'going-well' END, '', c.opens_at + ${DAY}
      FROM n JOIN checkins c ON c.pairing_id = ${id("p")} JOIN pairing_members m ON m.pairing_id = c.pairing_id
      WHERE (i + c.opens_at / ${DAY} + length(m.role)) % 6 <> 0`,
    `${n} INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, time_zone, start_local, duration_minutes, repeat, status, sequence, first_start, last_end, created_at, updated_at)
      SELECT ${id("p")} || '-mt', ${id("p")}, ${id("m")}, 'Weekly', 'video', 'UTC', '2026-01-05T10:00', 60, 'weekly', 'confirmed', 0, ${start}, ${o.now}, ${start}, ${start} FROM n WHERE i % 20 <> 0`,
    // Up to 12 weekly occurrences with an outcome, one in five missed.
    `${nk(12)} INSERT INTO meeting_outcomes (meeting_id, recurrence_id, pairing_id, outcome, starts_at, recorded_at)
      SELECT ${id("p")} || '-mt', 'r' || j, ${id("p")}, CASE WHEN (i + j) % 5 = 0 THEN 'missed' ELSE 'held' END, ${o.now} - (j + 1) * 7 * ${DAY}, ${o.now} - (j + 1) * 7 * ${DAY} + 3600000
      FROM n, k WHERE i % 20 <> 0 AND j < i % 13`,
    `${nk(3)} INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, target_date, updated_at)
      SELECT ${id("p")}, 'g' || j, 'Goal ' || j, CASE (i + j) % 5 WHEN 0 THEN 'achieved' WHEN 1 THEN 'dropped' ELSE 'open' END, (i * 37 + j * 11) % 101, NULL, ${start}
      FROM n, k WHERE j < i % 4`,
  ];
}
