/**
 * The coordinator dashboard: access, exact figures on a hand-built program, the at-risk list, garbage input, page size,
 * the demo.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SPRING_PROGRAM_ID } from "../../worker/demo/spring-ids";
import { seedDemo } from "../../worker/demo/seed";
import { monthsEndingAt } from "../../worker/domain/dashboard/months";
import { largeProgramSql } from "../dashboard-fixture";
import { Browser, createPerson, gzipSize, signedIn } from "../helpers";

const DAY = 86_400_000;
const PROGRAM = "dash-small";
const LARGE = "dash-large";
const now = Date.now();
const [prevMonth, thisMonth] = monthsEndingAt(now, "Europe/Berlin", 2);

/** The text of each cell in the row headed `label` of the table captioned `caption`. */
function tableRow(html: string, caption: string, label: string): string[] {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  expect(start, `table "${caption}"`).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf("</table>", start));
  const row = new RegExp(`<tr><th scope="row">${label.replace(/[()+]/g, "\\$&")}</th>(.*?)</tr>`).exec(table);
  expect(row, `row "${label}" of "${caption}"`).not.toBeNull();
  return [...row![1]!.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
}

/** A small program built by hand, with figures worked out below in each test. */
async function buildSmallProgram(coordinatorId: string): Promise<void> {
  const st = (sql: string, ...args: (string | number | null)[]) => env.DB.prepare(sql).bind(...args);
  const people = ["m1", "m2", "m3", "m4", "e1", "e2", "e3", "e4", "e5", "e6"];
  const pairings: [string, string, string, string][] = [
    ["s1", "active", "m1", "e1"],
    ["s2", "closed", "m2", "e2"],
    ["s3", "paused", "m3", "e3"],
    ["s4", "ended_early", "m4", "e4"],
    ["s5", "proposed", "m1", "e5"],
  ];
  const changes: [string, number, string, string][] = [
    ["s1", 1, "proposed", "onboarding"],
    ["s1", 2, "onboarding", "active"],
    ["s2", 1, "onboarding", "active"],
    ["s2", 2, "active", "wrapping_up"],
    ["s2", 3, "wrapping_up", "closed"],
    ["s3", 1, "onboarding", "active"],
    ["s3", 2, "active", "paused"],
    ["s4", 1, "onboarding", "ended_early"],
  ];
  const mid = prevMonth!.start + 10 * DAY;
  const open = Math.max(thisMonth!.start, now - 3_600_000);
  const checkins: [string, string, number, number][] = [
    ["c1", "s1", mid, mid + 7 * DAY],
    ["c2", "s2", mid, mid + 7 * DAY],
    ["c3", "s1", open, now + 3 * DAY],
    ["c4", "s3", open, now + 3 * DAY],
  ];
  const answers: [string, string, string, string][] = [
    ["c1", "dash-m1", "s1", "going-well"],
    ["c1", "dash-e1", "s1", "ok"],
    ["c2", "dash-e2", "s2", "struggling"],
    ["c3", "dash-e1", "s1", "not-met"],
  ];
  const outcomes: [string, string, string, string, number][] = [
    ["mt1", "a", "s1", "held", now - 2 * DAY],
    ["mt1", "b", "s1", "held", now - 10 * DAY],
    ["mt1", "c", "s1", "held", now - 40 * DAY],
    ["mt1", "d", "s1", "missed", now - 3 * DAY],
    ["mt2", "a", "s2", "held", now - 60 * DAY],
  ];
  const goals: [string, string, string, number][] = [
    ["s1", "g1", "open", 40],
    ["s1", "g2", "achieved", 80],
    ["s2", "g1", "achieved", 100],
    ["s3", "g1", "open", 10],
    ["s3", "g2", "dropped", 50],
  ];
  const progress: Record<string, number | null> = { s1: 60, s2: 100, s3: 10, s4: null, s5: null };
  const risk: Record<string, [string, number, number | null]> = {
    s3: ['Hiroshi answered "Struggling".', now - 20 * DAY, now - 12 * DAY],
    s4: ["No meeting in 3 weeks.", now - 5 * DAY, null],
  };
  await env.DB.batch([
    st(
      "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?1, 'Small program', 'one-to-one', 12, 14, 'coordinator', ?2)",
      PROGRAM,
      coordinatorId,
    ),
    st(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, 'coordinator', 'active')",
      PROGRAM,
      coordinatorId,
    ),
    ...people.map((p) =>
      st(
        "INSERT INTO people (id, email, name) VALUES (?1, ?2, ?3)",
        `dash-${p}`,
        `dash-${p}@example.org`,
        `Person ${p.toUpperCase()}`,
      ),
    ),
    ...people.map((p) =>
      st(
        "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, ?3, ?4)",
        PROGRAM,
        `dash-${p}`,
        p.startsWith("m") ? "mentor" : "mentee",
        p === "e6" ? "invited" : "active",
      ),
    ),
    ...pairings.flatMap(([id, stage, mentor, mentee]) => [
      st(
        "INSERT INTO pairings (id, program_id, source, stage, created_at, last_activity_at, goal_progress, risk_reason, risk_since) VALUES (?1, ?2, 'matching', ?3, ?4, ?5, ?6, ?7, ?8)",
        id,
        PROGRAM,
        stage,
        now - 100 * DAY,
        risk[id] ? risk[id]![2] : now - DAY,
        progress[id] ?? null,
        risk[id]?.[0] ?? null,
        risk[id]?.[1] ?? null,
      ),
      st(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?1, ?2, 'mentor', ?3)",
        id,
        `dash-${mentor}`,
        PROGRAM,
      ),
      st(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?1, ?2, 'mentee', ?3)",
        id,
        `dash-${mentee}`,
        PROGRAM,
      ),
    ]),
    ...changes.map(([p, seq, from, to]) =>
      st(
        "INSERT INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, actor, at) VALUES (?1, ?2, ?3, ?4, 'journey', ?5)",
        p,
        seq,
        from,
        to,
        now - 50 * DAY,
      ),
    ),
    ...checkins.map(([id, p, opens, closes]) =>
      st(
        "INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at) VALUES (?1, ?2, ?3, ?1, ?4, ?5)",
        id,
        p,
        PROGRAM,
        opens,
        closes,
      ),
    ),
    ...answers.map(([c, person, p, answer]) =>
      st(
        "INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        c,
        person,
        p,
        answer,
        now - DAY,
      ),
    ),
    ...["mt1", "mt2"].map((id, i) =>
      st(
        "INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, time_zone, start_local, duration_minutes, repeat, status, sequence, first_start, last_end, created_at, updated_at) VALUES (?1, ?2, 'x', 'Talk', 'video', 'UTC', '2026-01-05T10:00', 60, 'weekly', 'confirmed', 0, 0, 0, 0, 0)",
        id,
        `s${i + 1}`,
      ),
    ),
    ...outcomes.map(([m, r, p, outcome, at]) =>
      st(
        "INSERT INTO meeting_outcomes (meeting_id, recurrence_id, pairing_id, outcome, starts_at, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        m,
        r,
        p,
        outcome,
        at,
      ),
    ),
    ...goals.map(([p, g, status, pct]) =>
      st(
        "INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, updated_at) VALUES (?1, ?2, 'A goal', ?3, ?4, 0)",
        p,
        g,
        status,
        pct,
      ),
    ),
  ]);
}

let coordinator: Browser;

beforeAll(async () => {
  const coordinatorId = await createPerson("dash-coord@example.org", { name: "Dana Coordinator" });
  await env.DB.prepare("UPDATE people SET time_zone = 'Europe/Berlin' WHERE id = ?").bind(coordinatorId).run();
  await buildSmallProgram(coordinatorId);
  await env.DB.batch(
    largeProgramSql({ programId: LARGE, coordinatorId, pairings: 1000, checkinsPerPairing: 26, now }).map((sql) =>
      env.DB.prepare(sql),
    ),
  );
  coordinator = await signedIn("dash-coord@example.org");
});

const PAGES = ["dashboard", "dashboard/checkins", "dashboard/engagement", "at-risk"];

describe("dashboard access", () => {
  it("sends visitors to sign in and lets only this program's coordinators in", async () => {
    const visitor = new Browser();
    const other = await createPerson("dash-other@example.org");
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES ('dash-other', 'Other', 'one-to-one', 12, 14, 'coordinator', ?1)",
      ).bind(other),
      env.DB.prepare(
        "INSERT INTO memberships (program_id, person_id, role, status) VALUES ('dash-other', ?1, 'coordinator', 'active')",
      ).bind(other),
    ]);
    const otherCoordinator = await signedIn("dash-other@example.org");
    const mentee = await signedIn("dash-e1@example.org");
    for (const page of PAGES) {
      const path = `/programs/${PROGRAM}/${page}`;
      const anonymous = await visitor.fetch(path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get("Location"), path).toBe(`/signin?next=${encodeURIComponent(path)}`);
      expect((await mentee.get(path)).res.status, path).toBe(403);
      expect((await otherCoordinator.get(path)).res.status, path).toBe(403);
      expect((await coordinator.get(`/programs/no-such-program/${page}`)).res.status, path).toBe(404);
      expect((await otherCoordinator.get(`/programs/dash-other/${page}`)).res.status, path).toBe(200);
    }
  });
});

describe("dashboard figures on a hand-built program", () => {
  it("shows the funnel, the stages now, the match rate and the headline figures", async () => {
    const { res, html } = await coordinator.get(`/programs/${PROGRAM}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Server-Timing")).toMatch(/^db;dur=\d+, total;dur=\d+$/);
    expect(html).toMatch(/aria-current="page"><svg class="i"[^>]*><use [^>]*><\/use><\/svg>Dashboard<\/a>/);
    // Every pairing was proposed; s1, s2, s3 (paused after active) and s4 (ended from onboarding) reached onboarding…
    const reached = (stage: string) => tableRow(html, "Pairings that reached each stage", stage);
    expect(reached("Proposed")).toEqual(["5", "100%"]);
    expect(reached("Onboarding")).toEqual(["4", "80%"]);
    expect(reached("Active")).toEqual(["3", "60%"]);
    expect(reached("Wrapping up")).toEqual(["1", "20%"]);
    expect(reached("Closed")).toEqual(["1", "20%"]);
    const nowIn = (stage: string) => tableRow(html, "Pairings in each stage now", stage)[0];
    expect(["Proposed", "Onboarding", "Active", "Wrapping up", "Closed", "Paused", "Ended early"].map(nowIn)).toEqual([
      "1",
      "0",
      "1",
      "0",
      "1",
      "1",
      "1",
    ]);
    // Mentees e1–e5 are active (e6 only invited); e4's only pairing ended early.
    expect(html).toContain("<strong>80%</strong>: 4 of 5 active mentees are in a pairing that has not ended early.");
    // Four check-ins in the last 90 days, two members each: c1 two answers, c2 one, c3 one, c4 none.
    expect(html).toMatch(/Check-in response rate<\/a><\/dt><dd>50%<\/dd><dd class="hint">4 of 8 possible answers/);
    expect(html).toMatch(/Meetings held<\/a><\/dt><dd>2<\/dd>/);
    expect(html).toMatch(/At risk<\/a><\/dt><dd>2<\/dd>/);
    // (60 + 100 + 10) / 3 pairings with goals.
    expect(html).toMatch(/Mean goal progress<\/a><\/dt><dd>57%<\/dd><dd class="hint">over 3 pairings with goals/);
    expect(html).toContain('role="img"');
    expect(html).toMatch(
      /<title id="funnel-t">Pairings that reached each stage<\/title><desc id="funnel-d">Proposed: 5, Onboarding: 4, Active: 3/,
    );
  });

  it("shows response rates and answers per month in the viewer's zone, open check-ins marked", async () => {
    const { res, html } = await coordinator.get(`/programs/${PROGRAM}/dashboard/checkins`);
    expect(res.status).toBe(200);
    expect(html).toContain("in your time zone (Europe/Berlin)");
    expect(tableRow(html, "Check-in response rate by month", prevMonth!.label)).toEqual(["2", "0", "3", "4", "75%"]);
    expect(tableRow(html, "Check-in response rate by month", thisMonth!.label)).toEqual(["2", "2", "1", "4", "25%"]);
    expect(tableRow(html, "Check-in answers by month", prevMonth!.label)).toEqual([
      "1 (34%)",
      "1 (33%)",
      "1 (33%)",
      "0 (0%)",
      "3",
    ]);
    expect(tableRow(html, "Check-in answers by month", `${thisMonth!.label} · 2 still open`)).toEqual([
      "0 (0%)",
      "0 (0%)",
      "0 (0%)",
      "1 (100%)",
      "1",
    ]);
    // Only months with check-ins (from the first one on), the open month drawn hatched.
    expect(html.match(/<th scope="row">/g)!.length).toBe(4);
    expect(html).toContain('fill="url(#rate-h)"');
    expect(html).toContain(`${thisMonth!.label}: 25% · 2 still open`);
  });

  it("shows meetings held per pairing and goal progress", async () => {
    const { res, html } = await coordinator.get(`/programs/${PROGRAM}/dashboard/engagement`);
    expect(res.status).toBe(200);
    expect(html).toContain("4 were held and 1 missed (80% held)");
    const held = (label: string) => tableRow(html, "Pairings by meetings held", label);
    expect(["0 held", "1 held", "2 held", "3–4 held", "5–9 held", "10+ held"].map((l) => held(l)[0])).toEqual([
      "3",
      "1",
      "0",
      "1",
      "0",
      "0",
    ]);
    const progress = (label: string) => tableRow(html, "Pairings by mean goal progress", label);
    expect(["0–24%", "25–49%", "50–74%", "75–99%", "100%", "No goals"].map((l) => progress(l)[0])).toEqual([
      "1",
      "0",
      "1",
      "0",
      "1",
      "2",
    ]);
    expect(tableRow(html, "Goals by status", "In progress")).toEqual(["2", "40%"]);
    expect(tableRow(html, "Goals by status", "Achieved")).toEqual(["2", "40%"]);
    expect(tableRow(html, "Goals by status", "Dropped")).toEqual(["1", "20%"]);
  });

  it("lists the pairings at risk with members, stage, reason and times", async () => {
    const { res, html } = await coordinator.get(`/programs/${PROGRAM}/at-risk`);
    expect(res.status).toBe(200);
    expect(html).toMatch(/aria-current="page"><svg class="i"[^>]*><use [^>]*><\/use><\/svg>At risk<\/a>/);
    expect(html).toContain("2 pairings at risk; showing 1–2.");
    const rows = html.split("<tr>").slice(2);
    expect(rows[0]).toContain(`href="/programs/${PROGRAM}/pairings/s3">Person M3 (mentor), Person E3 (mentee)</a>`);
    expect(rows[0]).toContain(
      '<td data-label="Stage"><span class="stage stage-paused">Paused</span></td><td data-label="Reason"><bdi>Hiroshi answered &quot;Struggling&quot;.</bdi></td>',
    );
    expect(rows[0]).toContain("20 days ago");
    expect(rows[0]).toContain("12 days ago");
    expect(rows[1]).toContain(
      '<td data-label="Stage"><span class="stage stage-ended_early">Ended early</span></td><td data-label="Reason"><bdi>No meeting in 3 weeks.</bdi></td>',
    );
    expect(rows[1]).toContain("5 days ago");
    expect(rows[1]).toContain("none yet");
    expect(html).not.toContain("At-risk pages");
  });
});

describe("the at-risk list of a large program", () => {
  const base = `/programs/${LARGE}/at-risk`;
  const ids = (html: string) => [...html.matchAll(/pairings\/(dash-large-p\d+)"/g)].map((m) => m[1]!);

  it("pages 25 at a time in a stable order, with plain links", async () => {
    const total = (await env.DB.prepare(
      "SELECT count(*) AS n FROM pairings WHERE program_id = ? AND risk_reason IS NOT NULL",
    )
      .bind(LARGE)
      .first<{ n: number }>())!.n;
    expect(total).toBe(100);
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const { html } = await coordinator.get(`${base}?page=${page}`);
      expect(html).toContain(`Page ${page} of 4`);
      seen.push(...ids(html));
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
    const first = await coordinator.get(base);
    expect(first.html).toContain(
      `<a href="${base}?page=2" rel="next" hx-get="${base}?page=2" hx-target="#at-risk-list" hx-swap="outerHTML" hx-push-url="true">`,
    );
    expect(first.html).toContain("<!DOCTYPE html>");
  });

  it("sorts by each column both ways, matching D1's own order", async () => {
    const order = {
      since: "risk_since",
      activity: "last_activity_at",
      stage:
        "CASE stage WHEN 'proposed' THEN 0 WHEN 'onboarding' THEN 1 WHEN 'active' THEN 2 WHEN 'wrapping_up' THEN 3 WHEN 'closed' THEN 4 WHEN 'paused' THEN 5 ELSE 6 END",
    };
    for (const [sort, expr] of Object.entries(order)) {
      for (const dir of ["asc", "desc"]) {
        const expected = await env.DB.prepare(
          `SELECT id FROM pairings WHERE program_id = ? AND risk_reason IS NOT NULL ORDER BY ${expr} ${dir}, id ${dir} LIMIT 25 OFFSET 25`,
        )
          .bind(LARGE)
          .all<{ id: string }>();
        const { html } = await coordinator.get(`${base}?sort=${sort}&dir=${dir}&page=2`);
        expect(ids(html), `${sort} ${dir}`).toEqual(expected.results.map((r) => r.id));
        expect(html).toContain(`aria-sort="${dir === "asc" ? "ascending" : "descending"}"`);
      }
    }
    // The sorted column's link sorts the other way and starts again at page 1; the pager keeps the sort.
    const { html } = await coordinator.get(`${base}?sort=activity&dir=asc&page=2`);
    expect(html).toContain(`href="${base}?sort=activity&amp;dir=desc"`);
    expect(html).toContain(`href="${base}?sort=activity&amp;dir=asc&amp;page=3"`);
    expect(html).toContain(`href="${base}?sort=stage&amp;dir=asc"`);
  });

  it("answers htmx with just the list, and the same rows", async () => {
    const full = await coordinator.get(`${base}?sort=stage&dir=desc&page=3`);
    const fragment = await coordinator.get(`${base}?sort=stage&dir=desc&page=3`, { "HX-Request": "true" });
    expect(fragment.res.status).toBe(200);
    expect(fragment.html.startsWith('<div id="at-risk-list">')).toBe(true);
    expect(fragment.html).not.toContain("<html");
    expect(fragment.html).not.toContain('aria-label="Program"');
    expect(ids(fragment.html)).toEqual(ids(full.html));
    expect(full.html).toContain(fragment.html);
  });

  it("reads garbage parameters as the defaults, and a page past the end as the last page", async () => {
    const plain = ids((await coordinator.get(base)).html);
    for (const query of [
      "?sort=drop%20table&dir=sideways&page=abc",
      "?page=-3",
      "?page=1e9",
      "?sort=since&sort=stage&page=",
      "?page=99999999999999999999",
      "?dir=%00",
    ]) {
      const { res, html } = await coordinator.get(base + query);
      expect(res.status, query).toBe(200);
      expect(ids(html), query).toEqual(plain);
    }
    const past = await coordinator.get(`${base}?page=500`);
    expect(past.res.status).toBe(200);
    expect(past.html).toContain("Page 4 of 4");
    expect(past.html).toContain("showing 76–100.");
  });

  it("keeps every dashboard page under 14 KB gzip with 1,000 pairings", async () => {
    for (const page of [...PAGES, "at-risk?page=3&sort=activity&dir=desc"]) {
      const { res, html } = await coordinator.get(`/programs/${LARGE}/${page}`);
      expect(res.status, page).toBe(200);
      const bytes = await gzipSize(html);
      expect(bytes, page).toBeLessThan(14 * 1024);
      expect(bytes, page).toBeGreaterThan(1000);
    }
    const overview = (await coordinator.get(`/programs/${LARGE}/dashboard`)).html;
    expect(tableRow(overview, "Pairings that reached each stage", "Proposed")).toEqual(["1,000", "100%"]);
    const checkins = (await coordinator.get(`/programs/${LARGE}/dashboard/checkins`)).html;
    expect(checkins.match(/<th scope="row">/g)!.length).toBeGreaterThanOrEqual(24);
  });
});

describe("the demo program's dashboard", () => {
  it("shows every stage, answered and unanswered check-ins and a pairing at risk", async () => {
    await seedDemo(env);
    // The journeys the seed starts open the check-ins due now (nobody has answered them yet); wait for the first in D1.
    const openCheckin = () =>
      env.DB.prepare("SELECT count(*) AS n FROM checkins WHERE program_id = ? AND closes_at > ?")
        .bind(DEMO_SPRING_PROGRAM_ID, Date.now())
        .first<{ n: number }>();
    for (let i = 0; i < 100 && (await openCheckin())!.n === 0; i++) await new Promise((r) => setTimeout(r, 100));
    const demo = await signedIn("coordinator@example.org");
    const overview = await demo.get(`/programs/${DEMO_SPRING_PROGRAM_ID}/dashboard`);
    expect(overview.res.status).toBe(200);
    for (const stage of ["Proposed", "Onboarding", "Active", "Wrapping up", "Closed", "Paused", "Ended early"]) {
      expect(Number(tableRow(overview.html, "Pairings in each stage now", stage)[0]), stage).toBeGreaterThan(0);
    }
    const checkins = await demo.get(`/programs/${DEMO_SPRING_PROGRAM_ID}/dashboard/checkins`);
    const months = [
      ...checkins.html
        .split("Check-in response rate by month</caption>")[1]!
        .split("</table>")[0]!
        .matchAll(/<tr><th scope="row">.*?<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td>/g),
    ];
    const answered = months.reduce((s, m) => s + Number(m[3]), 0);
    const possible = months.reduce((s, m) => s + Number(m[4]), 0);
    expect(answered).toBeGreaterThan(0);
    expect(possible).toBeGreaterThan(answered);
    const atRisk = await demo.get(`/programs/${DEMO_SPRING_PROGRAM_ID}/at-risk`);
    expect(atRisk.html).toMatch(/\d+ pairings? at risk/);
    expect(atRisk.html).toContain("answered &quot;Struggling&quot; to a check-in.");
  });
});
