/**
 * Surveys asked after a meeting: the 5-minute cron asks each member of a pairing whose confirmed meeting has just ended
 * (not a cancelled occurrence, not one still to come), by mail and on their home page, once per occurrence.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { sendAfterMeetingSurveys } from "../../worker/surveys/surveys";
import { ORIGIN, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
const HOUR = 3_600_000;
/** Local "YYYY-MM-DDTHH:MM" in UTC for an instant. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** A meeting of the pairing in UTC, one-off or weekly. */
async function meeting(id: string, start: number, status: string, repeat = "none", count: number | null = null) {
  const lastEnd = start + (count ? (count - 1) * 7 * 24 * HOUR : 0) + HOUR;
  await env.DB.prepare(
    "INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, time_zone, start_local, duration_minutes, repeat, count, status, sequence, first_start, last_end, created_at, updated_at) VALUES (?1, ?2, 'x', 'Talk', 'video', 'UTC', ?3, 60, ?4, ?5, ?6, 0, ?7, ?8, 0, 0)",
  )
    .bind(id, p.pairingId, local(start), repeat, count, status, start, lastEnd)
    .run();
}

const requests = () =>
  env.DB.prepare("SELECT person_id, occasion FROM survey_requests ORDER BY occasion, person_id").all<{
    person_id: string;
    occasion: string;
  }>();

beforeAll(async () => {
  p = await makePairing("aftermeet", ["mentor-am@example.org", "mentee-am@example.org"], "active");
  const coordinator = await signedIn(`coord-aftermeet@example.org`);
  const res = await coordinator.post(`/programs/${p.programId}/surveys`, {
    title: "How was the session?",
    trigger: "after-meeting",
    q1kind: "scale",
    q1text: "How useful was it?",
  });
  expect(res.status).toBe(303);
});

describe("surveys after a meeting", () => {
  it("asks both members once an occurrence has ended, once per occurrence, never for a cancelled or future one", async () => {
    const now = Date.now();
    const hourAgo = Math.floor((now - 2 * HOUR) / 60_000) * 60_000;
    await meeting("m-held", hourAgo, "confirmed");
    await meeting("m-cancelled", hourAgo, "cancelled");
    await meeting("m-later", hourAgo + 3 * HOUR, "confirmed");
    // A weekly series whose first occurrence ended and second was cancelled (a change), third still to come.
    await meeting("m-weekly", hourAgo - 7 * 24 * HOUR, "confirmed", "weekly", 3);
    await env.DB.prepare(
      "INSERT INTO meeting_changes (meeting_id, recurrence_id, status, start_local, duration_minutes, sequence) VALUES ('m-weekly', ?1, 'cancelled', NULL, NULL, 1)",
    )
      .bind(local(hourAgo))
      .run();

    expect(await sendAfterMeetingSurveys(env, ORIGIN, now)).toBe(2);
    expect(await sendAfterMeetingSurveys(env, ORIGIN, now + 60_000)).toBe(0);
    const asked = (await requests()).results;
    expect(asked.map((r) => r.occasion)).toEqual([`m-held@${local(hourAgo)}`, `m-held@${local(hourAgo)}`]);
    expect(new Set(asked.map((r) => r.person_id))).toEqual(new Set(p.memberIds));
    const mails = await env.DB.prepare("SELECT person_id FROM notifications WHERE kind = 'survey'").all();
    expect(mails.results).toHaveLength(2);
  });

  it("the cron asks after the next meeting that ends, and the member sees it on their home page", async () => {
    const start = Date.now() - 3 * HOUR;
    await meeting("m-cron", Math.floor(start / 60_000) * 60_000, "confirmed");
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ cron: "*/5 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await requests()).results.filter((r) => r.occasion.startsWith("m-cron@"))).toHaveLength(2);
    const mentee = await signedIn("mentee-am@example.org");
    const { html } = await mentee.get("/");
    expect(html.match(/Answer the survey “How was the session\?”/g)).toHaveLength(2);
    const requestId = /href="\/surveys\/([^"]+m-cron[^"]+)"/.exec(html)?.[1] ?? "";
    expect((await mentee.post(`/surveys/${decodeURIComponent(requestId)}`, { q1: "5" })).status).toBe(303);
    expect((await mentee.get("/")).html.match(/Answer the survey “How was the session\?”/g)).toHaveLength(1);
    const overview = await mentee.get(`/pairings/${p.pairingId}`);
    expect(overview.html.match(/href="\/surveys\/[^"]+"/g)).toHaveLength(1);
    expect(overview.html).toContain("Answer the survey “How was the session?”");
  });

  it("reads more ended meetings than D1 binds parameters in one statement", async () => {
    const end = Math.floor((Date.now() - 5 * HOUR) / 60_000) * 60_000;
    await env.DB.batch(
      Array.from({ length: 105 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, time_zone, start_local, duration_minutes, repeat, status, sequence, first_start, last_end, created_at, updated_at) VALUES (?1, ?2, 'x', 'Talk', 'video', 'UTC', ?3, 60, 'none', 'confirmed', 0, ?4, ?5, 0, 0)",
        ).bind(`m-many-${i}`, p.pairingId, local(end - i * 60_000 - HOUR), end - i * 60_000 - HOUR, end - i * 60_000),
      ),
    );
    expect(await sendAfterMeetingSurveys(env, ORIGIN)).toBe(2 * 105);
    expect(await sendAfterMeetingSurveys(env, ORIGIN)).toBe(0);
  });
});
