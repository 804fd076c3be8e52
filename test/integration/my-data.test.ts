/** A person's own data download: only for the signed-in person, with what they wrote and not what others wrote. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import { Browser, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
const member = (personId: string) => ({ kind: "member" as const, personId });

beforeAll(async () => {
  p = await makePairing("mine", ["mentor-mine@example.org", "mentee-mine@example.org"], "active");
  const [mentor, mentee] = p.memberIds as [string, string];
  const room = roomOf(env, p.pairingId);
  expect((await room.postMessage(member(mentee), "client-mine-0001", "MINE-mentee-words")).ok).toBe(true);
  expect((await room.postMessage(member(mentor), "client-mine-0002", "THEIRS-mentor-words")).ok).toBe(true);
  expect((await room.addNote(member(mentee), { title: "My note", body: "MINE-note" }, "blank")).ok).toBe(true);
  expect((await room.addNote(member(mentor), { title: "Their note", body: "THEIRS-note" }, "blank")).ok).toBe(true);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at) VALUES ('n-mine', 'mentee-mine@example.org', 'Welcome', 'MINE-mail', 'journey-welcome', 'sent', 'dev-mailbox', 1)",
    ),
    env.DB.prepare(
      "INSERT INTO calendar_tokens (token_hash, person_id, pairing_id, created_at) VALUES ('secret-hash-mine', ?1, NULL, 5)",
    ).bind(mentee),
  ]);
});

describe("my data download", () => {
  it("is only for a signed-in person", async () => {
    const res = await new Browser().fetch("/settings/data/export.json");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signin?next=%2Fsettings%2Fdata%2Fexport.json");
    expect((await new Browser().fetch("/settings/data")).status).toBe(303);
  });

  it("holds the person's profile, pairing, own messages and notes, mail and feeds, and nothing the partner wrote", async () => {
    const mentee = await signedIn("mentee-mine@example.org");
    const page = await mentee.get("/settings/data");
    expect(page.html).toContain('href="/settings/data/export.json"');
    const res = await mentee.fetch("/settings/data/export.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="trellis-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.profile.email).toBe("mentee-mine@example.org");
    expect(data.memberships).toEqual([
      expect.objectContaining({ program_id: p.programId, role: "mentee", status: "active" }),
    ]);
    expect(data.pairings[0]).toMatchObject({ id: p.pairingId, your_role: "mentee", stage: "active" });
    expect(data.pairings[0].members.map((m: { role: string }) => m.role).sort()).toEqual(["mentee", "mentor"]);
    const content = data.yourContentInPairings[0];
    expect(content.messages.map((m: { body: string }) => m.body)).toEqual(["MINE-mentee-words"]);
    expect(content.notes.map((n: { body: string }) => n.body)).toEqual(["MINE-note"]);
    expect(data.notifications.map((n: { body_text: string }) => n.body_text)).toContain("MINE-mail");
    expect(data.calendarFeeds).toEqual([
      { pairing_id: null, created_at: new Date(5).toISOString(), revoked_at: null, last_used_at: null },
    ]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(text).not.toContain("THEIRS-");
    expect(text).not.toContain("secret-hash-mine");
    expect(text).not.toContain("id_hash");
  });

  it("gives the partner their own words, not the mentee's", async () => {
    const mentor = await signedIn("mentor-mine@example.org");
    const text = await (await mentor.fetch("/settings/data/export.json")).text();
    expect(text).toContain("THEIRS-mentor-words");
    expect(text).not.toContain("MINE-");
  });
});
