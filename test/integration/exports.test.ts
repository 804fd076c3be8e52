/**
 * Coordinators' CSV exports: access, exact rows, formula-injection guards end to end, streaming of large programs,
 * index use.
 */
import { translator } from "../../worker/domain/i18n/translate";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../worker/domain/csv";
import { EXPORTS } from "../../worker/exports/catalog";
import { Browser, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let other: TestPairing;
const T0 = Date.UTC(2026, 0, 5, 9, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

/** The records of a CSV response (after checking it is one). */
async function csvOf(res: Response): Promise<{ text: string; rows: string[][] }> {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return { text, rows: parsed.records.map((r) => r.cells) };
}

beforeAll(async () => {
  p = await makePairing("exp", ["mentor-exp@example.org", "mentee-exp@example.org"], "active");
  other = await makePairing("exq", ["mentor-exq@example.org", "mentee-exq@example.org"]);
  const [mentor, mentee] = p.memberIds as [string, string];
  await env.DB.batch([
    env.DB.prepare("UPDATE people SET name = ?2, time_zone = 'America/New_York' WHERE id = ?1").bind(
      mentor,
      '=HYPERLINK("http://x")',
    ),
    env.DB.prepare("UPDATE people SET name = ?2, time_zone = 'Asia/Tokyo' WHERE id = ?1").bind(mentee, 'Smith, "Jo"'),
    env.DB.prepare("UPDATE memberships SET created_at = ?2, invited_at = ?3 WHERE program_id = ?1").bind(
      p.programId,
      T0,
      T0 - 86_400_000,
    ),
    env.DB.prepare(
      `UPDATE pairings SET created_at = ?2, last_activity_at = ?3, stage_reason = '', risk_reason = '@risk: quiet', risk_since = ?3, message_count = 7, agreement_signed = 1,
         goal_count = 1, goal_progress = 40 WHERE id = ?1`,
    ).bind(p.pairingId, T0, T0 + 3_600_000),
    env.DB.prepare(
      "INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, target_date, updated_at) VALUES (?1, 'g1', '+Ship, the \"thing\"', 'open', 40, '2026-03-01', ?2)",
    ).bind(p.pairingId, T0),
    env.DB.prepare(
      `INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, time_zone, start_local, duration_minutes, repeat, status, sequence, first_start, last_end, created_at, updated_at)
       VALUES ('m1', ?1, ?2, 'Kick-off', 'video', 'Europe/Berlin', '2026-01-10T10:00', 45, 'none', 'confirmed', 0, ?3, ?3, ?3, ?3)`,
    ).bind(p.pairingId, mentor, T0),
    env.DB.prepare(
      "INSERT INTO meeting_outcomes (meeting_id, recurrence_id, pairing_id, outcome, starts_at, recorded_at) VALUES ('m1', '2026-01-10T10:00', ?1, 'held', ?2, ?2)",
    ).bind(p.pairingId, T0),
    env.DB.prepare(
      "INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at) VALUES ('c1', ?1, ?2, 'check-in-1', ?3, ?4)",
    ).bind(p.pairingId, p.programId, T0, T0 + 86_400_000),
    env.DB.prepare(
      "INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, comment, answered_at) VALUES ('c1', ?1, ?2, 'ok', ?3, ?4)",
    ).bind(mentee, p.pairingId, "line one\nline two, with a comma", T0 + 60_000),
  ]);
});

describe("access", () => {
  it("sends visitors to sign in, refuses members and other programs' coordinators, and 404s unknown files and programs", async () => {
    const anonymous = await new Browser().fetch(`/programs/${p.programId}/exports/pairings.csv`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("Location")).toContain("/signin");
    const member = await signedIn("mentee-exp@example.org");
    expect((await member.fetch(`/programs/${p.programId}/exports`)).status).toBe(403);
    expect((await member.fetch(`/programs/${p.programId}/exports/participants.csv`)).status).toBe(403);
    const otherCoordinator = await signedIn("coord-exq@example.org");
    for (const e of EXPORTS)
      expect((await otherCoordinator.fetch(`/programs/${p.programId}/exports/${e.kind}.csv`)).status).toBe(403);
    const coordinator = await signedIn("coord-exp@example.org");
    expect((await coordinator.fetch(`/programs/${p.programId}/exports/secrets.csv`)).status).toBe(404);
    expect((await coordinator.fetch(`/programs/nope/exports/pairings.csv`)).status).toBe(404);
    expect((await coordinator.fetch(`/programs/${other.programId}/exports/pairings.csv`)).status).toBe(403);
  });

  it("lists every download with its columns and the privacy note", async () => {
    const coordinator = await signedIn("coord-exp@example.org");
    const { res, html } = await coordinator.get(`/programs/${p.programId}/exports`);
    expect(res.status).toBe(200);
    for (const e of EXPORTS) expect(html).toContain(`href="/programs/${p.programId}/exports/${e.kind}.csv"`);
    expect(html).toContain("Columns: pairing, members, stage, stage reason");
    expect(html).toContain("never contain a pairing&#39;s chat, notes");
    expect(html).toMatch(/aria-current="page"[^>]*><svg class="i"[^>]*><use [^>]*><\/use><\/svg>Exports/);
  });
});

describe("rows", () => {
  it("exports participants with the formula guard and RFC 4180 quoting", async () => {
    const coordinator = await signedIn("coord-exp@example.org");
    const res = await coordinator.fetch(`/programs/${p.programId}/exports/participants.csv`);
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="program-exp-participants-${today()}.csv"`,
    );
    const { text, rows } = await csvOf(res);
    expect(text.startsWith("\uFEFFname,email,role,status,time zone,joined,invited,in pairings\r\n")).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`"Smith, ""Jo"""`);
    expect(rows).toEqual([
      ["name", "email", "role", "status", "time zone", "joined", "invited", "in pairings"],
      ['Smith, "Jo"', "mentee-exp@example.org", "mentee", "active", "Asia/Tokyo", iso(T0), iso(T0 - 86_400_000), "1"],
      [
        `'=HYPERLINK("http://x")`,
        "mentor-exp@example.org",
        "mentor",
        "active",
        "America/New_York",
        iso(T0),
        iso(T0 - 86_400_000),
        "1",
      ],
    ]);
  });

  it("exports pairings, check-ins, meetings and goals exactly", async () => {
    const coordinator = await signedIn("coord-exp@example.org");
    const base = `/programs/${p.programId}/exports`;
    const members = `'=HYPERLINK("http://x") (mentor); Smith, "Jo" (mentee)`;
    const pairings = await csvOf(await coordinator.fetch(`${base}/pairings.csv`));
    expect(pairings.rows[1]).toEqual([
      p.pairingId,
      members,
      "Active",
      "",
      "'@risk: quiet",
      iso(T0 + 3_600_000),
      iso(T0),
      iso(T0 + 3_600_000),
      "",
      "7",
      "yes",
      "1",
      "40",
      "1",
      "0",
    ]);
    expect(pairings.rows.length).toBe(2);
    const checkins = await csvOf(await coordinator.fetch(`${base}/checkins.csv`));
    expect(checkins.rows).toEqual([
      ["pairing", "members", "milestone", "opens", "closes", "person", "answer", "answered at", "comment"],
      [
        p.pairingId,
        members,
        "check-in-1",
        iso(T0),
        iso(T0 + 86_400_000),
        'Smith, "Jo"',
        "OK",
        iso(T0 + 60_000),
        "line one\nline two, with a comma",
      ],
      [p.pairingId, members, "check-in-1", iso(T0), iso(T0 + 86_400_000), `'=HYPERLINK("http://x")`, "", "", ""],
    ]);
    const meetings = await csvOf(await coordinator.fetch(`${base}/meetings.csv`));
    expect(meetings.rows).toEqual([
      [
        "pairing",
        "title",
        "kind",
        "organiser",
        "time zone",
        "local start",
        "duration (minutes)",
        "repeat",
        "status",
        "held",
        "missed",
      ],
      [
        p.pairingId,
        "Kick-off",
        "Video call",
        `'=HYPERLINK("http://x")`,
        "Europe/Berlin",
        "2026-01-10T10:00",
        "45",
        "Does not repeat",
        "confirmed",
        "1",
        "0",
      ],
    ]);
    const goals = await csvOf(await coordinator.fetch(`${base}/goals.csv`));
    expect(goals.rows).toEqual([
      ["pairing", "title", "status", "progress", "target date", "updated"],
      [p.pairingId, `'+Ship, the "thing"`, "open", "40", "2026-03-01", iso(T0)],
    ]);
    const otherGoals = await csvOf(
      await (await signedIn("coord-exq@example.org")).fetch(`/programs/${other.programId}/exports/goals.csv`),
    );
    expect(otherGoals.rows.length).toBe(1);
  });

  it("shows a deleted person as such, without an email", async () => {
    const [, mentee] = p.memberIds as [string, string];
    await env.DB.prepare("UPDATE people SET deleted_at = 1 WHERE id = ?1").bind(mentee).run();
    const coordinator = await signedIn("coord-exp@example.org");
    const { rows } = await csvOf(await coordinator.fetch(`/programs/${p.programId}/exports/participants.csv`));
    expect(rows[1]!.slice(0, 2)).toEqual(["Deleted person", ""]);
    const pairings = await csvOf(await coordinator.fetch(`/programs/${p.programId}/exports/pairings.csv`));
    expect(pairings.rows[1]![1]).toBe(`'=HYPERLINK("http://x") (mentor); Deleted person (mentee)`);
    await env.DB.prepare("UPDATE people SET deleted_at = NULL WHERE id = ?1").bind(mentee).run();
  });
});

describe("large programs", () => {
  let big: TestPairing;
  const N = 1_200;

  beforeAll(async () => {
    big = await makePairing("big", ["mentor-big@example.org", "mentee-big@example.org"]);
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO people (id, email, name) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         SELECT printf('bulk-%05d', i), printf('bulk%05d@example.org', i), printf('Bulk, "%05d"', i) FROM n`,
      ).bind(N),
      env.DB.prepare(
        `INSERT INTO memberships (program_id, person_id, role, status) SELECT ?1, id, 'mentee', 'active' FROM people WHERE id LIKE 'bulk-%'`,
      ).bind(big.programId),
      env.DB.prepare(
        `INSERT INTO pairings (id, program_id, source, stage, created_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
         SELECT printf('bulkpair%05d', i), ?1, 'matching', 'active', ?2 FROM n`,
      ).bind(big.programId, T0),
      env.DB.prepare(
        `INSERT INTO pairing_members (pairing_id, person_id, role, program_id) SELECT printf('bulkpair%05d', substr(id, 6) + 0), id, 'mentee', ?1 FROM people WHERE id LIKE 'bulk-%' AND substr(id, 6) + 0 <= 1000`,
      ).bind(big.programId),
    ]);
  });

  it("streams every row of 1,200 participants and 1,001 pairings, across pages", async () => {
    const coordinator = await signedIn("coord-big@example.org");
    const participants = await csvOf(await coordinator.fetch(`/programs/${big.programId}/exports/participants.csv`));
    expect(participants.rows.length).toBe(1 + N + 2);
    const names = participants.rows.slice(1).map((r) => r[0]);
    expect(new Set(names).size).toBe(N + 2);
    expect(names).toContain('Bulk, "01200"');
    const pairings = await csvOf(await coordinator.fetch(`/programs/${big.programId}/exports/pairings.csv`));
    expect(pairings.rows.length).toBe(1 + 1001);
    expect(new Set(pairings.rows.slice(1).map((r) => r[0])).size).toBe(1001);
    expect(pairings.rows.find((r) => r[0] === "bulkpair00777")![1]).toBe('Bulk, "00777" (mentee)');
  });

  it("reads through indexes, never scanning a whole table", async () => {
    const seen: { sql: string; params: unknown[] }[] = [];
    const db = new Proxy(env.DB, {
      get(target, key) {
        if (key !== "prepare") return Reflect.get(target, key).bind(target);
        return (sql: string) => ({
          bind: (...params: unknown[]) => {
            seen.push({ sql, params });
            return target.prepare(sql).bind(...params);
          },
        });
      },
    });
    for (const e of EXPORTS)
      await new Response(e.stream({ ...env, DB: db } as Env, big.programId, translator("en"))).text();
    expect(seen.length).toBeGreaterThanOrEqual(EXPORTS.length);
    for (const { sql, params } of seen) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const scans = plan.results
        .map((r) => r.detail)
        .filter((d) => /^SCAN (?!.*USING)/.test(d) && !/^SCAN (n|CONSTANT ROW|\(subquery-\d+\))$/.test(d));
      expect(scans, sql).toEqual([]);
    }
  });
});
