/**
 * Every per-program dashboard statement uses an index: EXPLAIN QUERY PLAN (through D1, on a program of 400 pairings
 * with a year of check-ins, meetings, goals and stage changes) must show no SCAN of a large table, by name or by alias.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { dashboardQueries } from "../../worker/dashboard/query-plans";
import type { SqlQuery } from "../../worker/dashboard/query";
import { largeProgramSql } from "../dashboard-fixture";

const LARGE_TABLES = [
  "pairings",
  "pairing_members",
  "memberships",
  "people",
  "checkins",
  "checkin_answers",
  "checkin_slots",
  "checkin_answer_slots",
  "meetings",
  "meeting_outcomes",
  "pairing_goals",
  "pairing_stage_changes",
  "audit_log",
  "notifications",
];
const KEYWORDS = new Set([
  "where",
  "on",
  "join",
  "group",
  "order",
  "limit",
  "left",
  "inner",
  "cross",
  "union",
  "using",
]);
const now = Date.now();

/** Each name a statement's FROM/JOIN clauses give a table (the table itself and its alias), mapped to the table. */
function tableNames(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)(?:\s+(?:AS\s+)?([a-z_]+))?/gi)) {
    const table = m[1]!.toLowerCase();
    names.set(table, table);
    if (m[2] && !KEYWORDS.has(m[2].toLowerCase())) names.set(m[2].toLowerCase(), table);
  }
  return names;
}

/** The plan lines of a statement, as D1 reports them. */
async function planOf(q: SqlQuery): Promise<string[]> {
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
    .bind(...q.params)
    .all<{ detail: string }>();
  return plan.results.map((r) => r.detail);
}

/**
 * The plan lines that read a large table without an index to narrow it: a SCAN (of the table or a whole index), or a
 * SEARCH naming no index.
 */
async function largeScans(q: SqlQuery): Promise<string[]> {
  const names = tableNames(q.sql);
  return (await planOf(q)).filter((line) => {
    const scanned = (/^SCAN (\w+)/.exec(line) ?? /^SEARCH (\w+)$/.exec(line))?.[1]?.toLowerCase();
    return scanned !== undefined && LARGE_TABLES.includes(names.get(scanned) ?? scanned);
  });
}

beforeAll(async () => {
  await env.DB.prepare("INSERT INTO people (id, email) VALUES ('qp-coord', 'qp-coord@example.org')").run();
  await env.DB.batch(
    largeProgramSql({ programId: "qp", coordinatorId: "qp-coord", pairings: 400, checkinsPerPairing: 26, now }).map(
      (s) => env.DB.prepare(s),
    ),
  );
  // A second program, so "the program's rows" is not "every row".
  await env.DB.batch(
    largeProgramSql({
      programId: "qp-other",
      coordinatorId: "qp-coord",
      pairings: 100,
      checkinsPerPairing: 4,
      now,
    }).map((s) => env.DB.prepare(s)),
  );
});

describe("dashboard query plans", () => {
  it("seeded a large-ish program", async () => {
    const count = (table: string) =>
      env.DB.prepare(`SELECT count(*) AS n FROM ${table}`)
        .first<{ n: number }>()
        .then((r) => r!.n);
    expect(await count("pairings")).toBe(500);
    expect(await count("checkins")).toBeGreaterThan(9000);
    expect(await count("checkin_answers")).toBeGreaterThan(12_000);
    expect(await count("meeting_outcomes")).toBeGreaterThan(2000);
    expect(await count("pairing_stage_changes")).toBeGreaterThan(700);
    expect(await count("pairing_goals")).toBeGreaterThan(500);
  });

  it("catches a full scan when there is one (the check can fail)", async () => {
    expect(await largeScans({ sql: "SELECT count(*) FROM checkins c WHERE c.closes_at > ?1", params: [now] })).toEqual([
      expect.stringMatching(/^SCAN c\b/),
    ]);
    expect(
      await largeScans({ sql: "SELECT count(*) FROM pairings WHERE risk_reason IS NOT NULL", params: [] }),
    ).toEqual([expect.stringMatching(/^SCAN pairings/)]);
  });

  const queries = dashboardQueries("qp", "one-to-one", "Europe/Berlin", now);
  it("covers every dashboard page's statements", () => {
    expect(queries.length).toBe(30);
  });

  for (const { name, query } of queries) {
    it(`${name} searches by index`, async () => {
      const plan = await planOf(query);
      expect(
        plan.some((line) => /^SEARCH /.test(line)),
        plan.join("\n"),
      ).toBe(true);
      expect(await largeScans(query), plan.join("\n")).toEqual([]);
    });
  }

  it("the peer program's match rate searches by index too", async () => {
    const [overview] = dashboardQueries("qp", "peer", "UTC", now).filter((q) => q.name === "overview #2");
    expect(await largeScans(overview!.query)).toEqual([]);
    expect((await planOf(overview!.query)).join("\n")).toMatch(
      /SEARCH pm USING (COVERING )?INDEX pairing_members_person_idx \(person_id=\?/,
    );
  });
});
