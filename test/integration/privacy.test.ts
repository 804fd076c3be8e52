/**
 * The privacy rule: no coordinator page or export shows a pairing's chat, notes, agreement (unshared), meeting agendas
 * or notes.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import { justHeldMeeting, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const MARKERS = ["PRIVCHAT", "PRIVNOTE", "PRIVAGREEMENT", "PRIVAGENDA", "PRIVOUTCOME", "PRIVLINKNOTE"];
let p: TestPairing;
const member = (personId: string) => ({ kind: "member" as const, personId });

beforeAll(async () => {
  p = await makePairing("priv", ["mentor-priv@example.org", "mentee-priv@example.org"], "active");
  const [mentor, mentee] = p.memberIds as [string, string];
  const room = roomOf(env, p.pairingId);
  expect((await room.postMessage(member(mentee), "client-priv-0001", "Secret PRIVCHAT")).ok).toBe(true);
  expect((await room.addNote(member(mentor), { title: "Notes", body: "Secret PRIVNOTE" }, "blank")).ok).toBe(true);
  expect(
    (
      await room.addResource(member(mentor), {
        url: "https://example.org/doc",
        title: "Doc",
        note: "PRIVLINKNOTE",
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await room.addGoal(member(mentor), {
        title: "Public goal title",
        why: "",
        targetDate: "",
        progress: "10",
        status: "open",
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await room.saveAgreement(
        member(mentor),
        { goals: "Grow PRIVAGREEMENT", cadence: "weekly", responseTime: "week", confidentiality: "PRIVAGREEMENT" },
        ["chat"],
        0,
      )
    ).ok,
  ).toBe(true);
  const held = justHeldMeeting();
  const start = held.local;
  const meeting = await room.proposeMeeting(
    member(mentor),
    { kind: "phone", date: held.date, start: held.start, end: held.end, repeat: "none" },
    "UTC",
  );
  const meetingId = meeting.ok ? meeting.value.id : "";
  expect((await room.answerMeeting(member(mentee), meetingId, "accepted")).ok).toBe(true);
  expect((await room.editAgenda(member(mentor), meetingId, "Agenda PRIVAGENDA")).ok).toBe(true);
  expect((await room.recordOutcome(member(mentor), meetingId, start, "held", "Notes PRIVOUTCOME")).ok).toBe(true);
  const checkin = await room.openCheckin(
    { kind: "journey" },
    "check-in-1",
    Date.now() - 60_000,
    Date.now() + 86_400_000,
  );
  expect(
    (
      await room.answerCheckin(
        member(mentee),
        checkin.ok ? checkin.value.id : "",
        "ok",
        "A comment for the coordinator",
      )
    ).ok,
  ).toBe(true);
  await room.flushProjection();
});

describe("coordinator pages and exports", () => {
  it("answer 200 and never contain chat, notes, agreement, agendas or meeting notes", async () => {
    const coordinator = await signedIn("coord-priv@example.org");
    const base = `/programs/${p.programId}`;
    const urls = [
      base,
      `${base}/dashboard`,
      `${base}/dashboard/checkins`,
      `${base}/dashboard/engagement`,
      `${base}/at-risk`,
      `${base}/pairings`,
      `${base}/pairings/${p.pairingId}`,
      `${base}/matching`,
      `${base}/journey`,
      `${base}/message`,
      `${base}/audit`,
      `${base}/exports`,
      `${base}/exports/participants.csv`,
      `${base}/exports/pairings.csv`,
      `${base}/exports/checkins.csv`,
      `${base}/exports/meetings.csv`,
      `${base}/exports/goals.csv`,
    ];
    const problems: string[] = [];
    const bodies: string[] = [];
    for (const url of urls) {
      const res = await coordinator.fetch(url);
      const text = await res.text();
      bodies.push(text);
      if (res.status !== 200) problems.push(`${url}: ${res.status}`);
      for (const m of MARKERS) if (text.includes(m)) problems.push(`${url}: ${m}`);
    }
    expect(problems).toEqual([]);
    // The exports do carry the projection (so the test is looking at real content).
    expect(bodies.some((b) => b.includes("Public goal title"))).toBe(true);
    expect(bodies.some((b) => b.includes("A comment for the coordinator"))).toBe(true);
  });
});
