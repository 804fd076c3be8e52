import { introspectWorkflowInstance, runInDurableObject, type WorkflowInstanceIntrospector } from "cloudflare:test";
import { Temporal } from "temporal-polyfill";
import { occurrences } from "../../worker/domain/meetings/recurrence";
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PROGRAM_ID, seedDemo } from "../../worker/demo/seed";
import { DEMO_SELF_MATCH_PROGRAM_ID } from "../../worker/demo/seed-matching";
import {
  DEMO_SPRING_GROUPS_PROGRAM_ID,
  DEMO_SPRING_PAIRINGS,
  DEMO_SPRING_PROGRAM_ID,
} from "../../worker/demo/spring-ids";
import { roomOf } from "../../worker/pairings/access";
import { Browser } from "../helpers";

/**
 * The journeys seeding starts, watched from before they are created (the Workflows run for real: no sleeps skipped).
 */
const watched = [
  DEMO_SPRING_PAIRINGS.active,
  DEMO_SPRING_PAIRINGS.wrapping_up,
  DEMO_SPRING_PAIRINGS.paused,
  DEMO_SPRING_PAIRINGS.group,
] as const;
const journeys = new Map<string, WorkflowInstanceIntrospector>();

describe("demo seed", () => {
  beforeAll(async () => {
    for (const id of watched) journeys.set(id, await introspectWorkflowInstance(env.JOURNEY, id));
  });
  afterAll(async () => {
    for (const j of journeys.values()) await j.dispose();
  });

  it("seeds the demo cohort once and keeps later changes", async () => {
    expect(await seedDemo(env)).toBe(true);
    const counts = await env.DB.prepare(
      "SELECT role, COUNT(*) AS n FROM memberships WHERE program_id = ? GROUP BY role ORDER BY role",
    )
      .bind(DEMO_PROGRAM_ID)
      .all<{ role: string; n: number }>();
    expect(counts.results).toEqual([
      { role: "coordinator", n: 2 },
      { role: "mentee", n: 12 },
      { role: "mentor", n: 7 },
    ]);
    const zones = await env.DB.prepare("SELECT DISTINCT time_zone AS tz FROM people").all<{ tz: string }>();
    for (const tz of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Africa/Lagos"]) {
      expect(zones.results.map((r) => r.tz)).toContain(tz);
    }
    const noAvailability = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM people WHERE email LIKE 'ment%' AND availability = '[]'",
    ).first<{ n: number }>();
    expect(noAvailability!.n).toBe(0);

    const run = await env.DB.prepare("SELECT id, status FROM match_runs WHERE program_id = ?")
      .bind(DEMO_PROGRAM_ID)
      .first<{ id: string; status: string }>();
    expect(run!.status).toBe("staged");
    const staged = await env.DB.prepare(
      "SELECT COUNT(*) AS n, MIN(score) AS low FROM match_proposals WHERE run_id = ? AND approved = 0",
    )
      .bind(run!.id)
      .first<{ n: number; low: number }>();
    expect(staged!.n).toBeGreaterThanOrEqual(10);
    expect(staged!.low).toBeGreaterThan(0);
    const request = await env.DB.prepare(
      "SELECT mentee_id, mentor_id, status, expires_at > ? AS open FROM match_requests WHERE program_id = ?",
    )
      .bind(Date.now(), DEMO_SELF_MATCH_PROGRAM_ID)
      .all();
    expect(request.results).toEqual([
      { mentee_id: "demo-mentee6", mentor_id: "demo-mentor7", status: "pending", open: 1 },
    ]);

    await env.DB.prepare("UPDATE people SET name = 'Changed' WHERE email = 'mentor1@example.org'").run();
    await env.DB.prepare("DELETE FROM memberships WHERE person_id = 'demo-mentee12'").run();
    expect(await seedDemo(env)).toBe(false);
    expect(
      (await env.DB.prepare("SELECT name FROM people WHERE email = 'mentor1@example.org'").first<{ name: string }>())!
        .name,
    ).toBe("Changed");
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM memberships WHERE person_id = 'demo-mentee12'").first<{
        n: number;
      }>())!.n,
    ).toBe(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM match_runs").first<{ n: number }>())!.n).toBe(1);
  });

  // Storage is per file: the demo seeded by the test above is still here.
  it("seeds spring pairings in every stage, their rooms lived in", async () => {
    const stages = await env.DB.prepare(
      "SELECT id, stage, stage_reason, ended_at, created_at FROM pairings WHERE program_id = ? ORDER BY stage",
    )
      .bind(DEMO_SPRING_PROGRAM_ID)
      .all<{ id: string; stage: string; stage_reason: string; ended_at: number | null; created_at: number }>();
    expect(stages.results.map((r) => r.stage)).toEqual([
      "active",
      "closed",
      "ended_early",
      "onboarding",
      "paused",
      "proposed",
      "wrapping_up",
    ]);
    const byStage = Object.fromEntries(stages.results.map((r) => [r.stage, r]));
    for (const stage of ["closed", "ended_early"])
      expect(byStage[stage]!.ended_at).toBeGreaterThan(byStage[stage]!.created_at);
    for (const stage of ["active", "onboarding", "paused", "proposed", "wrapping_up"])
      expect(byStage[stage]!.ended_at).toBeNull();
    expect(byStage.paused!.stage_reason).toContain("Parental leave");
    expect(byStage.ended_early!.stage_reason).toContain("another company");
    // Their stage histories are in D1 too, as the room projects live changes (the dashboard's funnel reads them).
    const history = await env.DB.prepare(
      "SELECT pairing_id, from_stage, to_stage, reason, actor FROM pairing_stage_changes WHERE pairing_id IN (SELECT id FROM pairings WHERE program_id = ?) ORDER BY pairing_id, seq",
    )
      .bind(DEMO_SPRING_PROGRAM_ID)
      .all<{ pairing_id: string; from_stage: string; to_stage: string; reason: string; actor: string }>();
    const pathOf = (id: string) =>
      history.results.filter((r) => r.pairing_id === id).map((r) => `${r.from_stage}>${r.to_stage}`);
    expect(pathOf(byStage.closed!.id)).toEqual(["onboarding>active", "active>wrapping_up", "wrapping_up>closed"]);
    expect(pathOf(byStage.ended_early!.id)).toEqual(["onboarding>active", "active>ended_early"]);
    expect(pathOf(byStage.proposed!.id)).toEqual([]);
    const ending = history.results.find((r) => r.to_stage === "ended_early")!;
    expect(ending.reason).toBe(byStage.ended_early!.stage_reason);
    expect(ending.actor).toMatch(/^demo-spring-mentee/);
    // Created between five days and ten weeks ago (the program started eleven weeks ago).
    for (const r of stages.results) {
      expect(r.created_at).toBeLessThanOrEqual(Date.now() - 5 * 86_400_000);
      expect(r.created_at).toBeGreaterThan(Date.now() - 10 * 7 * 86_400_000);
    }

    const projection = (id: string) =>
      env.DB.prepare(
        "SELECT stage, message_count, agreement_signed, agreement_version, goal_count, last_activity_at FROM pairings WHERE id = ?",
      )
        .bind(id)
        .first<{
          stage: string;
          message_count: number;
          agreement_signed: number;
          agreement_version: number;
          goal_count: number;
          last_activity_at: number | null;
        }>();
    const active = await projection(DEMO_SPRING_PAIRINGS.active);
    expect(active).toMatchObject({ stage: "active", agreement_signed: 1, agreement_version: 1, goal_count: 3 });
    expect(active!.message_count).toBeGreaterThanOrEqual(10);
    expect(active!.message_count).toBeLessThanOrEqual(15);
    expect(active!.last_activity_at).toBeLessThan(Date.now());
    const onboarding = await projection(DEMO_SPRING_PAIRINGS.onboarding);
    expect(onboarding).toMatchObject({ stage: "onboarding", agreement_signed: 0, agreement_version: 1 });
    expect(onboarding!.message_count).toBeGreaterThan(0);
    for (const id of [
      DEMO_SPRING_PAIRINGS.wrapping_up,
      DEMO_SPRING_PAIRINGS.closed,
      DEMO_SPRING_PAIRINGS.paused,
      DEMO_SPRING_PAIRINGS.ended_early,
      DEMO_SPRING_PAIRINGS.group,
    ]) {
      const p = await projection(id);
      expect(p!.agreement_signed, id).toBe(1);
      expect(p!.message_count, id).toBeGreaterThan(0);
      expect(p!.goal_count, id).toBeGreaterThan(0);
    }
    expect(await projection(DEMO_SPRING_PAIRINGS.proposed)).toMatchObject({
      stage: "proposed",
      message_count: 0,
      agreement_version: 0,
    });
    const goals = await env.DB.prepare(
      "SELECT status, progress FROM pairing_goals WHERE pairing_id = ? ORDER BY progress",
    )
      .bind(DEMO_SPRING_PAIRINGS.active)
      .all<{ status: string; progress: number }>();
    expect(goals.results).toHaveLength(3);
    expect(new Set(goals.results.map((g) => g.progress)).size).toBe(3);

    // The group circle: one mentor, two mentees, in a group program coordinated by both coordinators.
    const group = await env.DB.prepare(
      "SELECT m.role, p.stage, pr.type FROM pairing_members m JOIN pairings p ON p.id = m.pairing_id JOIN programs pr ON pr.id = p.program_id WHERE p.program_id = ? ORDER BY m.role",
    )
      .bind(DEMO_SPRING_GROUPS_PROGRAM_ID)
      .all<{ role: string; stage: string; type: string }>();
    expect(group.results).toEqual([
      { role: "mentee", stage: "active", type: "group" },
      { role: "mentee", stage: "active", type: "group" },
      { role: "mentor", stage: "active", type: "group" },
    ]);
    for (const programId of [DEMO_SPRING_PROGRAM_ID, DEMO_SPRING_GROUPS_PROGRAM_ID]) {
      const coordinators = await env.DB.prepare(
        "SELECT person_id FROM memberships WHERE program_id = ? AND role = 'coordinator' AND status = 'active' ORDER BY person_id",
      )
        .bind(programId)
        .all<{ person_id: string }>();
      expect(coordinators.results.map((r) => r.person_id)).toEqual(["demo-cocoordinator", "demo-coordinator"]);
    }

    // The existing demo mentors and mentees keep all their free places for the staged matching run.
    const taken = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM pairing_members WHERE person_id LIKE 'demo-mentor%' OR person_id LIKE 'demo-mentee%'",
    ).first<{ n: number }>();
    expect(taken!.n).toBe(0);

    // A member of the active pairing sees a lived-in room.
    const mentee = new Browser();
    await mentee.signIn("spring-mentee1@example.org");
    const chat = await mentee.get(`/pairings/${DEMO_SPRING_PAIRINGS.active}/chat`);
    expect(chat.res.status).toBe(200);
    expect(chat.html).toContain("All six one-to-ones are booked.");
    expect(chat.html).toContain("Welcome! Start by writing your mentoring agreement together.");
    expect(chat.html.match(/class="msg[ "]/g)!.length).toBeGreaterThanOrEqual(12);
    const overview = await mentee.get(`/pairings/${DEMO_SPRING_PAIRINGS.active}`);
    expect(overview.res.status).toBe(200);
    expect(overview.html).toContain("Katrin Vogel");
    for (const tab of ["goals", "notes", "resources", "agreement"]) {
      const page = await mentee.get(`/pairings/${DEMO_SPRING_PAIRINGS.active}/${tab}`);
      expect(page.res.status, tab).toBe(200);
    }
    expect((await mentee.get(`/pairings/${DEMO_SPRING_PAIRINGS.active}/goals`)).html).toContain("Hire two developers");
    expect((await mentee.get(`/pairings/${DEMO_SPRING_PAIRINGS.active}/notes`)).html).toContain("Meeting notes");

    // The room agrees with D1, and seeding a room again changes nothing.
    const room = await roomOf(env, DEMO_SPRING_PAIRINGS.active).overview({
      kind: "member",
      personId: "demo-spring-mentee1",
    });
    expect(room.ok && room.value.counts).toEqual({
      goals: 3,
      notes: 2,
      resources: 3,
      messages: active!.message_count + 2,
    });
    const again = await roomOf(env, DEMO_SPRING_PAIRINGS.active).importHistory({
      messages: [],
      goals: [],
      notes: [],
      resources: [],
    });
    expect(again).toEqual({ ok: true, value: { imported: false } });
    // History keeps its own times: weeks of messages, and goals not all stamped with the last message's time.
    const times = await runInDurableObject(roomOf(env, DEMO_SPRING_PAIRINGS.active), (_i, state) =>
      state.storage.sql
        .exec<{ first: number; last: number; distinct_times: number; n: number; goal_times: number }>(
          "SELECT min(created_at) AS first, max(created_at) AS last, count(DISTINCT created_at) AS distinct_times, count(*) AS n, (SELECT count(DISTINCT created_at) FROM goals) AS goal_times FROM messages",
        )
        .one(),
    );
    expect(times.last - times.first).toBeGreaterThan(14 * 86_400_000);
    expect(times.distinct_times).toBe(times.n);
    expect(times.goal_times).toBeGreaterThan(1);

    // Meetings: the active pairing's weekly series crosses a daylight-saving change, with past ones held or missed,
    // one moved and one cancelled; the onboarding pairing has a proposal waiting. D1 has times, never agendas or notes.
    const series = await env.DB.prepare(
      "SELECT id, time_zone, start_local, duration_minutes, repeat, count, status FROM meetings WHERE pairing_id = ?",
    )
      .bind(DEMO_SPRING_PAIRINGS.active)
      .first<Record<string, string | number>>();
    expect(series).toMatchObject({ repeat: "weekly", count: 30, status: "confirmed", time_zone: "Europe/Berlin" });
    const offsets = new Set(
      occurrences({
        timeZone: String(series!.time_zone),
        startLocal: String(series!.start_local),
        durationMinutes: Number(series!.duration_minutes),
        repeat: "weekly",
        count: 30,
        until: null,
      }).map((o) => Temporal.Instant.fromEpochMilliseconds(o.start).toZonedDateTimeISO("Europe/Berlin").offset),
    );
    expect(offsets.size).toBe(2);
    const outcomes = await env.DB.prepare(
      "SELECT outcome, count(*) AS n FROM meeting_outcomes WHERE pairing_id = ? GROUP BY outcome ORDER BY outcome",
    )
      .bind(DEMO_SPRING_PAIRINGS.active)
      .all();
    expect(outcomes.results).toEqual([expect.objectContaining({ outcome: "held" }), { outcome: "missed", n: 1 }]);
    const changes = await env.DB.prepare("SELECT status FROM meeting_changes WHERE meeting_id = ? ORDER BY status")
      .bind(series!.id)
      .all();
    expect(changes.results).toEqual([{ status: "cancelled" }, { status: "moved" }]);
    const proposal = await env.DB.prepare("SELECT status FROM meetings WHERE pairing_id = ?")
      .bind(DEMO_SPRING_PAIRINGS.onboarding)
      .first<{ status: string }>();
    expect(proposal!.status).toBe("proposed");
    const meetingDump = JSON.stringify((await env.DB.prepare("SELECT * FROM meetings").all()).results);
    expect(meetingDump).not.toContain("Since last time");

    // Every other stage opens for its members too.
    for (const [email, id] of [
      ["spring-mentor2@example.org", DEMO_SPRING_PAIRINGS.onboarding],
      ["spring-mentee3@example.org", DEMO_SPRING_PAIRINGS.wrapping_up],
      ["spring-mentee4@example.org", DEMO_SPRING_PAIRINGS.closed],
      ["spring-mentee5@example.org", DEMO_SPRING_PAIRINGS.paused],
      ["spring-mentor6@example.org", DEMO_SPRING_PAIRINGS.ended_early],
      ["spring-mentee7@example.org", DEMO_SPRING_PAIRINGS.proposed],
      ["spring-mentee9@example.org", DEMO_SPRING_PAIRINGS.group],
    ] as const) {
      const b = new Browser();
      await b.signIn(email);
      expect((await b.get(`/pairings/${id}`)).res.status, id).toBe(200);
      expect((await b.get(`/pairings/${id}/chat`)).res.status, id).toBe(200);
    }
  });
  it("seeds past check-ins with answers and one pairing at risk; the journeys mail only the check-ins open now", async () => {
    const spring = [DEMO_SPRING_PROGRAM_ID, DEMO_SPRING_GROUPS_PROGRAM_ID];
    const now = Date.now();
    const checkins = await env.DB.prepare(
      "SELECT c.id, c.pairing_id, c.milestone, c.opens_at, c.closes_at FROM checkins c WHERE c.program_id IN (?1, ?2) ORDER BY c.pairing_id, c.opens_at",
    )
      .bind(...spring)
      .all<{ id: string; pairing_id: string; milestone: string; opens_at: number; closes_at: number }>();
    const past = checkins.results.filter((c) => c.closes_at <= now);
    const pairingsWithPast = new Set(past.map((c) => c.pairing_id));
    for (const id of [
      DEMO_SPRING_PAIRINGS.active,
      DEMO_SPRING_PAIRINGS.wrapping_up,
      DEMO_SPRING_PAIRINGS.closed,
      DEMO_SPRING_PAIRINGS.paused,
      DEMO_SPRING_PAIRINGS.ended_early,
      DEMO_SPRING_PAIRINGS.group,
    ]) {
      expect(pairingsWithPast.has(id), id).toBe(true);
    }
    expect(pairingsWithPast.has(DEMO_SPRING_PAIRINGS.proposed)).toBe(false);
    // Every past check-in was answered by someone, mostly "Going well" or "OK"; one "Struggling", with a comment.
    const answers = await env.DB.prepare(
      "SELECT a.checkin_id, a.pairing_id, a.answer, a.comment FROM checkin_answers a WHERE a.pairing_id IN (SELECT id FROM pairings WHERE program_id IN (?1, ?2))",
    )
      .bind(...spring)
      .all<{ checkin_id: string; pairing_id: string; answer: string; comment: string }>();
    for (const c of past)
      expect(
        answers.results.some((a) => a.checkin_id === c.id),
        `${c.pairing_id} ${c.milestone}`,
      ).toBe(true);
    const struggling = answers.results.filter((a) => a.answer === "struggling");
    expect(struggling).toHaveLength(1);
    expect(struggling[0]!.comment.length).toBeGreaterThan(10);
    expect(answers.results.filter((a) => a.answer === "going-well" || a.answer === "ok").length).toBeGreaterThanOrEqual(
      answers.results.length - 1,
    );
    // The paused pairing is flagged: its member answered "Struggling" before the pause.
    const risk = await env.DB.prepare(
      "SELECT id, risk_reason, risk_since FROM pairings WHERE program_id IN (?1, ?2) AND risk_reason IS NOT NULL",
    )
      .bind(...spring)
      .all<{ id: string; risk_reason: string; risk_since: number }>();
    const paused = risk.results.find((r) => r.id === DEMO_SPRING_PAIRINGS.paused);
    expect(paused?.risk_reason).toBe('Hiroshi Sato answered "Struggling" to a check-in.');
    expect(paused!.risk_since).toBeLessThan(now);

    // The journeys started: each walked its past milestones at once, finding the past check-ins answered (no streak),
    // and opened the check-in of the active and wrapping-up pairings that is open now; the paused one waits.
    const active = journeys.get(DEMO_SPRING_PAIRINGS.active)!;
    const wrapping = journeys.get(DEMO_SPRING_PAIRINGS.wrapping_up)!;
    expect(await active.waitForStepResult({ name: "check-in-1 closed" })).toBe(0);
    const openIds = [
      await active.waitForStepResult({ name: "open check-in-2" }),
      await wrapping.waitForStepResult({ name: "open check-in-2" }),
    ];
    // Opened past half-way, the wrapping-up pairing's check-in mail is not followed by a reminder at once.
    expect(await wrapping.waitForStepResult({ name: "check-in-2 reminder" })).toBe(2);
    expect(await journeys.get(DEMO_SPRING_PAIRINGS.paused)!.waitForStepResult({ name: "stage before welcome" })).toBe(
      "paused",
    );
    expect(await journeys.get(DEMO_SPRING_PAIRINGS.group)!.waitForStepResult({ name: "check-in-3 closed" })).toBe(0);
    const current = await env.DB.prepare(
      "SELECT id, pairing_id, opens_at, closes_at FROM checkins WHERE id IN (?1, ?2)",
    )
      .bind(...openIds)
      .all<{ id: string; pairing_id: string; opens_at: number; closes_at: number }>();
    expect(current.results.map((c) => c.pairing_id).sort()).toEqual([
      DEMO_SPRING_PAIRINGS.active,
      DEMO_SPRING_PAIRINGS.wrapping_up,
    ]);
    for (const c of current.results) {
      expect(c.opens_at).toBeLessThanOrEqual(Date.now());
      expect(c.closes_at).toBeGreaterThan(Date.now());
    }

    // In the mailbox: the open check-ins' mails, one per member, and nothing about milestones long past (no welcome a
    // month late, no mail for closed check-ins, no reminder sent together with its check-in).
    const mail = await env.DB.prepare(
      "SELECT id, kind, subject, body_text FROM notifications WHERE id LIKE 'journey:demospring%' ORDER BY id",
    ).all<{ id: string; kind: string; subject: string; body_text: string }>();
    const members = await env.DB.prepare(
      "SELECT pairing_id, person_id FROM pairing_members WHERE pairing_id IN (?1, ?2) ORDER BY pairing_id, person_id",
    )
      .bind(DEMO_SPRING_PAIRINGS.active, DEMO_SPRING_PAIRINGS.wrapping_up)
      .all<{ pairing_id: string; person_id: string }>();
    const checkinMail = mail.results.filter((m) => m.kind === "journey-check-in");
    expect(checkinMail.map((m) => m.id)).toEqual(
      members.results.map((m) => `journey:${m.pairing_id}:check-in-2:sent:${m.person_id}`),
    );
    for (const m of checkinMail) {
      expect(m.subject).toMatch(/^Check-in 2: how is your mentoring with .+ going\?$/);
      expect(m.body_text).toMatch(/Going well: http\S+\/c\/\S+\?a=going-well/);
    }
    // Anything else is the onboarding pairing's agreement reminder, sent only while it is not yet three days overdue.
    expect(
      mail.results
        .filter((m) => m.kind !== "journey-check-in")
        .every((m) => m.id.startsWith(`journey:${DEMO_SPRING_PAIRINGS.onboarding}:agreement:reminder:`)),
    ).toBe(true);
  });

  it("seeds a mid-point survey most members answered, with one mentee's request still open on their home", async () => {
    const counts = await env.DB.prepare(
      "SELECT count(*) AS asked, count(answered_at) AS answered FROM survey_requests WHERE survey_id = 'demo-spring-midpoint'",
    ).first<{ asked: number; answered: number }>();
    expect(counts!.asked).toBeGreaterThan(4);
    expect(counts!.answered).toBeGreaterThan(counts!.asked / 2);
    expect(counts!.answered).toBeLessThan(counts!.asked);
    const answers = await env.DB.prepare(
      "SELECT count(DISTINCT a.question_id) AS questions FROM survey_answers a JOIN survey_requests r ON r.id = a.request_id WHERE r.survey_id = 'demo-spring-midpoint'",
    ).first<{ questions: number }>();
    expect(answers!.questions).toBe(4);
    const b = new Browser();
    await b.signIn("spring-mentee1@example.org");
    const { html } = await b.get("/");
    expect(html).toContain("Mid-point survey");
  });
});
