/**
 * The journey Workflow with the introspection API: sleeps disabled, events mocked or timed out, the room's own events.
 */
import { introspectWorkflowInstance, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE, journeyPlan } from "../../worker/domain/journey/template";
import { roomOf } from "../../worker/pairings/access";
import { justHeldMeeting } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const journey = { kind: "journey" as const };
const member = (id: string) => ({ kind: "member" as const, personId: id });

/** Mail the journey sent, by kind. */
async function journeyMail(p: TestPairing): Promise<Record<string, number>> {
  const rows = await env.DB.prepare(
    "SELECT kind, count(*) AS n FROM notifications WHERE person_id IN (SELECT value FROM json_each(?1)) AND kind LIKE 'journey-%' GROUP BY kind",
  )
    .bind(JSON.stringify(p.memberIds))
    .all<{ kind: string; n: number }>();
  return Object.fromEntries(rows.results.map((r) => [r.kind, r.n]));
}

/** The pairing's plan (the fixture's program: 12 weeks, check-ins every 14 days). */
async function planOf(p: TestPairing) {
  const row = await env.DB.prepare("SELECT created_at FROM pairings WHERE id = ?")
    .bind(p.pairingId)
    .first<{ created_at: number }>();
  return journeyPlan(row!.created_at, { lengthWeeks: 12, cadenceDays: 14 }, DEFAULT_TEMPLATE);
}

/** Signs the agreement by every member. */
async function signAgreement(p: TestPairing) {
  const room = roomOf(env, p.pairingId);
  const saved = await room.saveAgreement(
    member(p.memberIds[0]!),
    { goals: "Grow", cadence: "weekly", responseTime: "week", confidentiality: "Between us" },
    ["chat"],
    0,
  );
  expect(saved.ok).toBe(true);
  for (const id of p.memberIds.slice(1)) expect((await room.signAgreement(member(id), 1)).ok).toBe(true);
}

/** A meeting an hour ago, confirmed and marked held. */
async function holdMeeting(p: TestPairing) {
  const room = roomOf(env, p.pairingId);
  const held = justHeldMeeting();
  const local = held.local;
  const proposed = await room.proposeMeeting(
    member(p.memberIds[0]!),
    { kind: "phone", date: held.date, start: held.start, end: held.end, repeat: "none" },
    "UTC",
  );
  expect(proposed.ok).toBe(true);
  const id = proposed.ok ? proposed.value.id : "";
  await room.answerMeeting(member(p.memberIds[1]!), id, "accepted");
  expect((await room.recordOutcome(member(p.memberIds[0]!), id, local, "held", "")).ok).toBe(true);
  await room.flushProjection();
}

describe("journey", () => {
  it("happy path: welcome, check-ins answered, no reminders, wrap-up and close", async () => {
    const p = await makePairing("jhappy", ["mentor-jh@example.org", "mentee-jh@example.org"]);
    await signAgreement(p);
    await holdMeeting(p);
    const room = roomOf(env, p.pairingId);
    // The members answer every check-in as soon as it opens: open them the way the journey will (same milestone keys).
    for (const m of (await planOf(p)).filter((x) => x.closes)) {
      const opened = await room.openCheckin(journey, m.key, m.due, m.closes!);
      for (const id of p.memberIds)
        expect((await room.answerCheckin(member(id), opened.ok ? opened.value.id : "", "going-well", "")).ok).toBe(
          true,
        );
    }
    await using instance = await introspectWorkflowInstance(env.JOURNEY, p.pairingId);
    await instance.modify(async (m) => {
      await m.disableSleeps();
      await m.mockEvent({ type: "checkin-answered", payload: {} });
    });
    await env.JOURNEY.create({ id: p.pairingId, params: { pairingId: p.pairingId } });
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ pairingId: p.pairingId, outcome: "completed" });
    expect(await room.stage()).toBe("closed");
    const mail = await journeyMail(p);
    expect(mail["journey-welcome"]).toBe(2);
    expect(mail["journey-check-in"]).toBe(2 * 5);
    expect(mail["journey-wrap-up"]).toBe(2);
    expect(mail["journey-agreement"]).toBeUndefined();
    await room.flushProjection();
    const risk = await env.DB.prepare("SELECT risk_reason FROM pairings WHERE id = ?")
      .bind(p.pairingId)
      .first<{ risk_reason: string | null }>();
    expect(risk!.risk_reason).toBeNull();
  });

  it("a missed agreement gets one reminder, then the pairing is flagged at risk", async () => {
    const p = await makePairing("jagree", ["mentor-ja@example.org", "mentee-ja@example.org"]);
    await using instance = await introspectWorkflowInstance(env.JOURNEY, p.pairingId);
    await instance.modify(async (m) => {
      await m.disableSleeps();
      await m.forceEventTimeout({ name: "agreement signed" });
    });
    await env.JOURNEY.create({ id: p.pairingId, params: { pairingId: p.pairingId } });
    expect(await instance.waitForStepResult({ name: "flag: no agreement" })).toBe(true);
    expect((await journeyMail(p))["journey-agreement"]).toBe(2);
    const room = roomOf(env, p.pairingId);
    await room.flushProjection();
    const risk = await env.DB.prepare("SELECT risk_reason FROM pairings WHERE id = ?")
      .bind(p.pairingId)
      .first<{ risk_reason: string }>();
    expect(risk!.risk_reason).toMatch(/agreement|check-ins in a row/);
  });

  it("silence leads to at-risk: unanswered check-ins in a row and no meetings", async () => {
    const p = await makePairing("jsilent", ["mentor-js@example.org", "mentee-js@example.org"]);
    await signAgreement(p);
    await using instance = await introspectWorkflowInstance(env.JOURNEY, p.pairingId);
    await instance.modify(async (m) => {
      await m.disableSleeps();
      await m.forceEventTimeout({ name: "first meeting held" });
      for (const key of ["check-in-1", "check-in-2"]) await m.forceEventTimeout({ name: `${key} answered (0)` });
    });
    await env.JOURNEY.create({ id: p.pairingId, params: { pairingId: p.pairingId } });
    // The first check-in is due the day the first meeting is, so that wait is cut short; the check-ins watch on.
    expect(await instance.waitForStepResult({ name: "first meeting held after the wait?" })).toBe(false);
    expect(await instance.waitForStepResult({ name: "check-in-1 closed" })).toBe(1);
    expect(await instance.waitForStepResult({ name: "check-in-2 closed" })).toBe(2);
    const room = roomOf(env, p.pairingId);
    await room.flushProjection();
    const risk = await env.DB.prepare("SELECT risk_reason FROM pairings WHERE id = ?")
      .bind(p.pairingId)
      .first<{ risk_reason: string }>();
    expect(risk!.risk_reason).toMatch(/check-ins in a row unanswered/);
    const reminders = await env.DB.prepare(
      "SELECT count(*) AS n FROM notifications WHERE kind = 'journey-check-in' AND subject LIKE 'Reminder:%' AND person_id = ?",
    )
      .bind(p.memberIds[1])
      .first<{ n: number }>();
    expect(reminders!.n).toBeGreaterThanOrEqual(2);
  });

  it("a paused pairing waits; when it is ended the journey stops, told by the room", async () => {
    const p = await makePairing("jpause", ["mentor-jp@example.org", "mentee-jp@example.org"]);
    const room = roomOf(env, p.pairingId);
    expect((await room.changeStage(member(p.memberIds[0]!), "pause", "Holidays")).ok).toBe(true);
    await using instance = await introspectWorkflowInstance(env.JOURNEY, p.pairingId);
    await instance.modify(async (m) => {
      await m.disableSleeps();
    });
    await env.JOURNEY.create({ id: p.pairingId, params: { pairingId: p.pairingId } });
    expect(await instance.waitForStepResult({ name: "stage before welcome" })).toBe("paused");
    expect((await room.changeStage(member(p.memberIds[0]!), "end", "We agreed to stop")).ok).toBe(true);
    await runDurableObjectAlarm(room);
    await instance.waitForStatus("complete");
    expect(await instance.getOutput()).toEqual({ pairingId: p.pairingId, outcome: "ended (ended_early)" });
    expect((await journeyMail(p))["journey-welcome"]).toBeUndefined();
  });
});
