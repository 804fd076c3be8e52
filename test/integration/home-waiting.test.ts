import { env } from "cloudflare:workers";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { asMember, roomOf } from "../../worker/pairings/access";
import { waitingFor } from "../../worker/people/waiting-for";
import { Browser, createPerson, gzipSize, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const MENTOR = "kai@home.test"; // Europe/Berlin
const MENTEE = "lea@home.test"; // Australia/Sydney
const DAY = 86_400_000;

let p: TestPairing;
let mentorId = "";
let menteeId = "";

const flush = () => roomOf(env, p.pairingId).flushProjection();
const home = async (email: string) => (await (await signedIn(email)).get("/")).html;

beforeAll(async () => {
  p = await makePairing("home", [MENTOR, MENTEE], "onboarding");
  [mentorId, menteeId] = p.memberIds as [string, string];
  await env.DB.prepare("UPDATE people SET time_zone = 'Australia/Sydney', name = 'Lea' WHERE id = ?")
    .bind(menteeId)
    .run();
  await env.DB.prepare("UPDATE people SET name = 'Kai' WHERE id = ?").bind(mentorId).run();
});

describe("home: what is waiting for you", () => {
  it("says what to do next when nothing is waiting", async () => {
    await createPerson("nobody@home.test");
    const b = new Browser();
    await b.signIn("nobody@home.test");
    const { html } = await b.get("/");
    expect(html).toContain("Nothing is waiting for you.");
    expect(html).toContain("When a coordinator invites you to a program, the invitation arrives by email.");
  });

  it("lists an agreement to write, then to sign, only for the member who has not signed", async () => {
    expect(await home(MENTEE)).toContain("Write your mentoring agreement");
    const mentor = await signedIn(MENTOR);
    await mentor.get(`/pairings/${p.pairingId}/agreement`);
    const saved = await mentor.post(`/pairings/${p.pairingId}/agreement`, {
      base_version: "0",
      goals: "Lead a team",
      channels: ["chat", "video"],
      cadence: "fortnightly",
      contactHours: "Weekdays 18:00-20:00",
      responseTime: "two-days",
      confidentiality: "Between us.",
      offLimits: "",
    });
    expect(saved.status).toBe(303);
    await flush();
    const lea = await home(MENTEE);
    expect(lea).toContain(`<a href="/pairings/${p.pairingId}/agreement">Sign your mentoring agreement</a>`);
    expect(lea).toContain("with Kai");
    expect(await home(MENTOR)).not.toContain("mentoring agreement</a>");
    const items = await waitingFor(env, menteeId);
    expect(items.find((i) => i.kind === "agreement")).toMatchObject({ action: "sign", version: 1 });
  });

  it("lists unread chat per pairing, a meeting proposal to answer in both zones, and an open check-in", async () => {
    const posted = await roomOf(env, p.pairingId).postMessage(asMember(mentorId), "client-home-0001", "Hello Lea");
    expect(posted.ok).toBe(true);
    const tomorrow = Temporal.Now.zonedDateTimeISO("Europe/Berlin").add({ days: 2 }).with({ hour: 9, minute: 0 });
    const mentor = await signedIn(MENTOR);
    const proposed = await mentor.post(`/pairings/${p.pairingId}/meetings`, {
      title: "First call",
      kind: "video",
      repeat: "none",
      agendaTemplate: "check-in",
      date: tomorrow.toPlainDate().toString(),
      start: "09:00",
      end: "10:00",
    });
    expect(proposed.status).toBe(303);
    const opened = await roomOf(env, p.pairingId).openCheckin(
      { kind: "journey" },
      "check-in-1",
      Date.now(),
      Date.now() + 4 * DAY,
    );
    expect(opened.ok).toBe(true);
    await flush();

    const items = await waitingFor(env, menteeId);
    expect(items.map((i) => i.kind)).toEqual(["checkin", "meeting", "agreement", "chat", "profile"]);
    const lea = await home(MENTEE);
    expect(lea).toMatch(
      new RegExp(`<a href="/pairings/${p.pairingId}/chat">Read (1 unread message|\\d+ unread messages)</a>`),
    );
    expect(lea).toContain("Answer the meeting proposal “First call”");
    // The viewer's zone first, then the other member's.
    expect(lea).toMatch(/\(Australia\/Sydney\)<\/time>\s*<span class="zone"> · [^<]*09:00 \(Europe\/Berlin\)/);
    const checkin = items.find((i) => i.kind === "checkin")!;
    expect(checkin.path).toMatch(/^\/c\/[A-Za-z0-9._-]+$/);
    expect(lea).toContain(`href="${checkin.path}"`);
    const answerPage = await (await signedIn(MENTEE)).get(checkin.path);
    expect(answerPage.res.status).toBe(200);

    const kai = await waitingFor(env, mentorId);
    expect(kai.map((i) => i.kind)).not.toContain("meeting");
    expect(kai.map((i) => i.kind)).not.toContain("agreement");
    expect((await home(MENTOR)).includes("Answer the meeting proposal")).toBe(false);

    const size = await gzipSize(lea);
    console.log(`GET / (signed in, 5 waiting): ${lea.length} bytes raw, ${size} bytes gzip`);
    expect(size).toBeLessThan(14 * 1024);
  });

  it("shows the next video meeting with a Join link once it is confirmed, on home and the room overview", async () => {
    const lea = await signedIn(MENTEE);
    const meetingId = (await waitingFor(env, menteeId)).find((i) => i.kind === "meeting")!;
    expect(meetingId.kind).toBe("meeting");
    if (meetingId.kind !== "meeting") return;
    await lea.get(`/pairings/${p.pairingId}/meetings`);
    const answer = await lea.post(`/pairings/${p.pairingId}/meetings/${meetingId.meetingId}/answer`, {
      answer: "accepted",
      from: "list",
    });
    expect(answer.status).toBe(303);
    await flush();
    const html = await home(MENTEE);
    expect(html).not.toContain("Answer the meeting proposal");
    expect(html).toMatch(/<strong>Next meeting:<\/strong>/);
    expect(html).toMatch(/<a class="button" href="https:[^"]+"[^>]*>Join/);
    const overview = await lea.get(`/pairings/${p.pairingId}`);
    expect(overview.html).toMatch(/<a class="button" href="https:[^"]+"[^>]*>Join/);
  });

  it("lists a mentoring request for a mentor to answer, linked to their program page", async () => {
    await env.DB.prepare(
      "INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, message, status, created_at, expires_at) VALUES ('req-home', ?1, ?2, ?3, 'Hi', 'pending', ?4, ?5)",
    )
      .bind(p.programId, menteeId, mentorId, Date.now(), Date.now() + 5 * DAY)
      .run();
    const items = await waitingFor(env, mentorId);
    expect(items[0]).toMatchObject({ kind: "request", fromName: "Lea", count: 1, path: `/programs/${p.programId}/me` });
    expect(await home(MENTOR)).toContain(
      `<a href="/programs/${p.programId}/me">Answer Lea&#39;s mentoring request</a>`,
    );
  });
});
