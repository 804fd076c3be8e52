/**
 * Deleting a person's data: nothing of them is left in any D1 table or any table of their pairing rooms; partners keep
 * the pairing.
 */
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import { deletePersonData } from "../../worker/privacy/delete-person";
import { createInvitation } from "../../worker/programs/invitations";
import { Browser, justHeldMeeting, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const EMAIL = "leaver-del@example.org";
const NAME = "Lea Mkname Ver";
const MARKERS = [
  "Mkname",
  "MKBIO",
  "MKCHAT",
  "MKNOTE",
  "MKLINK",
  "MKCOMMENT",
  "MKREQUEST",
  "MKOUTCOME",
  "MKMAIL",
  "MKPRONOUN",
  EMAIL,
];

let p: TestPairing;
let group: TestPairing;
let leaverId: string;
let leaver: Browser;
const member = (personId: string) => ({ kind: "member" as const, personId });

/** Every row of every table of D1, as JSON text per table. */
async function d1Dump(): Promise<Record<string, string>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  expect(tables.results.length).toBeGreaterThan(20);
  const out: Record<string, string> = {};
  for (const { name } of tables.results)
    out[name] = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
  return out;
}

/** Every row of every table of a pairing room's own SQLite, as JSON text per table. */
async function roomDump(pairingId: string): Promise<Record<string, string>> {
  return runInDurableObject(roomOf(env, pairingId), (_room, state) => {
    const sql = state.storage.sql;
    const names = sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      )
      .toArray();
    return Object.fromEntries(
      names.map(({ name }) => [name, JSON.stringify(sql.exec(`SELECT * FROM "${name}"`).toArray())]),
    );
  });
}

/** The markers found in a dump, as "table: marker". */
function leaks(dump: Record<string, string>): string[] {
  return Object.entries(dump).flatMap(([table, text]) =>
    MARKERS.filter((m) => text.toLowerCase().includes(m.toLowerCase())).map((m) => `${table}: ${m}`),
  );
}

beforeAll(async () => {
  p = await makePairing("del", ["mentor-del@example.org", EMAIL], "active");
  group = await makePairing("delg", ["mentor-delg@example.org", "mentee-delg@example.org", EMAIL], "active");
  leaverId = p.memberIds[1]!;
  const [mentorId] = p.memberIds as [string];
  await env.DB.prepare("UPDATE people SET name = ?2, bio = 'I like MKBIO', pronouns = 'MKPRONOUN' WHERE id = ?1")
    .bind(leaverId, NAME)
    .run();
  const room = roomOf(env, p.pairingId);
  const me = member(leaverId);
  expect((await room.postMessage(me, "client-0001-abcd", "Hello from MKCHAT")).ok).toBe(true);
  expect((await room.postMessage(member(mentorId), "client-0002-abcd", "Hello back")).ok).toBe(true);
  expect((await room.addNote(me, { title: "MKNOTE title", body: "MKNOTE body" }, "blank")).ok).toBe(true);
  expect((await room.addResource(me, { url: "https://example.org/MKLINK", title: "MKLINK", note: "" })).ok).toBe(true);
  expect(
    (
      await room.addGoal(me, {
        title: "Shared goal",
        why: "",
        targetDate: "",
        progress: "20",
        status: "open",
      })
    ).ok,
  ).toBe(true);
  expect(
    (
      await room.saveAgreement(
        me,
        { goals: "Grow", cadence: "weekly", responseTime: "week", confidentiality: "Between us" },
        ["chat"],
        0,
      )
    ).ok,
  ).toBe(true);
  const held = justHeldMeeting();
  const start = held.local;
  const meeting = await room.proposeMeeting(
    me,
    { kind: "phone", date: held.date, start: held.start, end: held.end, repeat: "none" },
    "UTC",
  );
  expect(meeting.ok).toBe(true);
  const meetingId = meeting.ok ? meeting.value.id : "";
  expect((await room.answerMeeting(member(mentorId), meetingId, "accepted")).ok).toBe(true);
  expect((await room.recordOutcome(me, meetingId, start, "held", "We met. MKOUTCOME")).ok).toBe(true);
  const checkin = await room.openCheckin(
    { kind: "journey" },
    "check-in-1",
    Date.now() - 60_000,
    Date.now() + 86_400_000,
  );
  expect(checkin.ok).toBe(true);
  expect((await room.answerCheckin(me, checkin.ok ? checkin.value.id : "", "struggling", "Busy MKCOMMENT")).ok).toBe(
    true,
  );
  await room.flushProjection();
  expect((await roomOf(env, group.pairingId).postMessage(me, "client-0003-abcd", "Group MKCHAT")).ok).toBe(true);
  await roomOf(env, group.pairingId).flushProjection();

  await createInvitation(env, group.programId, EMAIL, "mentee");
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO match_requests (id, program_id, mentee_id, mentor_id, message, status, created_at, expires_at) VALUES ('req-del', ?1, ?2, ?3, 'Please MKREQUEST', 'pending', 1, ?4)",
    ).bind(p.programId, leaverId, mentorId, Date.now() + 86_400_000),
    env.DB.prepare(
      "INSERT INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at, person_id) VALUES ('n-del-1', ?1, 'News MKMAIL', 'Hi Lea', 'journey-welcome', 'sent', 'dev-mailbox', 1, ?2)",
    ).bind(EMAIL, leaverId),
    env.DB.prepare(
      "INSERT INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at) VALUES ('n-del-2', 'mentor-del@example.org', ?1, ?2, 'match-request', 'sent', 'dev-mailbox', 1)",
    ).bind(`${NAME} asked you to be their mentor`, `${NAME} (${EMAIL}) wrote:\n\nPlease MKREQUEST\n`),
    env.DB.prepare(
      "INSERT INTO calendar_tokens (token_hash, person_id, pairing_id, created_at) VALUES ('hash-del', ?1, NULL, 1)",
    ).bind(leaverId),
    env.DB.prepare("INSERT INTO notification_prefs (person_id, category, mode) VALUES (?1, 'chat', 'digest')").bind(
      leaverId,
    ),
    env.DB.prepare(
      `INSERT INTO participant_imports (id, program_id, imported_by, created_at, added, present, bad_count, bad, notices) VALUES ('imp-del', ?1, ?2, 1, 0, 0, 2, ?3, '[]')`,
    ).bind(
      p.programId,
      p.coordinatorId,
      JSON.stringify([
        { line: 3, reason: `${EMAIL} is already listed as mentee on line 2` },
        { line: 4, reason: "email is missing" },
      ]),
    ),
  ]);
  leaver = new Browser();
  await env.DB.prepare("DELETE FROM rate_events").run();
  await leaver.signIn(EMAIL);
  const before = leaks(await d1Dump()).concat(leaks(await roomDump(p.pairingId)));
  for (const m of MARKERS)
    expect(
      before.some((l) => l.endsWith(`: ${m}`)),
      `planted ${m}`,
    ).toBe(true);
});

describe("deleting my data", () => {
  it("asks for the email address; a wrong one deletes nothing", async () => {
    const page = await leaver.get("/settings/data");
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('action="/settings/data/delete"');
    const wrong = await leaver.post("/settings/data/delete", { confirm: "someone@example.org" });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain("That is not the address you sign in with; nothing was deleted.");
    expect(html).toContain('value="someone@example.org"');
    const empty = await leaver.post("/settings/data/delete", {});
    expect(empty.status).toBe(422);
    const row = await env.DB.prepare("SELECT deleted_at, name FROM people WHERE id = ?1")
      .bind(leaverId)
      .first<{ deleted_at: number | null; name: string }>();
    expect(row).toEqual({ deleted_at: null, name: NAME });
  });

  it("forgets them in every room and D1 table, converging after a crash half-way, signs them out and logs it", async () => {
    // A crash after one room forgot them: the deletion runs again from the start and converges.
    expect((await roomOf(env, group.pairingId).forgetMember(member(leaverId), leaverId)).ok).toBe(true);
    const oldCookies = new Map(leaver.cookies);
    const res = await leaver.post("/settings/data/delete", { confirm: ` ${EMAIL.toUpperCase()} ` });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/settings/data/deleted");
    expect(
      res.headers
        .getSetCookie()
        .some((c) => /^__Host-sid=;/.test(c) || (/^__Host-sid=/.test(c) && /max-age=0/i.test(c))),
    ).toBe(true);
    expect((await leaver.get("/settings/data/deleted")).html).toContain("Your data is deleted");

    const again = new Browser();
    again.cookies = oldCookies;
    const refused = await again.fetch("/settings/data");
    expect(refused.status).toBe(303);
    expect(refused.headers.get("Location")).toContain("/signin");

    expect(await deletePersonData(env, leaverId)).toBe(true);
    expect(leaks(await d1Dump())).toEqual([]);
    expect(leaks(await roomDump(p.pairingId))).toEqual([]);
    expect(leaks(await roomDump(group.pairingId))).toEqual([]);

    const tomb = await env.DB.prepare("SELECT name, email, bio, pronouns, deleted_at FROM people WHERE id = ?1")
      .bind(leaverId)
      .first<Record<string, unknown>>();
    expect(tomb).toMatchObject({
      name: "Deleted person",
      email: `deleted-${leaverId}@deleted.invalid`,
      bio: "",
      pronouns: "",
    });
    expect(tomb!.deleted_at).toBeTypeOf("number");
    for (const table of ["sessions", "calendar_tokens", "notification_prefs", "memberships", "invitations"]) {
      expect(
        (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE person_id = ?1`)
          .bind(leaverId)
          .first<{ n: number }>())!.n,
        table,
      ).toBe(0);
    }
    const audit = await env.DB.prepare(
      "SELECT program_id, actor_id, detail FROM audit_log WHERE action = 'person.delete' AND subject_id = ?1 ORDER BY program_id",
    )
      .bind(leaverId)
      .all<{
        program_id: string | null;
        actor_id: string;
        detail: string;
      }>();
    expect(audit.results.map((a) => a.program_id)).toEqual(
      [null, p.programId, group.programId].sort((a, b) => String(a ?? "").localeCompare(String(b ?? ""))),
    );
    expect(audit.results.every((a) => a.actor_id === leaverId)).toBe(true);
    expect(JSON.parse(audit.results[0]!.detail)).toMatchObject({
      pairings: 2,
      pairingsEnded: 1,
      messagesRemoved: 1,
      notesRemoved: 1,
      linksRemoved: 1,
      checkinAnswersRemoved: 1,
      programs: 2,
    });
    const mail = await env.DB.prepare("SELECT subject, body_text FROM notifications WHERE id = 'n-del-2'").first<{
      subject: string;
      body_text: string;
    }>();
    expect(mail).toEqual({
      subject: "Deleted person asked you to be their mentor",
      body_text: "Deleted person (Deleted person) wrote:\n\n(message removed)\n",
    });
    const request = await env.DB.prepare("SELECT message, status FROM match_requests WHERE id = 'req-del'").first();
    expect(request).toEqual({ message: "", status: "withdrawn" });
    const imported = await env.DB.prepare("SELECT bad, bad_count FROM participant_imports WHERE id = 'imp-del'").first<{
      bad: string;
      bad_count: number;
    }>();
    expect(JSON.parse(imported!.bad)).toEqual([{ line: 4, reason: "email is missing" }]);
  });

  it("leaves the partner their pairing, ended early, with a deleted person and removed messages", async () => {
    const mentor = await signedIn("mentor-del@example.org");
    const overview = await mentor.get(`/pairings/${p.pairingId}`);
    expect(overview.res.status).toBe(200);
    expect(overview.html).toContain("Deleted person");
    const chat = await mentor.get(`/pairings/${p.pairingId}/chat`);
    expect(chat.html).toContain("Message removed");
    expect(chat.html).toContain("Hello back");
    expect(chat.html).toContain("A member left Trellis");
    expect(chat.html).not.toContain("MKCHAT");
    const pairing = await env.DB.prepare("SELECT stage, stage_reason FROM pairings WHERE id = ?1")
      .bind(p.pairingId)
      .first();
    expect(pairing).toEqual({ stage: "ended_early", stage_reason: "A member left Trellis" });
    const goals = await env.DB.prepare("SELECT title FROM pairing_goals WHERE pairing_id = ?1").bind(p.pairingId).all();
    expect(goals.results).toEqual([{ title: "Shared goal" }]);
    const groupPairing = await env.DB.prepare("SELECT stage FROM pairings WHERE id = ?1").bind(group.pairingId).first();
    expect(groupPairing).toEqual({ stage: "active" });
    const groupChat = await (await signedIn("mentor-delg@example.org")).get(`/pairings/${group.pairingId}/chat`);
    expect(groupChat.html).toContain("Message removed");
  });

  it("lets the same address sign up again as a new person", async () => {
    await createInvitation(env, p.programId, EMAIL, "mentee");
    const fresh = await env.DB.prepare("SELECT id, deleted_at FROM people WHERE email = ?1")
      .bind(EMAIL)
      .first<{ id: string; deleted_at: number | null }>();
    expect(fresh!.id).not.toBe(leaverId);
    expect(fresh!.deleted_at).toBeNull();
    const b = new Browser();
    await env.DB.prepare("DELETE FROM rate_events").run();
    await b.signIn(EMAIL);
    const page = await b.get("/settings/data");
    expect(page.res.status).toBe(200);
  });
});
