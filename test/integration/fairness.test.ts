import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { formatInstant } from "../../worker/domain/format-time";
import { Browser, createPerson, gzipSize } from "../helpers";

const PROGRAM = {
  name: "Fair Circle",
  description: "",
  type: "one-to-one",
  length_weeks: "24",
  cadence_days: "14",
  matching_mode: "coordinator",
};
const DEPARTMENT = { attributes: [{ key: "department", label: "Department", weight: 0 }] };

async function createProgram(b: Browser, fields: Record<string, string> = PROGRAM): Promise<string> {
  const res = await b.post("/programs/new", fields);
  expect(res.status).toBe(303);
  return res.headers.get("Location")!.split("/").pop()!;
}

interface Member {
  id: string;
  role: "mentor" | "mentee";
  zone?: string;
  languages?: string[];
  attributes?: Record<string, string>;
  status?: "active" | "invited";
}

/** Inserts people with their profile and membership in a program. */
async function addMembers(programId: string, members: Member[]): Promise<void> {
  await env.DB.batch(
    members.flatMap((m) => [
      env.DB.prepare("INSERT INTO people (id, email, time_zone, languages) VALUES (?, ?, ?, ?)").bind(
        m.id,
        `${m.id}@example.org`,
        m.zone ?? "UTC",
        JSON.stringify(m.languages ?? []),
      ),
      env.DB.prepare(
        "INSERT INTO memberships (program_id, person_id, role, status, attributes) VALUES (?, ?, ?, ?, ?)",
      ).bind(programId, m.id, m.role, m.status ?? "active", JSON.stringify(m.attributes ?? {})),
    ]),
  );
}

/** Inserts a match run with proposals [mentor, mentee, score]. */
async function addRun(
  programId: string,
  createdBy: string,
  id: string,
  status: string,
  createdAt: number,
  proposals: [string, string, number, string?][],
) {
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO match_runs (id, program_id, status, created_by, created_at, week, unmatched) VALUES (?, ?, ?, ?, ?, '2026-11-16', '[]')",
    ).bind(id, programId, status, createdBy, createdAt),
    ...proposals.map(([mentor, mentee, score, pairing], i) =>
      env.DB.prepare(
        "INSERT INTO match_proposals (id, run_id, program_id, mentor_id, mentee_id, score, reasons, pairing_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?)",
      ).bind(`${id}-${i}`, id, programId, mentor, mentee, score, pairing ?? null, createdAt),
    ),
  ]);
}

/** The cell texts of each row of the table under the heading `title`, keyed by the row's label. */
function table(html: string, title: string): Record<string, string[]> {
  const start = html.indexOf(`>${title}</h`);
  expect(start, `table "${title}"`).toBeGreaterThan(0);
  const chunk = html.slice(start, html.indexOf("</table>", start));
  const rows: Record<string, string[]> = {};
  for (const [, label, cells] of chunk.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)) {
    rows[label!] = [...cells!.matchAll(/<td>(.*?)<\/td>/g)].map(([, c]) => c!.replace(/<[^>]+>/g, ""));
  }
  return rows;
}

describe("matching fairness report", () => {
  const coordinator = new Browser();
  let coordId = "";
  let programId = "";
  const staged = Date.UTC(2026, 10, 20, 9, 30);

  beforeAll(async () => {
    coordId = await createPerson("fair-coord@example.org", { canCreatePrograms: true });
    await coordinator.signIn("fair-coord@example.org");
    programId = await createProgram(coordinator);
    await env.DB.prepare("UPDATE programs SET match_settings = ? WHERE id = ?")
      .bind(JSON.stringify(DEPARTMENT), programId)
      .run();
    await addMembers(programId, [
      {
        id: "m1",
        role: "mentor",
        zone: "Europe/London",
        languages: ["english"],
        attributes: { department: "finance" },
      },
      {
        id: "m2",
        role: "mentor",
        zone: "Africa/Lagos",
        languages: ["english", "yoruba"],
        attributes: { department: "sales" },
      },
      { id: "m3", role: "mentor", zone: "America/Lima", languages: ["spanish"] },
      {
        id: "e1",
        role: "mentee",
        zone: "Europe/Berlin",
        languages: ["english", "german"],
        attributes: { department: "finance" },
      },
      {
        id: "e2",
        role: "mentee",
        zone: "Europe/Paris",
        languages: ["english", "french"],
        attributes: { department: "Finance" },
      },
      {
        id: "e3",
        role: "mentee",
        zone: "America/New_York",
        languages: ["english", "spanish"],
        attributes: { department: "sales" },
      },
      { id: "e4", role: "mentee", zone: "America/Chicago", languages: ["spanish"], attributes: { department: "" } },
      { id: "e5", role: "mentee", zone: "America/Sao_Paulo", languages: ["portuguese", "spanish"] },
      {
        id: "e6",
        role: "mentee",
        zone: "Asia/Kolkata",
        languages: ["english", "hindi", "german"],
        attributes: { department: "sales" },
      },
      { id: "e7", role: "mentee", zone: "Etc/GMT+3", languages: [], attributes: { department: "finance" } },
      { id: "e8", role: "mentee", zone: "UTC", languages: ["english"], attributes: { department: "sales" } },
      { id: "e9", role: "mentee", zone: "Asia/Tokyo", languages: ["japanese"], status: "invited" },
    ]);
    await addRun(programId, coordId, "run-old", "staged", staged - 86_400_000, [["m3", "e3", 99]]);
    await addRun(programId, coordId, "run-new", "staged", staged, [
      ["m1", "e1", 80],
      ["m1", "e2", 70],
      ["m2", "e2", 90],
      ["m2", "e4", 40],
      ["m2", "e5", 50],
      ["m1", "e6", 60],
      ["m1", "e7", 75],
      ["m3", "e9", 95],
    ]);
    await addRun(programId, coordId, "run-dropped", "discarded", staged + 60_000, [["m3", "e8", 10]]);
  });

  it("reports the newest staged run: share matched and best-score statistics overall", async () => {
    const { res, html } = await coordinator.get(`/programs/${programId}/matching/fairness`);
    expect(res.status).toBe(200);
    expect(html).toContain(
      `staged matching run of <time datetime="${new Date(staged).toISOString()}">${formatInstant(staged, "UTC")}</time>`,
    );
    expect(html).toContain("(8 proposed matches)");
    expect(html).toContain("each matched person&#39;s best score");
    expect(html).toContain(`href="/programs/${programId}/matching"`);
    expect(html).toContain(`href="/programs/${programId}"`);
    // Mentees: e1 e2 e4 e5 e6 e7 matched (6 of 8; invited e9 does not count), best 80 90 40 50 60 75.
    // Mentors: m1 (best 80) and m2 (best 90) of three.
    expect(table(html, "Everyone")).toEqual({
      Mentees: ["6 of 8 (75%)", "40", "67.5", "65.8"],
      Mentors: ["2 of 3 (67%)", "80", "85", "85.0"],
    });
  });

  it("breaks mentees down by region, language and attribute, flagging groups that fare worse", async () => {
    const { html } = await coordinator.get(`/programs/${programId}/matching/fairness`);
    expect(html).toContain("<h2>Mentees by group</h2>");
    expect(table(html, "Time zone region")).toEqual({
      Americas: ["2 of 3 (67%)", "40", "45", "45.0", "⚠ lower scores"],
      Europe: ["2 of 2 (100%)", "80", "85", "85.0", "too few to compare"],
      UTC: ["1 of 2 (50%)", "75", "75", "75.0", "too few to compare"],
      Asia: ["1 of 1 (100%)", "60", "60", "60.0", "too few to compare"],
    });
    expect(table(html, "Language")).toEqual({
      English: ["3 of 5 (60%)", "60", "80", "76.7", "⚠ fewer matched"],
      Spanish: ["2 of 3 (67%)", "40", "45", "45.0", "⚠ lower scores"],
      German: ["2 of 2 (100%)", "60", "70", "70.0", "too few to compare"],
      French: ["1 of 1 (100%)", "90", "90", "90.0", "too few to compare"],
      Hindi: ["1 of 1 (100%)", "60", "60", "60.0", "too few to compare"],
      Portuguese: ["1 of 1 (100%)", "50", "50", "50.0", "too few to compare"],
      "not given": ["1 of 1 (100%)", "75", "75", "75.0", "too few to compare"],
    });
    expect(table(html, "Department")).toEqual({
      finance: ["3 of 3 (100%)", "75", "80", "81.7", ""],
      sales: ["1 of 3 (33%)", "60", "60", "60.0", "⚠ fewer matched"],
      "not given": ["2 of 2 (100%)", "40", "45", "45.0", "too few to compare"],
    });
  });

  it("shows the mentors' groups on request", async () => {
    const { html } = await coordinator.get(`/programs/${programId}/matching/fairness?role=mentor`);
    expect(html).toContain("<h2>Mentors by group</h2>");
    expect(html).toContain(`href="/programs/${programId}/matching/fairness?role=mentee"`);
    expect(table(html, "Language")).toEqual({
      English: ["2 of 2 (100%)", "80", "85", "85.0", "too few to compare"],
      Spanish: ["0 of 1 (0%)", "—", "—", "—", "too few to compare"],
      Yoruba: ["1 of 1 (100%)", "90", "90", "90.0", "too few to compare"],
    });
    expect((await coordinator.get(`/programs/${programId}/matching/fairness?role=<x>`)).html).toContain(
      "<h2>Mentees by group</h2>",
    );
  });

  it("falls back to the published pairings when no run is staged", async () => {
    const id = await createProgram(coordinator, { ...PROGRAM, name: "Published Circle" });
    await addMembers(id, [
      { id: "pm1", role: "mentor" },
      { id: "pm2", role: "mentor" },
      ...["pa", "pb", "pc", "pd", "pe", "pf"].map((x) => ({ id: x, role: "mentee" as const })),
    ]);
    const now = Date.now();
    const pairing = (pid: string, source: string, members: [string, string][], ended: number | null = null) => [
      env.DB.prepare("INSERT INTO pairings (id, program_id, source, created_at, ended_at) VALUES (?, ?, ?, ?, ?)").bind(
        pid,
        id,
        source,
        now,
        ended,
      ),
      ...members.map(([person, role]) =>
        env.DB.prepare(
          "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, ?, ?, ?)",
        ).bind(pid, person, role, id),
      ),
    ];
    const request = (rid: string, mentor: string, mentee: string, score: number, pid: string) =>
      env.DB.prepare(
        "INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, status, score, created_at, expires_at, pairing_id) VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, ?)",
      ).bind(rid, id, mentee, mentor, score, now, now + 1, pid);
    await env.DB.batch([
      ...pairing("pp-group", "matching", [
        ["pm1", "mentor"],
        ["pa", "mentee"],
        ["pb", "mentee"],
      ]),
      ...pairing("pp-self", "self-match", [
        ["pm2", "mentor"],
        ["pc", "mentee"],
      ]),
      ...pairing(
        "pp-ended",
        "self-match",
        [
          ["pm2", "mentor"],
          ["pd", "mentee"],
        ],
        now,
      ),
      ...pairing("pp-bare", "matching", [
        ["pm2", "mentor"],
        ["pe", "mentee"],
      ]),
      request("rq-self", "pm2", "pc", 30, "pp-self"),
      request("rq-ended", "pm2", "pd", 95, "pp-ended"),
    ]);
    await addRun(id, coordId, "run-published", "published", now, [
      ["pm1", "pa", 70, "pp-group"],
      ["pm1", "pb", 50, "pp-group"],
    ]);
    const { res, html } = await coordinator.get(`/programs/${id}/matching/fairness`);
    expect(res.status).toBe(200);
    expect(html).toContain("Based on the published matches: 3 active pairings.");
    // Mentees: pa 70, pb 50, pc 30 (request), pe matched without a score; pd's pairing ended, pf unmatched.
    // Mentors: pm1 best 70; pm2 30 (pp-self) and an unscored match.
    expect(table(html, "Everyone")).toEqual({
      Mentees: ["4 of 6 (67%)", "30", "50", "50.0"],
      Mentors: ["2 of 2 (100%)", "30", "50", "50.0"],
    });
    expect(html).toContain("Some matches have no recorded score");
    expect(table(html, "Time zone region")).toEqual({ UTC: ["4 of 6 (67%)", "30", "50", "50.0", ""] });
  });

  it("treats everyone in a peer program as a peer", async () => {
    const id = await createProgram(coordinator, { ...PROGRAM, name: "Peer Circle", type: "peer" });
    await addMembers(id, [
      { id: "q1", role: "mentor", zone: "Pacific/Auckland" },
      { id: "q2", role: "mentee", zone: "Pacific/Fiji" },
      { id: "q3", role: "mentee", zone: "Pacific/Apia" },
    ]);
    await addRun(id, coordId, "run-peer", "staged", Date.now(), [["q1", "q2", 66]]);
    const { html } = await coordinator.get(`/programs/${id}/matching/fairness`);
    expect(table(html, "Everyone")).toEqual({ Peers: ["2 of 3 (67%)", "66", "66", "66.0"] });
    expect(table(html, "Time zone region")).toEqual({ Pacific: ["2 of 3 (67%)", "66", "66", "66.0", ""] });
  });

  it("says so when there is nothing to report on", async () => {
    const id = await createProgram(coordinator, { ...PROGRAM, name: "Empty Circle" });
    const { res, html } = await coordinator.get(`/programs/${id}/matching/fairness`);
    expect(res.status).toBe(200);
    expect(html).toContain("no staged matching run and no active pairing yet");
    expect(html).toContain("no active mentors or mentees");
  });

  it("stays under 14 KB compressed for a large program with many languages and answers", async () => {
    const id = await createProgram(coordinator, { ...PROGRAM, name: "Big Circle" });
    const attributes = ["Department", "Site", "Team", "Cohort", "Background"].map((label) => ({
      key: label.toLowerCase(),
      label,
      weight: 0,
    }));
    await env.DB.prepare("UPDATE programs SET match_settings = ? WHERE id = ?")
      .bind(JSON.stringify({ attributes }), id)
      .run();
    const zones = [
      "Europe/Berlin",
      "America/Lima",
      "Asia/Tokyo",
      "Africa/Lagos",
      "Australia/Perth",
      "Pacific/Fiji",
      "UTC",
      "Indian/Maldives",
      "Atlantic/Azores",
      "Antarctica/Troll",
    ];
    const people: Member[] = Array.from({ length: 300 }, (_, i) => ({
      id: `big${i}`,
      role: i % 4 === 0 ? "mentor" : "mentee",
      zone: zones[i % zones.length],
      languages: [`language-number-${i % 70}`, `language-number-${(i * 7) % 70}`],
      attributes: Object.fromEntries(attributes.map((a, k) => [a.key, `${a.label} answer ${(i + k) % 40}`])),
    }));
    for (let i = 0; i < people.length; i += 50) await addMembers(id, people.slice(i, i + 50));
    const proposals: [string, string, number][] = people
      .filter((p) => p.role === "mentee" && Number(p.id.slice(3)) % 3 !== 0)
      .map((p, i) => [`big${(i % 75) * 4}`, p.id, 20 + (i % 80)]);
    await addRun(id, coordId, "run-big", "staged", Date.now(), proposals);
    const { res, html } = await coordinator.get(`/programs/${id}/matching/fairness`);
    expect(res.status).toBe(200);
    expect(html).toContain("others (55)");
    expect(Object.keys(table(html, "Language"))).toHaveLength(16);
    expect(Object.keys(table(html, "Background"))).toHaveLength(16);
    expect(await gzipSize(html)).toBeLessThan(14 * 1024);
  });

  it("is for the program's coordinators only", async () => {
    await createPerson("fair-mentee@example.org");
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, 'p-fairmenteeexampleorg', 'mentee', 'active')",
    )
      .bind(programId)
      .run();
    const mentee = new Browser();
    await mentee.signIn("fair-mentee@example.org");
    expect((await mentee.get(`/programs/${programId}/matching/fairness`)).res.status).toBe(403);

    await createPerson("fair-stranger@example.org");
    const stranger = new Browser();
    await stranger.signIn("fair-stranger@example.org");
    const { res, html } = await stranger.get(`/programs/${programId}/matching/fairness`);
    expect(res.status).toBe(403);
    expect(html).not.toContain("65.8");

    expect((await coordinator.get("/programs/no-such-program/matching/fairness")).res.status).toBe(404);
    const visitor = await new Browser().fetch(`/programs/${programId}/matching/fairness`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get("Location")).toContain("/signin?next=");
  });
});
