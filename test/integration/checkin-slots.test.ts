/**
 * The check-in count tables the dashboards read (`checkin_slots`, `checkin_answer_slots`, kept by triggers) always
 * equal counting the check-ins and answers themselves: after seeding, after the room's projection replaces a pairing's
 * check-ins and answers, when answers change, a check-in moves, members come and go, and a pairing is deleted.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SLOT_MS } from "../../worker/dashboard/checkin-buckets";
import { largeProgramSql } from "../dashboard-fixture";

const now = Date.now();

/** Slot rows that differ from counting the check-ins, then answer slot rows that differ from counting the answers. */
async function differences(): Promise<{ slots: unknown[]; answers: unknown[] }> {
  const slots = await env.DB.prepare(
    `SELECT r.program_id, r.slot, r.checkins, r.expected, x.checkins AS kept_checkins, x.expected AS kept_expected FROM (
       SELECT program_id, opens_at / ${SLOT_MS} AS slot, count(*) AS checkins,
         sum((SELECT count(*) FROM pairing_members m WHERE m.pairing_id = c.pairing_id)) AS expected
       FROM checkins c GROUP BY 1, 2) r
     LEFT JOIN checkin_slots x ON x.program_id = r.program_id AND x.slot = r.slot
     WHERE x.checkins IS NOT r.checkins OR x.expected IS NOT r.expected
     UNION ALL
     SELECT x.program_id, x.slot, 0, 0, x.checkins, x.expected FROM checkin_slots x
     WHERE (x.checkins <> 0 OR x.expected <> 0)
       AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.program_id = x.program_id AND c.opens_at / ${SLOT_MS} = x.slot)`,
  ).all();
  const answers = await env.DB.prepare(
    `SELECT r.program_id, r.slot, r.answer, r.n, x.n AS kept FROM (
       SELECT c.program_id, c.opens_at / ${SLOT_MS} AS slot, a.answer, count(*) AS n
       FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id GROUP BY 1, 2, 3) r
     LEFT JOIN checkin_answer_slots x ON x.program_id = r.program_id AND x.slot = r.slot AND x.answer = r.answer
     WHERE x.n IS NOT r.n
     UNION ALL
     SELECT x.program_id, x.slot, x.answer, 0, x.n FROM checkin_answer_slots x WHERE x.n <> 0 AND NOT EXISTS (
       SELECT 1 FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id
       WHERE c.program_id = x.program_id AND c.opens_at / ${SLOT_MS} = x.slot AND a.answer = x.answer)`,
  ).all();
  return { slots: slots.results, answers: answers.results };
}

const none = { slots: [], answers: [] };
const run = (sql: string, ...params: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...params)
    .run();

beforeAll(async () => {
  await run("INSERT INTO people (id, email) VALUES ('slots-coord', 'slots-coord@example.org')");
  await env.DB.batch(
    largeProgramSql({ programId: "slots", coordinatorId: "slots-coord", pairings: 60, checkinsPerPairing: 8, now }).map(
      (s) => env.DB.prepare(s),
    ),
  );
});

describe("check-in count tables", () => {
  it("count what was seeded", async () => {
    const kept = await env.DB.prepare(
      "SELECT sum(checkins) AS checkins, sum(expected) AS expected FROM checkin_slots WHERE program_id = 'slots'",
    ).first<{ checkins: number; expected: number }>();
    expect(kept!.checkins).toBeGreaterThan(300);
    expect(kept!.expected).toBe(kept!.checkins * 2);
    expect(await differences()).toEqual(none);
  });

  it("follow a pairing's check-ins and answers replaced whole, as the room's projection does", async () => {
    const pairing = (await env.DB.prepare(
      "SELECT pairing_id AS id FROM checkins WHERE program_id = 'slots' LIMIT 1 OFFSET 40",
    ).first<{ id: string }>())!.id;
    const checkins = (await env.DB.prepare("SELECT * FROM checkins WHERE pairing_id = ?").bind(pairing).all()).results;
    const answers = (await env.DB.prepare("SELECT * FROM checkin_answers WHERE pairing_id = ?").bind(pairing).all())
      .results;
    expect(answers.length).toBeGreaterThan(2);
    await run("DELETE FROM checkins WHERE pairing_id = ?", pairing);
    expect((await differences()).slots).toEqual([]);
    await run(
      "INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at) SELECT json_extract(value, '$.id'), json_extract(value, '$.pairing_id'), json_extract(value, '$.program_id'), json_extract(value, '$.milestone'), json_extract(value, '$.opens_at'), json_extract(value, '$.closes_at') FROM json_each(?)",
      JSON.stringify(checkins),
    );
    // One answer fewer than before, and one changed.
    await run(
      "INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, comment, answered_at) SELECT json_extract(value, '$.checkin_id'), json_extract(value, '$.person_id'), json_extract(value, '$.pairing_id'), json_extract(value, '$.answer'), '', json_extract(value, '$.answered_at') FROM json_each(?)",
      JSON.stringify(answers.slice(1)),
    );
    await run(
      "UPDATE checkin_answers SET answer = CASE answer WHEN 'ok' THEN 'struggling' ELSE 'ok' END WHERE pairing_id = ? AND rowid = (SELECT max(rowid) FROM checkin_answers WHERE pairing_id = ?)",
      pairing,
      pairing,
    );
    await run(
      "DELETE FROM checkin_answers WHERE rowid = (SELECT min(rowid) FROM checkin_answers WHERE pairing_id = ?)",
      pairing,
    );
    expect(await differences()).toEqual(none);
  });

  it("follow a check-in moved to another time, members coming and going, and a pairing deleted", async () => {
    await run(
      "UPDATE checkins SET opens_at = opens_at + 5400000 WHERE rowid IN (SELECT rowid FROM checkins WHERE program_id = 'slots' LIMIT 3 OFFSET 7)",
    );
    const pairing = (await env.DB.prepare(
      "SELECT pairing_id AS id FROM checkins WHERE program_id = 'slots' LIMIT 1 OFFSET 100",
    ).first<{ id: string }>())!.id;
    await run("INSERT INTO people (id, email) VALUES ('slots-extra', 'slots-extra@example.org')");
    await run(
      "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, 'slots-extra', 'mentee', 'slots')",
      pairing,
    );
    expect(await differences()).toEqual(none);
    await run(
      "DELETE FROM pairing_members WHERE pairing_id = ? AND person_id <> 'slots-extra' AND role = 'mentee'",
      pairing,
    );
    expect(await differences()).toEqual(none);
    await run("DELETE FROM pairings WHERE id = ?", pairing);
    expect(await differences()).toEqual(none);
  });
});
