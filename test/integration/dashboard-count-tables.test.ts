/**
 * The count tables the dashboards read (`stage_group_counts`, `goal_status_counts`, `pairing_held_counts`,
 * `meeting_outcome_slots`, kept by triggers, migration 0020) always equal counting the pairings, stage changes and outcomes themselves: after seeding,
 * after stage changes and stage moves, after the room's projection replaces a pairing's meetings and outcomes, when an
 * outcome changes, and when a pairing is deleted. And the overview's "held" figure over a window cut mid-slot equals
 * counting the rows.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_STAGES } from "../../worker/domain/dashboard/funnel";
import { meetingsHeldBetweenQuery } from "../../worker/dashboard/meeting-counts";
import { runBatch } from "../../worker/dashboard/query";
import { largeProgramSql } from "../dashboard-fixture";

const now = Date.now();
const SLOT = 900_000;
const position = (column: string) =>
  `coalesce(CASE ${column} ${FUNNEL_STAGES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(" ")} END, -1)`;

/** Count rows that differ from counting the rows themselves (stage groups, then outcome slots). */
async function differences(): Promise<{ stages: unknown[]; outcomes: unknown[]; goals: unknown[]; held: unknown[] }> {
  const stages = await env.DB.prepare(
    `WITH r AS (SELECT program_id, stage, furthest, count(*) AS n FROM (
        SELECT p.program_id, p.stage, coalesce((SELECT max(max(${position("s.from_stage")}, ${position("s.to_stage")}))
          FROM pairing_stage_changes s WHERE s.pairing_id = p.id), -1) AS furthest FROM pairings p) GROUP BY 1, 2, 3)
     SELECT r.program_id, r.stage, r.furthest, r.n, x.n AS kept FROM r
       LEFT JOIN stage_group_counts x USING (program_id, stage, furthest) WHERE x.n IS NOT r.n
     UNION ALL
     SELECT x.program_id, x.stage, x.furthest, 0, x.n FROM stage_group_counts x
       WHERE x.n <> 0 AND NOT EXISTS (SELECT 1 FROM r WHERE (r.program_id, r.stage, r.furthest) = (x.program_id, x.stage, x.furthest))`,
  ).all();
  const outcomes = await env.DB.prepare(
    `WITH r AS (SELECT p.program_id, o.starts_at / ${SLOT} AS slot, o.outcome, count(*) AS n
        FROM meeting_outcomes o JOIN pairings p ON p.id = o.pairing_id GROUP BY 1, 2, 3)
     SELECT r.program_id, r.slot, r.outcome, r.n, x.n AS kept FROM r
       LEFT JOIN meeting_outcome_slots x USING (program_id, slot, outcome) WHERE x.n IS NOT r.n
     UNION ALL
     SELECT x.program_id, x.slot, x.outcome, 0, x.n FROM meeting_outcome_slots x
       WHERE x.n <> 0 AND NOT EXISTS (SELECT 1 FROM r WHERE (r.program_id, r.slot, r.outcome) = (x.program_id, x.slot, x.outcome))`,
  ).all();
  const goals = await env.DB.prepare(
    `WITH r AS (SELECT p.program_id, g.status, count(*) AS n FROM pairing_goals g JOIN pairings p ON p.id = g.pairing_id GROUP BY 1, 2)
     SELECT r.program_id, r.status, r.n, x.n AS kept FROM r LEFT JOIN goal_status_counts x USING (program_id, status) WHERE x.n IS NOT r.n
     UNION ALL
     SELECT x.program_id, x.status, 0, x.n FROM goal_status_counts x
       WHERE x.n <> 0 AND NOT EXISTS (SELECT 1 FROM r WHERE (r.program_id, r.status) = (x.program_id, x.status))`,
  ).all();
  const held = await env.DB.prepare(
    `SELECT p.id, p.program_id, (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'held') AS held,
       x.program_id AS kept_program, x.held AS kept
     FROM pairings p LEFT JOIN pairing_held_counts x ON x.pairing_id = p.id
     WHERE x.held IS NOT (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'held') OR x.program_id IS NOT p.program_id
     UNION ALL
     SELECT x.pairing_id, x.program_id, 0, x.program_id, x.held FROM pairing_held_counts x WHERE NOT EXISTS (SELECT 1 FROM pairings p WHERE p.id = x.pairing_id)`,
  ).all();
  return { stages: stages.results, outcomes: outcomes.results, goals: goals.results, held: held.results };
}

const none = { stages: [], outcomes: [], goals: [], held: [] };
const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();
const first = async <T>(sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...params)
    .first<T>())!;

beforeAll(async () => {
  await run("INSERT INTO people (id, email) VALUES ('counts-coord', 'counts-coord@example.org')");
  for (const programId of ["counts", "counts-other"])
    await env.DB.batch(
      largeProgramSql({ programId, coordinatorId: "counts-coord", pairings: 60, checkinsPerPairing: 2, now }).map((s) =>
        env.DB.prepare(s),
      ),
    );
});

describe("dashboard count tables", () => {
  it("count what was seeded (every stage group and outcome slot)", async () => {
    const kept = await first<{ n: number }>("SELECT sum(n) AS n FROM stage_group_counts WHERE program_id = 'counts'");
    expect(kept.n).toBe(60);
    const groups = await first<{ n: number }>(
      "SELECT count(*) AS n FROM stage_group_counts WHERE program_id = 'counts' AND n > 0",
    );
    expect(groups.n).toBeGreaterThan(4);
    const outcomes = await first<{ n: number }>(
      "SELECT sum(n) AS n FROM meeting_outcome_slots WHERE program_id = 'counts'",
    );
    expect(outcomes.n).toBeGreaterThan(100);
    const goals = await first<{ n: number }>("SELECT sum(n) AS n FROM goal_status_counts WHERE program_id = 'counts'");
    expect(goals.n).toBeGreaterThan(40);
    const held = await first<{ n: number; rows: number }>(
      "SELECT sum(held) AS n, count(*) AS rows FROM pairing_held_counts WHERE program_id = 'counts'",
    );
    expect(held).toEqual({ n: expect.any(Number), rows: 60 });
    expect(held.n).toBeGreaterThan(100);
    expect(await differences()).toEqual(none);
  });

  it("follow stage changes, stage moves and a new pairing", async () => {
    const pairing = (
      await first<{ id: string }>(
        "SELECT id FROM pairings WHERE program_id = 'counts' AND stage = 'onboarding' LIMIT 1",
      )
    ).id;
    const seq = (
      await first<{ n: number }>(
        "SELECT coalesce(max(seq), 0) + 1 AS n FROM pairing_stage_changes WHERE pairing_id = ?",
        pairing,
      )
    ).n;
    await run(
      "INSERT INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at) VALUES (?, ?, 'onboarding', 'wrapping_up', '', 'journey', ?)",
      pairing,
      seq,
      now,
    );
    await run("UPDATE pairings SET stage = 'wrapping_up' WHERE id = ?", pairing);
    expect(await differences()).toEqual(none);
    // A change that goes back does not lower the furthest stage; a paused pairing keeps its furthest.
    await run(
      "INSERT INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at) VALUES (?, ?, 'wrapping_up', 'paused', '', 'journey', ?)",
      pairing,
      seq + 1,
      now + 1,
    );
    await run("UPDATE pairings SET stage = 'paused' WHERE id = ?", pairing);
    // The same change again is ignored, as the projection's INSERT OR IGNORE does.
    await run(
      "INSERT OR IGNORE INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at) VALUES (?, ?, 'wrapping_up', 'closed', '', 'journey', ?)",
      pairing,
      seq + 1,
      now + 2,
    );
    await run(
      "INSERT INTO pairings (id, program_id, source, stage, created_at, projection_version) VALUES ('counts-new', 'counts', 'manual', 'proposed', ?, 1)",
      now,
    );
    expect(await differences()).toEqual(none);
  });

  it("follow a pairing's meetings and outcomes replaced whole (as the room's projection does), changed and deleted", async () => {
    const pairing = (
      await first<{ id: string }>(
        "SELECT pairing_id AS id FROM meeting_outcomes o JOIN pairings p ON p.id = o.pairing_id WHERE p.program_id = 'counts' GROUP BY 1 HAVING count(*) > 3 LIMIT 1",
      )
    ).id;
    const meetings = (await env.DB.prepare("SELECT * FROM meetings WHERE pairing_id = ?").bind(pairing).all()).results;
    const outcomes = (await env.DB.prepare("SELECT * FROM meeting_outcomes WHERE pairing_id = ?").bind(pairing).all())
      .results;
    await run("DELETE FROM meetings WHERE pairing_id = ?", pairing); // cascades to the outcomes
    expect(await differences()).toEqual(none);
    for (const m of meetings)
      await run(
        `INSERT INTO meetings (${Object.keys(m).join(", ")}) VALUES (${Object.keys(m)
          .map(() => "?")
          .join(", ")})`,
        ...Object.values(m),
      );
    for (const o of outcomes.slice(1))
      await run(
        `INSERT INTO meeting_outcomes (${Object.keys(o).join(", ")}) VALUES (${Object.keys(o)
          .map(() => "?")
          .join(", ")})`,
        ...Object.values(o),
      );
    expect(await differences()).toEqual(none);
    await run(
      "UPDATE meeting_outcomes SET outcome = CASE outcome WHEN 'held' THEN 'missed' ELSE 'held' END, starts_at = starts_at + 3600000 WHERE pairing_id = ? AND recurrence_id = ?",
      pairing,
      (outcomes[2] as { recurrence_id: string }).recurrence_id,
    );
    await run(
      "DELETE FROM meeting_outcomes WHERE pairing_id = ? AND recurrence_id = ?",
      pairing,
      (outcomes[3] as { recurrence_id: string }).recurrence_id,
    );
    expect(await differences()).toEqual(none);
    // Goals replaced whole (as the projection does), one changing status.
    const goals = (await env.DB.prepare("SELECT * FROM pairing_goals WHERE pairing_id = ?").bind(pairing).all())
      .results;
    await run("DELETE FROM pairing_goals WHERE pairing_id = ?", pairing);
    for (const [k, g] of [...goals, { ...goals[0], goal_id: "extra", status: "open" }].entries())
      if (g?.goal_id)
        await run(
          "INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, target_date, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
          pairing,
          g.goal_id,
          `Goal ${k}`,
          k === 0 ? "achieved" : g.status,
          0,
          null,
          now,
        );
    await run("UPDATE pairing_goals SET status = 'dropped' WHERE pairing_id = ? AND goal_id = 'extra'", pairing);
    expect(await differences()).toEqual(none);
    await run("DELETE FROM pairings WHERE id = ?", pairing);
    expect(await differences()).toEqual(none);
    const gone = await first<{ n: number }>("SELECT count(*) AS n FROM meeting_outcomes WHERE pairing_id = ?", pairing);
    expect(gone.n).toBe(0);
  });

  it("held in a window cut mid-slot at both ends equals counting the outcomes", async () => {
    const bounds = await first<{ lo: number; hi: number }>(
      "SELECT min(starts_at) AS lo, max(starts_at) AS hi FROM meeting_outcomes o JOIN pairings p ON p.id = o.pairing_id WHERE p.program_id = 'counts'",
    );
    const windows: [number, number][] = [
      [bounds.lo - 1, bounds.hi + 1],
      [bounds.lo + 1, bounds.hi], // both ends inside a slot, the ends' own outcomes left out
      [bounds.lo, bounds.lo + 1], // inside one slot
      [bounds.hi - 7 * 86_400_000 + 123_456, bounds.hi + 1],
    ];
    for (const [from, to] of windows) {
      const [rows] = await runBatch(env, [meetingsHeldBetweenQuery("counts", from, to)]);
      const want = await first<{ n: number }>(
        "SELECT count(*) AS n FROM meeting_outcomes o JOIN pairings p ON p.id = o.pairing_id WHERE p.program_id = 'counts' AND o.outcome = 'held' AND o.starts_at >= ? AND o.starts_at < ?",
        from,
        to,
      );
      expect(Number(rows![0]!.n), `[${from}, ${to})`).toBe(want.n);
    }
  });
});
