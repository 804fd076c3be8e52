/**
 * Webhook events captured where they really happen (migration 0023's triggers): each event made through the app's own
 * path — an invitation accepted, a mentor accepting a request, a check-in answered from its mail link, a member pausing
 * the pairing, a meeting proposed, accepted and cancelled in the room — queues a delivery for the endpoint the
 * coordinator registered on the page, with ids and states only. Re-projected rows never queue twice, and an endpoint
 * hears nothing that happened before it existed or while it was paused.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { checkinToken } from "../../worker/checkins/answer-links";
import { roomOf } from "../../worker/pairings/access";
import { createWebhookEndpoint } from "../../worker/webhooks/endpoints";
import worker from "../../worker/index";
import { acceptInvitation, Browser, createPerson, createProgramAs, ORIGIN, signedIn } from "../helpers";
import { makePairing } from "../room-fixture";

const COORD = "wh-coord@example.org";
const MENTOR = "wh-mentor@example.org";
const MENTEE = "wh-mentee@example.org";
const RECEIVER = "https://receiver.invalid/trellis";
const DAY = 86_400_000;

let programId = "";
let endpointId = "";
let mentorId = "";
let menteeId = "";
let pairingId = "";
let mentor: Browser;
let mentee: Browser;

interface Delivery {
  id: string;
  event: string;
  body: string;
}

/** The deliveries queued for an endpoint, oldest first. */
async function deliveries(endpoint = endpointId): Promise<Delivery[]> {
  const rows = await env.DB.prepare(
    "SELECT id, event, body FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at, rowid",
  )
    .bind(endpoint)
    .all<Delivery>();
  return rows.results;
}

/** The `data` of every delivery of one event type. */
async function dataOf(event: string, endpoint = endpointId): Promise<Record<string, unknown>[]> {
  return (await deliveries(endpoint))
    .filter((d) => d.event === event)
    .map((d) => {
      const body = JSON.parse(d.body) as { type: string; timestamp: string; data: Record<string, unknown> };
      expect(body.type).toBe(event);
      expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      return body.data;
    });
}

/** Accepts an emailed invitation in a new browser (which is then signed in); returns the browser. */
const acceptInvitationOf = async (email: string): Promise<Browser> => (await acceptInvitation(email)).b;

const flush = () => roomOf(env, pairingId).flushProjection();

beforeAll(async () => {
  await createPerson(COORD, { canCreatePrograms: true, name: "Wren Coordinator" });
  const coordinator = await signedIn(COORD);
  programId = await createProgramAs(coordinator, "Hooks program", { matching_mode: "self" });
  await coordinator.get(`/programs/${programId}/webhooks`);
  const events = [
    "participant.joined",
    "pairing.created",
    "pairing.stage_changed",
    "pairing.at_risk",
    "checkin.answered",
    "meeting.scheduled",
    "meeting.cancelled",
  ];
  const res = await coordinator.post(`/programs/${programId}/webhooks`, { url: RECEIVER, events });
  expect(res.status).toBe(200);
  endpointId = (await env.DB.prepare("SELECT id FROM webhook_endpoints WHERE program_id = ?")
    .bind(programId)
    .first<{ id: string }>())!.id;
});

describe("webhook events from their real paths", () => {
  it("participant.joined: an invited mentor and mentee accept their invitations", async () => {
    const coordinator = await signedIn(COORD);
    for (const [email, role] of [
      [MENTOR, "mentor"],
      [MENTEE, "mentee"],
    ] as const)
      expect((await coordinator.post(`/programs/${programId}/invitations`, { email, role })).status).toBe(303);
    // Invited is not joined yet.
    expect(await dataOf("participant.joined")).toEqual([]);
    mentor = await acceptInvitationOf(MENTOR);
    mentee = await acceptInvitationOf(MENTEE);
    const ids = await env.DB.prepare("SELECT id, email FROM people WHERE email IN (?, ?)")
      .bind(MENTOR, MENTEE)
      .all<{ id: string; email: string }>();
    mentorId = ids.results.find((r) => r.email === MENTOR)!.id;
    menteeId = ids.results.find((r) => r.email === MENTEE)!.id;
    expect(await dataOf("participant.joined")).toEqual([
      { program_id: programId, person_id: mentorId, role: "mentor" },
      { program_id: programId, person_id: menteeId, role: "mentee" },
    ]);
  });

  it("pairing.created: the mentor accepts the mentee's request", async () => {
    await env.DB.prepare("UPDATE people SET name = 'Mo Mentor', capacity = 2, languages = '[\"english\"]' WHERE id = ?")
      .bind(mentorId)
      .run();
    await env.DB.prepare("UPDATE people SET name = 'Em Mentee', languages = '[\"english\"]' WHERE id = ?")
      .bind(menteeId)
      .run();
    await mentee.get(`/programs/${programId}/mentors`);
    const asked = await mentee.post(`/programs/${programId}/requests`, {
      mentor_id: mentorId,
      message: "Private hello to my mentor",
      page: "1",
    });
    expect(asked.status).toBe(303);
    const request = (await env.DB.prepare("SELECT id FROM match_requests WHERE mentee_id = ?")
      .bind(menteeId)
      .first<{ id: string }>())!;
    expect((await mentor.post(`/programs/${programId}/requests/${request.id}/accept`, {})).status).toBe(303);
    pairingId = (await env.DB.prepare("SELECT id FROM pairings WHERE program_id = ?")
      .bind(programId)
      .first<{ id: string }>())!.id;
    expect(await dataOf("pairing.created")).toEqual([
      {
        program_id: programId,
        pairing_id: pairingId,
        members: [
          { person_id: menteeId, role: "mentee" },
          { person_id: mentorId, role: "mentor" },
        ],
      },
    ]);
  });

  it("checkin.answered and pairing.at_risk: the mentee answers “Struggling” from the check-in mail's link", async () => {
    const closes = Date.now() + 4 * DAY;
    const opened = await roomOf(env, pairingId).openCheckin({ kind: "journey" }, "check-in-1", Date.now(), closes);
    const checkinId = opened.ok ? opened.value.id : "";
    await flush();
    const token = await checkinToken(env, pairingId, checkinId, menteeId, closes);
    const res = await new Browser().fetch(`/c/${token}`, {
      method: "POST",
      body: new URLSearchParams({ answer: "struggling", comment: "A private worry about my manager" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    });
    expect(res.status).toBe(303);
    await flush();
    expect(await dataOf("checkin.answered")).toEqual([
      {
        program_id: programId,
        pairing_id: pairingId,
        checkin_id: checkinId,
        person_id: menteeId,
        answer: "struggling",
      },
    ]);
    expect(await dataOf("pairing.at_risk")).toEqual([{ program_id: programId, pairing_id: pairingId }]);
  });

  it("meeting.scheduled and meeting.cancelled: proposed by the mentor, accepted by the mentee, then cancelled", async () => {
    const list = `/pairings/${pairingId}/meetings`;
    await mentor.get(list);
    const day = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
    const proposed = await mentor.post(list, {
      kind: "video",
      title: "Secret meeting title",
      date: day,
      start: "10:00",
      end: "11:00",
      repeat: "none",
      ends: "count",
      count: "1",
      until: "",
      location: "",
      videoUrl: "",
      agendaTemplate: "check-in",
    });
    expect(proposed.status).toBe(303);
    const meetingId = /\/meetings\/([0-9a-f]+)/.exec(proposed.headers.get("Location") ?? "")![1]!;
    await flush();
    expect(await dataOf("meeting.scheduled")).toEqual([]); // proposed, not yet agreed
    await mentee.get(list);
    expect((await mentee.post(`${list}/${meetingId}/answer`, { answer: "accepted" })).status).toBe(303);
    await flush();
    const [scheduled] = await dataOf("meeting.scheduled");
    const firstStart = (await env.DB.prepare("SELECT first_start FROM meetings WHERE id = ?")
      .bind(meetingId)
      .first<{ first_start: number }>())!.first_start;
    expect(scheduled).toEqual({
      program_id: programId,
      pairing_id: pairingId,
      meeting_id: meetingId,
      first_start: new Date(firstStart).toISOString(),
    });
    expect((await mentor.post(`${list}/${meetingId}/cancel`, { scope: "series" })).status).toBe(303);
    await flush();
    expect(await dataOf("meeting.cancelled")).toEqual([
      { program_id: programId, pairing_id: pairingId, meeting_id: meetingId },
    ]);
  });

  it("pairing.stage_changed: a member pauses the pairing from its overview", async () => {
    const stage = (await env.DB.prepare("SELECT stage FROM pairings WHERE id = ?")
      .bind(pairingId)
      .first<{ stage: string }>())!.stage;
    await mentor.get(`/pairings/${pairingId}`);
    const res = await mentor.post(`/pairings/${pairingId}/stage`, { action: "pause", reason: "Holidays in Lisbon" });
    expect(res.status).toBe(303);
    await flush();
    const changes = await dataOf("pairing.stage_changed");
    expect(changes.at(-1)).toEqual({ program_id: programId, pairing_id: pairingId, from: stage, to: "paused" });
  });

  it("never carries names, addresses, chat, comments, reasons or meeting titles", async () => {
    const all = (await deliveries()).map((d) => d.body).join("\n");
    for (const secret of [
      "Mo Mentor",
      "Em Mentee",
      "Wren",
      MENTOR,
      MENTEE,
      "Private hello",
      "private worry",
      "Secret meeting title",
      "Lisbon",
      "Struggling",
    ])
      expect(all).not.toContain(secret);
  });

  it("re-projecting the room queues nothing twice", async () => {
    const before = (await deliveries()).length;
    await roomOf(env, pairingId).addGoal(
      { kind: "member", personId: mentorId },
      { title: "A goal to force a new snapshot" },
    );
    await flush();
    expect((await deliveries()).length).toBe(before);
  });

  it("an endpoint hears nothing from before it existed, nor while paused", async () => {
    const coordinator = await signedIn(COORD);
    const res = await coordinator.post(`/programs/${programId}/webhooks`, {
      url: "https://late.invalid/hook",
      events: ["checkin.answered", "meeting.scheduled", "pairing.created", "participant.joined"],
    });
    expect(res.status).toBe(200);
    const late = (await env.DB.prepare(
      "SELECT id FROM webhook_endpoints WHERE url = 'https://late.invalid/hook'",
    ).first<{
      id: string;
    }>())!.id;
    await roomOf(env, pairingId).addGoal({ kind: "member", personId: menteeId }, { title: "Another snapshot" });
    await flush();
    expect(await deliveries(late)).toEqual([]);
    expect((await coordinator.post(`/programs/${programId}/webhooks/${late}/pause`, {})).status).toBe(303);
    await coordinator.post(`/programs/${programId}/invitations`, { email: "wh-late@example.org", role: "mentee" });
    await acceptInvitationOf("wh-late@example.org");
    expect(await deliveries(late)).toEqual([]);
    expect((await dataOf("participant.joined")).length).toBe(3);
  });

  it("the room sends what its change queued right away, without waiting for the sweep", async () => {
    const res = await mentor.post(`/pairings/${pairingId}/stage`, { action: "resume" });
    expect(res.status).toBe(303);
    // No flush here: the room's own alarm projects the change, then sends (the receiver is unreachable offline, so the
    // attempt is logged with no answer and retried later).
    await vi.waitFor(
      async () => {
        const row = await env.DB.prepare(
          `SELECT d.attempts AS n FROM webhook_deliveries d
           WHERE d.endpoint_id = ? AND d.event = 'pairing.stage_changed' AND d.body LIKE '%"from":"paused"%'`,
        )
          .bind(endpointId)
          .first<{ n: number }>();
        expect(row?.n).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 200 },
    );
  });

  it("the 5-minute cron sends what is due", async () => {
    const coordinator = await signedIn(COORD);
    await coordinator.post(`/programs/${programId}/invitations`, { email: "wh-cron@example.org", role: "mentor" });
    await acceptInvitationOf("wh-cron@example.org");
    const cronId = (await env.DB.prepare("SELECT id FROM people WHERE email = 'wh-cron@example.org'").first<{
      id: string;
    }>())!.id;
    const pending = async () =>
      (await env.DB.prepare(
        "SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ? AND attempts = 0 AND body LIKE ?",
      )
        .bind(endpointId, `%"person_id":"${cronId}"%`)
        .first<{ n: number }>())!.n;
    expect(await pending()).toBe(1);
    const ctx = createExecutionContext();
    await worker.scheduled!(
      createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }),
      env as Env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(await pending()).toBe(0);
  });

  it("pairing.stage_changed and pairing.at_risk from the journey: the room's moves with the journey as caller", async () => {
    const q = await makePairing("whjourney", ["wh-jm@example.org", "wh-jn@example.org"], "active");
    const hook = await createWebhookEndpoint(env, {
      programId: q.programId,
      url: "https://journey.invalid/hook",
      events: ["pairing.stage_changed", "pairing.at_risk"],
      createdBy: q.coordinatorId,
    });
    const room = roomOf(env, q.pairingId);
    expect((await room.changeStage({ kind: "journey" }, "wrap_up", "The wrap-up weeks have begun.")).ok).toBe(true);
    expect((await room.setRisk({ kind: "journey" }, "No meeting held a week after the first one was due.")).ok).toBe(
      true,
    );
    await room.flushProjection();
    expect(await dataOf("pairing.stage_changed", hook.id)).toEqual([
      { program_id: q.programId, pairing_id: q.pairingId, from: "active", to: "wrapping_up" },
    ]);
    expect(await dataOf("pairing.at_risk", hook.id)).toEqual([{ program_id: q.programId, pairing_id: q.pairingId }]);
    expect((await deliveries(hook.id)).map((d) => d.body).join()).not.toContain("wrap-up weeks");
  });
});
