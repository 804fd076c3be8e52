/**
 * The inbox is enough: chat by mail (quiet period, contact hours, preferences, read in the browser, replies by email),
 * meeting proposals answered from the mail's short links without signing in, confirmation / move / cancel mails and
 * the reminder before a meeting. The room's mail step runs at chosen instants (runInDurableObject), so the quiet
 * period and the reminder's lead are tested without waiting.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { answerLinks } from "../../worker/checkins/answer-links";
import { formatInstant } from "../../worker/domain/format-time";
import { storedMailHeaders } from "../../worker/domain/mail-headers";
import { CHAT_MAIL_QUIET_MS } from "../../worker/domain/chat-mail";
import { signReplyToken } from "../../worker/mail/reply-address";
import { sendDigests } from "../../worker/mail/digest";
import { receiveReply } from "../../worker/mail/inbound";
import { meetingLinkToken } from "../../worker/mail/short-links";
import { sendInvitationBatch } from "../../worker/programs/invitation-mail";
import { roomOf } from "../../worker/pairings/access";
import { roomContext } from "../../worker/room/room-context";
import { sendDueMail } from "../../worker/room/room-mail";
import { createPerson, ORIGIN, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const PARIS = "Europe/Paris";
const KOLKATA = "Asia/Kolkata";
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let p: TestPairing;
let ana = "";
let bo = "";
const member = (personId: string) => ({ kind: "member", personId }) as const;

type MailRow = {
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  kind: string;
  status: string;
  reply_to: string | null;
  thread: string | null;
  category: string;
};

/** Runs the room's mail step as its alarm would, at `now`. */
async function runMail(now: number): Promise<number | null> {
  return runInDurableObject(roomOf(env, p.pairingId), (_room, state) => sendDueMail(roomContext(state, env), now));
}

/** Mails of a kind, oldest first. */
async function mails(kind: string): Promise<MailRow[]> {
  const rows = await env.DB.prepare("SELECT * FROM notifications WHERE kind = ? ORDER BY rowid")
    .bind(kind)
    .all<MailRow>();
  return rows.results;
}

/** A request with no cookies at all, as from a mail client's browser. */
function bare(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(ORIGIN + path, { ...init, redirect: "manual" }));
}

/** The path of a link in a mail ("http://127.0.0.1:8787/m/…" gives "/m/…"). */
function pathOf(body: string, label: string): string {
  const url = new RegExp(`${label}: (\\S+)`).exec(body)?.[1];
  if (!url) throw new Error(`no "${label}" link in:\n${body}`);
  const u = new URL(url);
  return u.pathname + u.search;
}

/** A plain reply from `from` to a reply address, as the email() handler receives it. */
function replyMail(from: string, to: string, text: string, id: string) {
  const raw = `From: ${from}\r\nTo: ${to}\r\nSubject: Re: your chat\r\nMessage-ID: <${id}@mail.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n\r\nOn Monday, Trellis wrote:\r\n> quoted\r\n`;
  const bytes = new TextEncoder().encode(raw);
  const headers = new Headers({ "Message-ID": `<${id}@mail.test>` });
  const message = {
    from,
    to,
    headers,
    rawSize: bytes.length,
    raw: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
    setReject() {},
  };
  return message as unknown as ForwardableEmailMessage;
}

beforeAll(async () => {
  p = await makePairing("inbox", ["ana-inbox@example.org", "bo-inbox@example.org"], "active");
  [ana, bo] = p.memberIds as [string, string];
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE people SET name = 'Ana', time_zone = ?2, contact_start = 0, contact_end = 1440 WHERE id = ?1",
    ).bind(ana, PARIS),
    env.DB.prepare(
      "UPDATE people SET name = 'Bo', time_zone = ?2, contact_start = 0, contact_end = 1440 WHERE id = ?1",
    ).bind(bo, KOLKATA),
  ]);
});

describe("chat by mail", () => {
  it("a burst of messages makes one mail after the quiet period, quoting each with sender and time in the recipient's zone", async () => {
    const room = roomOf(env, p.pairingId);
    const sent = await Promise.all(
      ["Hello Bo!", "Are you free on Tuesday?\nOr Wednesday?", "Bring the draft <b>plan</b>"].map((body, i) =>
        room.postMessage(member(ana), `burst-message-${i}`, body),
      ),
    );
    const messages = sent.map((r) => (r.ok ? r.value.message : null)!);
    const last = Math.max(...messages.map((m) => m.createdAt));

    expect(await runMail(last + CHAT_MAIL_QUIET_MS - 1000)).toBe(last + CHAT_MAIL_QUIET_MS);
    expect(await mails("chat-unread")).toEqual([]);

    await runMail(last + CHAT_MAIL_QUIET_MS + 1000);
    await runMail(last + CHAT_MAIL_QUIET_MS + 2000);
    const got = await mails("chat-unread");
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.to_email).toBe("bo-inbox@example.org");
    expect(mail.category).toBe("chat");
    expect(mail.status).toBe("delivered"); // the dev mailbox
    expect(mail.thread).toBe(p.pairingId);
    expect(mail.reply_to).toMatch(/^reply\+[a-z2-7]{58,110}@reply\.trellis\.localhost$/);
    expect(mail.subject).toBe("3 new messages from Ana in your mentoring chat");
    const ordered = [...messages].sort((a, b) => a.seq - b.seq);
    const quoted = ordered
      .map((m) => `Ana, ${formatInstant(m.createdAt, KOLKATA)}:\n${m.body.replace(/^/gm, "> ")}`)
      .join("\n\n");
    expect(mail.body_text).toContain(
      `Hello Bo,\n\nAna wrote to you in your mentoring chat while you were away:\n\n${quoted}\n\nReply to this email to answer: your reply is posted in the chat. Or read the chat on Trellis:\nhttp://127.0.0.1:8787/pairings/${p.pairingId}/chat\n`,
    );
    expect(mail.body_text).toContain(`(${KOLKATA})`);
    expect(mail.body_text).not.toContain(`(${PARIS})`);
  });

  it("a reply to that mail lands in the chat, and is announced to the partner the same way", async () => {
    const [mail] = await mails("chat-unread");
    const outcome = await receiveReply(
      replyMail("bo-inbox@example.org", mail!.reply_to!, "Tuesday works, see you then.", "bo-reply-1"),
      env,
    );
    expect(outcome).toMatchObject({ ok: true, kind: "chat", pairingId: p.pairingId, duplicate: false });
    const page = await roomOf(env, p.pairingId).chatPage(member(ana), null);
    const posted = page.ok ? page.value.messages.at(-1)! : null;
    expect(posted).toMatchObject({ authorId: bo, body: "Tuesday works, see you then." });
    // Ana read it in the browser (chatPage marks it read): no mail for her.
    await runMail(posted!.createdAt + CHAT_MAIL_QUIET_MS + 1000);
    expect((await mails("chat-unread")).map((m) => m.to_email)).toEqual(["bo-inbox@example.org"]);

    // A second reply that Ana does not read reaches her by mail, quoted in her zone.
    expect(
      await receiveReply(
        replyMail("bo-inbox@example.org", mail!.reply_to!, "And I will bring coffee.", "bo-reply-2"),
        env,
      ),
    ).toMatchObject({ ok: true, kind: "chat" });
    const now = Date.now();
    await runMail(now + CHAT_MAIL_QUIET_MS + 1000);
    const toAna = (await mails("chat-unread")).filter((m) => m.to_email === "ana-inbox@example.org");
    expect(toAna).toHaveLength(1);
    expect(toAna[0]!.subject).toBe("New message from Bo in your mentoring chat");
    expect(toAna[0]!.body_text).toMatch(new RegExp(`Bo, [^\\n]+\\(${PARIS}\\):\\n> And I will bring coffee\\.\\n`));
    expect(toAna[0]!.body_text).not.toContain("Tuesday works");
  });

  it("a member who reads the chat in the browser gets no mail for what they read", async () => {
    const before = (await mails("chat-unread")).length;
    const r = await roomOf(env, p.pairingId).postMessage(member(ana), "read-in-browser-1", "Did you see this?");
    const at = r.ok ? r.value.message.createdAt : 0;
    const b = await roomOf(env, p.pairingId).chatPage(member(bo), null);
    expect(b.ok).toBe(true);
    expect(await runMail(at + CHAT_MAIL_QUIET_MS + 1000)).toBeNull();
    expect(await mails("chat-unread")).toHaveLength(before);
  });

  it("a member with the chat open (a live socket) has read what it was sent: no mail for it", async () => {
    const before = (await mails("chat-unread")).length;
    const res = await roomOf(env, p.pairingId).fetch(
      new Request("https://room/socket", { headers: { Upgrade: "websocket", "X-Trellis-Person": bo } }),
    );
    expect(res.status).toBe(101);
    const socket = res.webSocket!;
    socket.accept();
    const r = await roomOf(env, p.pairingId).postMessage(member(ana), "live-socket-1", "Seen live");
    const at = r.ok ? r.value.message.createdAt : 0;
    const closed = new Promise((resolve) => socket.addEventListener("close", resolve));
    socket.close(1000, "done");
    await closed; // the room has closed its side too
    expect(await runMail(at + CHAT_MAIL_QUIET_MS + 1000)).toBeNull();
    expect(await mails("chat-unread")).toHaveLength(before);
    // Once the page is closed, the next message is mailed as usual.
    const r2 = await roomOf(env, p.pairingId).postMessage(member(ana), "live-socket-2", "After you left");
    await runMail((r2.ok ? r2.value.message.createdAt : 0) + CHAT_MAIL_QUIET_MS + 1000);
    const got = await mails("chat-unread");
    expect(got).toHaveLength(before + 1);
    expect(got.at(-1)!.body_text).toContain("> After you left");
    expect(got.at(-1)!.body_text).not.toContain("Seen live");
  });

  it("outside the recipient's contact hours the mail waits for their window, and is dropped if they read first", async () => {
    const before = (await mails("chat-unread")).length;
    // Bo's window is the hour that starts three hours from now, in his zone.
    const opens = new Date(Date.now() + 3 * HOUR);
    const local = new Intl.DateTimeFormat("en-GB", {
      timeZone: KOLKATA,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(opens);
    const minute = Number(local.find((x) => x.type === "hour")!.value) * 60;
    await env.DB.prepare("UPDATE people SET contact_start = ?2, contact_end = ?3 WHERE id = ?1")
      .bind(bo, minute, minute + 60)
      .run();
    const r = await roomOf(env, p.pairingId).postMessage(member(ana), "outside-hours-1", "Late-night thought");
    const at = r.ok ? r.value.message.createdAt : 0;
    const next = await runMail(at + CHAT_MAIL_QUIET_MS + 1000);
    expect(next).toBeGreaterThan(at + 2 * HOUR);
    expect(await mails("chat-unread")).toHaveLength(before);

    // He reads it in the browser before his window opens: nothing is sent then.
    await roomOf(env, p.pairingId).chatPage(member(bo), null);
    expect(await runMail(next!)).toBeNull();
    expect(await mails("chat-unread")).toHaveLength(before);

    // Another message, unread when the window opens: mailed then.
    const r2 = await roomOf(env, p.pairingId).postMessage(member(ana), "outside-hours-2", "Morning!");
    const at2 = r2.ok ? r2.value.message.createdAt : 0;
    const opensAt = await runMail(at2 + CHAT_MAIL_QUIET_MS + 1000);
    expect(await mails("chat-unread")).toHaveLength(before);
    await runMail(opensAt!);
    const got = await mails("chat-unread");
    expect(got).toHaveLength(before + 1);
    expect(got.at(-1)!.body_text).toContain("> Morning!");
    expect(got.at(-1)!.body_text).not.toContain("Late-night thought");
    await env.DB.prepare("UPDATE people SET contact_start = 0, contact_end = 1440 WHERE id = ?1").bind(bo).run();
  });

  it("a member who turned chat mail off gets none (recorded as skipped)", async () => {
    await env.DB.prepare(
      "INSERT INTO notification_prefs (person_id, category, mode) VALUES (?1, 'chat', 'off') ON CONFLICT DO UPDATE SET mode = 'off'",
    )
      .bind(bo)
      .run();
    const r = await roomOf(env, p.pairingId).postMessage(member(ana), "prefs-off-1", "Quiet please");
    await runMail((r.ok ? r.value.message.createdAt : 0) + CHAT_MAIL_QUIET_MS + 1000);
    const last = (await mails("chat-unread")).at(-1)!;
    expect(last.body_text).toContain("> Quiet please");
    expect(last.status).toBe("skipped");
    await env.DB.prepare("DELETE FROM notification_prefs WHERE person_id = ?1").bind(bo).run();
  });
});

/** A date `days` ahead as YYYY-MM-DD in Paris. */
function parisDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: PARIS }).format(new Date(Date.now() + days * DAY));
}

describe("meetings by mail", () => {
  let meetingId = "";
  let start = 0;

  it("a proposal mails the partner the time in both zones with Accept and Decline short links", async () => {
    const proposed = await roomOf(env, p.pairingId).proposeMeeting(
      member(ana),
      {
        kind: "video",
        title: "Plan the semester",
        date: parisDate(3),
        start: "18:00",
        end: "19:00",
        repeat: "none",
        agendaTemplate: "check-in",
        videoUrl: "https://meet.example.org/ana-bo",
      },
      PARIS,
    );
    expect(proposed.ok).toBe(true);
    meetingId = proposed.ok ? proposed.value.id : "";
    await roomOf(env, p.pairingId).flushProjection();
    await runMail(Date.now());
    const got = await mails("meeting-proposed");
    expect(got.map((m) => m.to_email)).toEqual(["bo-inbox@example.org"]);
    const mail = got[0]!;
    const accept = pathOf(mail.body_text, "Accept");
    const decline = pathOf(mail.body_text, "Decline");
    expect(accept).toMatch(/^\/m\/[a-z2-7]{58,110}\?a=accept$/);
    expect(decline).toBe(accept.replace("accept", "decline"));
    expect(mail.subject).toBe("Ana proposes a meeting: Plan the semester");
    expect(mail.thread).toBe(p.pairingId);
    const times =
      /proposes a meeting, "Plan the semester":\n {2}(.+) \(Asia\/Kolkata\), 60 minutes \(your time\)\n {2}(.+) \(Europe\/Paris\) \(Ana's time\)\n {2}Video call: join at https:\/\/meet\.example\.org\/ana-bo/.exec(
        mail.body_text,
      );
    expect(times, mail.body_text).not.toBeNull();
    expect(times![2]).toContain("18:00");
  });

  it("opening the Accept link changes nothing; its one button accepts without signing in; a replay is refused", async () => {
    const [mail] = await mails("meeting-proposed");
    const accept = pathOf(mail!.body_text, "Accept");
    const page = await bare(accept);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Accept this meeting");
    expect(html).not.toContain("Decline this meeting");
    expect(html).toContain("(Asia/Kolkata)");
    expect(html).toContain("(Europe/Paris)");
    const still = await roomOf(env, p.pairingId).meetings(member(bo));
    expect(still.ok && still.value.meetings.find((m) => m.id === meetingId)!.status).toBe("proposed");

    const path = accept.split("?")[0]!;
    const posted = await bare(path, {
      method: "POST",
      body: new URLSearchParams({ answer: "accepted" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("Location")).toBe(`${path}?done=1`);
    const after = await roomOf(env, p.pairingId).meetings(member(bo));
    expect(after.ok && after.value.meetings.find((m) => m.id === meetingId)!.status).toBe("confirmed");

    const again = await bare(path, {
      method: "POST",
      body: new URLSearchParams({ answer: "declined" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been answered");
    const done = await (await bare(`${path}?done=1`)).text();
    expect(done).toContain("This meeting is confirmed");
    expect(done).not.toContain("Accept this meeting");
  });

  it("links refuse forgery, expiry and another purpose", async () => {
    const [mail] = await mails("meeting-proposed");
    const path = pathOf(mail!.body_text, "Accept").split("?")[0]!;
    const token = path.slice(3);
    const forged = `${token.slice(0, -2)}${token.endsWith("aa") ? "bb" : "aa"}`;
    expect((await bare(`/m/${forged}`)).status).toBe(404);
    const expired = await meetingLinkToken(env, bo, meetingId, Date.now() - HOUR);
    expect((await bare(`/m/${expired}`)).status).toBe(410);
    // A reply address's token is no link, even for the same subject.
    const reply = await signReplyToken("trellis-development-only-token-secret", {
      p: "reply",
      u: bo,
      s: `pairing:${p.pairingId}`,
      x: Date.now() + DAY,
    });
    expect((await bare(`/m/${reply}`)).status).toBe(404);
    // A forged POST needs the CSRF cookie like any other form: refused.
    const post = await bare(`/m/${forged}`, {
      method: "POST",
      body: new URLSearchParams({ answer: "accepted" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(post.status).toBe(403);
  });

  it("the proposer gets the confirmation with an .ics link that downloads the meeting", async () => {
    await runMail(Date.now());
    const got = await mails("meeting-confirmed");
    expect(got.map((m) => m.to_email)).toEqual(["ana-inbox@example.org"]);
    expect(got[0]!.subject).toBe("Meeting confirmed: Plan the semester");
    expect(got[0]!.body_text).toContain('Bo accepted: "Plan the semester" is confirmed.');
    expect(got[0]!.body_text).toMatch(
      / \(Europe\/Paris\), 60 minutes \(your time\)\n {2}.+ \(Asia\/Kolkata\) \(Bo's time\)/,
    );
    const ics = pathOf(got[0]!.body_text, "Add it to your calendar");
    expect(ics).toMatch(/^\/m\/[a-z2-7]{58,110}\/meeting\.ics$/);
    const res = await bare(ics);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain(`UID:${meetingId}@trellis`);
    expect(body).toContain("SUMMARY:Plan the semester");
  });

  it("a reminder goes to both members 24 hours before, once, with the join link, the agenda's first lines and the .ics link", async () => {
    const list = await roomOf(env, p.pairingId).meetings(member(ana));
    const meeting = list.ok ? list.value.meetings.find((m) => m.id === meetingId)! : null;
    expect(meeting!.agenda.trim()).not.toBe("");
    const { occurrences } = await import("../../worker/domain/meetings/recurrence");
    start = occurrences(meeting!.schedule)[0]!.start;
    expect(await runMail(start - DAY - MIN)).toBe(start - DAY);
    expect(await mails("meeting-reminder")).toEqual([]);
    await runMail(start - DAY + MIN);
    await runMail(start - DAY + 2 * MIN);
    const got = await mails("meeting-reminder");
    expect(got.map((m) => m.to_email).sort()).toEqual(["ana-inbox@example.org", "bo-inbox@example.org"]);
    const toBo = got.find((m) => m.to_email === "bo-inbox@example.org")!;
    expect(toBo.subject).toBe(`Reminder: Plan the semester, ${formatInstant(start, KOLKATA)}`);
    expect(toBo.body_text).toContain("Video call: join at https://meet.example.org/ana-bo");
    const firstLine = meeting!.agenda.split("\n").find((l) => l.trim())!;
    expect(toBo.body_text).toContain(`Agenda:\n${firstLine}`);
    expect(pathOf(toBo.body_text, "Add it to your calendar")).toMatch(/^\/m\/[a-z2-7]{58,110}\/meeting\.ics$/);
  });

  it("moving and cancelling mail the partner the new time, then the cancellation", async () => {
    const moved = await roomOf(env, p.pairingId).rescheduleMeeting(
      member(bo),
      meetingId,
      { date: parisDate(4), start: "10:00", end: "11:00", scope: "all" },
      KOLKATA,
    );
    expect(moved.ok).toBe(true);
    await runMail(Date.now());
    const m = await mails("meeting-moved");
    expect(m.map((x) => x.to_email)).toEqual(["ana-inbox@example.org"]);
    expect(m[0]!.subject).toBe("Meeting moved: Plan the semester");
    expect(m[0]!.body_text).toMatch(
      /Bo moved "Plan the semester"\. The new time:\n {2}.+ \(Europe\/Paris\), 60 minutes \(your time\)\n {2}.+, 10:00 \(Asia\/Kolkata\) \(Bo's time\)/,
    );

    expect((await roomOf(env, p.pairingId).cancelMeeting(member(ana), meetingId, "all", "")).ok).toBe(true);
    await runMail(Date.now());
    const c = await mails("meeting-cancelled");
    expect(c.map((x) => x.to_email)).toEqual(["bo-inbox@example.org"]);
    expect(c[0]!.subject).toBe("Meeting cancelled: Plan the semester");
    expect(c[0]!.body_text).toContain('Ana cancelled "Plan the semester", which was to be:');
  });

  it("the weekly digest lists a proposal waiting with the mail's own link, and the unread chat", async () => {
    await env.DB.prepare(
      "INSERT INTO notification_prefs (person_id, category, mode) VALUES (?1, 'chat', 'digest'), (?1, 'meetings', 'digest')",
    )
      .bind(bo)
      .run();
    const proposed = await roomOf(env, p.pairingId).proposeMeeting(
      member(ana),
      { kind: "phone", title: "Coffee chat", date: parisDate(5), start: "09:00", end: "09:30", repeat: "none" },
      PARIS,
    );
    expect(proposed.ok).toBe(true);
    const posted = await roomOf(env, p.pairingId).postMessage(member(ana), "digest-chat-1", "See you for coffee");
    await roomOf(env, p.pairingId).flushProjection();
    await runMail((posted.ok ? posted.value.message.createdAt : 0) + CHAT_MAIL_QUIET_MS + 1000);
    const kept = (await mails("meeting-proposed")).at(-1)!;
    expect([kept.to_email, kept.status]).toEqual(["bo-inbox@example.org", "digest"]);

    const run = await sendDigests(env, Date.now(), undefined, [bo]);
    expect(run.digests).toBe(1);
    const [digest] = await mails("digest");
    expect(digest!.to_email).toBe("bo-inbox@example.org");
    expect(digest!.body_text).toMatch(
      /- Answer the meeting proposal “Coffee chat” with Ana: [^\n]+\n {2}http:\/\/127\.0\.0\.1:8787\/m\/[a-z2-7]+\n/,
    );
    expect(digest!.body_text).toMatch(
      /- Read \d+ unread messages with Ana\n {2}http:\/\/127\.0\.0\.1:8787\/pairings\/\w+\/chat\n/,
    );
    expect(digest!.body_text).toContain("- Ana proposes a meeting: Coffee chat");
    const link = /http:\/\/127\.0\.0\.1:8787(\/m\/[a-z2-7]+)\n/.exec(digest!.body_text)![1]!;
    const page = await (await bare(link)).text();
    expect(page).toContain("Coffee chat");
    expect(page).toContain("Accept this meeting");
    expect(page).toContain("Decline this meeting");
  });
});

describe("the room's alarm", () => {
  it("wakes for the end of a quiet period, and writes a queued meeting mail at once", async () => {
    const stub = roomOf(env, p.pairingId);
    await runDurableObjectAlarm(stub);
    const r = await stub.postMessage(member(bo), "alarm-wiring-1", "Wake me later");
    const at = r.ok ? r.value.message.createdAt : 0;
    expect(await runDurableObjectAlarm(stub)).toBe(true); // the projection's drain, due now
    const next = await runInDurableObject(stub, (_room, state) => state.storage.getAlarm());
    expect(next).toBe(at + CHAT_MAIL_QUIET_MS);

    const before = (await mails("meeting-proposed")).length;
    const proposed = await stub.proposeMeeting(
      member(bo),
      { kind: "phone", title: "Alarm check", date: parisDate(9), start: "08:00", end: "08:30", repeat: "none" },
      KOLKATA,
    );
    expect(proposed.ok).toBe(true);
    expect(await runDurableObjectAlarm(stub)).toBe(true); // brought forward from the quiet period's end
    const got = await mails("meeting-proposed");
    expect(got).toHaveLength(before + 1);
    expect([got.at(-1)!.to_email, got.at(-1)!.subject]).toEqual([
      "ana-inbox@example.org",
      "Bo proposes a meeting: Alarm check",
    ]);
    // Then it sleeps until the quiet period ends again.
    expect(await runInDurableObject(stub, (_room, state) => state.storage.getAlarm())).toBe(at + CHAT_MAIL_QUIET_MS);
  });
});

describe("reminder times", () => {
  it("each member's reminder comes at the time they chose on the settings page; bad choices are refused", async () => {
    const ana2 = await signedIn("ana-inbox@example.org");
    const page = await ana2.get("/settings/reminders");
    expect(page.res.status).toBe(200);
    expect(page.html).toMatch(/<input type="radio" name="lead" value="1440" checked/);
    const bad = await ana2.post("/settings/reminders", { lead: "7" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choose one of the times offered.");
    expect(
      await env.DB.prepare("SELECT * FROM meeting_reminder_prefs")
        .all()
        .then((r) => r.results),
    ).toEqual([]);
    const saved = await ana2.post("/settings/reminders", { lead: "60" });
    expect([saved.status, saved.headers.get("Location")]).toEqual([303, "/settings/reminders?saved=1"]);
    expect((await ana2.get("/settings/reminders?saved=1")).html).toMatch(/value="60" checked/);

    const room = roomOf(env, p.pairingId);
    const proposed = await room.proposeMeeting(
      member(ana),
      { kind: "video", title: "Timed reminders", date: parisDate(12), start: "11:00", end: "12:00", repeat: "none" },
      PARIS,
    );
    const id = proposed.ok ? proposed.value.id : "";
    expect((await room.answerMeeting(member(bo), id, "accepted")).ok).toBe(true);
    const list = await room.meetings(member(ana));
    const meeting = list.ok ? list.value.meetings.find((m) => m.id === id)! : null;
    const { occurrences } = await import("../../worker/domain/meetings/recurrence");
    const start = occurrences(meeting!.schedule)[0]!.start;
    const reminders = async () =>
      (await mails("meeting-reminder"))
        .filter((m) => m.subject.startsWith("Reminder: Timed reminders"))
        .map((m) => m.to_email);

    await runMail(start - DAY + MIN);
    expect(await reminders()).toEqual(["bo-inbox@example.org"]);
    expect(await runMail(start - DAY + 2 * MIN)).toBe(start - HOUR);
    await runMail(start - HOUR + MIN);
    expect(await reminders()).toEqual(["bo-inbox@example.org", "ana-inbox@example.org"]);
    const toAna = (await mails("meeting-reminder")).at(-1)!;
    expect(toAna.body_text).toContain("Choose when these reminders come:\nhttp://127.0.0.1:8787/settings/reminders");
  });
});

describe("short check-in links", () => {
  it("check-in mails link /c/<short token>; the page shows the exact close; a forged, expired or meeting token is refused", async () => {
    const closes = Date.now() + 4 * DAY + 17 * MIN + 5000;
    const opened = await roomOf(env, p.pairingId).openCheckin(
      { kind: "journey" },
      "check-in-short",
      Date.now(),
      closes,
    );
    const checkinId = opened.ok ? opened.value.id : "";
    await roomOf(env, p.pairingId).flushProjection();
    const links = await answerLinks(env, ORIGIN, p.pairingId, checkinId, bo, closes);
    const ok = new URL(links.find((l) => l.label === "OK")!.url);
    expect(ok.pathname).toMatch(/^\/c\/[a-z2-7]{58,110}$/);
    expect(ok.href.length).toBeLessThan(150);
    const page = await (await bare(ok.pathname + ok.search)).text();
    expect(page).toContain(formatInstant(closes, KOLKATA));
    const posted = await bare(ok.pathname, {
      method: "POST",
      body: new URLSearchParams({ answer: "ok", comment: "" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect([posted.status, posted.headers.get("Location")]).toEqual([303, `${ok.pathname}?done=1`]);
    const state = await roomOf(env, p.pairingId).checkin({ kind: "journey" }, checkinId);
    expect(state.ok && state.value.answers.find((a) => a.personId === bo)?.answer).toBe("ok");

    const token = ok.pathname.slice(3);
    const forged = `${token.slice(0, 10)}${token[10] === "a" ? "b" : "a"}${token.slice(11)}`;
    expect((await bare(`/c/${forged}`)).status).toBe(404);
    const expired = await signReplyToken("trellis-development-only-token-secret", {
      p: "link",
      u: bo,
      s: `checkin:${checkinId}`,
      x: Date.now() - HOUR,
    });
    expect((await bare(`/c/${expired}`)).status).toBe(410);
    const meetingToken = await meetingLinkToken(env, bo, checkinId, Date.now() + DAY);
    expect((await bare(`/c/${meetingToken}`)).status).toBe(404);
    expect((await bare(`/m/${token}`)).status).toBe(404);
  });
});

describe("moving part of a series", () => {
  it("moving this and the following meetings mails the new series' time", async () => {
    const room = roomOf(env, p.pairingId);
    const proposed = await room.proposeMeeting(
      member(ana),
      {
        kind: "video",
        title: "Weekly sync",
        date: parisDate(2),
        start: "10:00",
        end: "10:30",
        repeat: "weekly",
        ends: "count",
        count: "4",
      },
      PARIS,
    );
    const id = proposed.ok ? proposed.value.id : "";
    expect((await room.answerMeeting(member(bo), id, "accepted")).ok).toBe(true);
    const list = await room.meetings(member(bo));
    const { occurrences } = await import("../../worker/domain/meetings/recurrence");
    const second = occurrences((list.ok ? list.value.meetings.find((m) => m.id === id)! : null)!.schedule)[1]!;
    const moved = await room.rescheduleMeeting(
      member(bo),
      id,
      { date: parisDate(9), start: "16:30", end: "17:00", scope: "following", recurrenceId: second.recurrenceId },
      KOLKATA,
    );
    expect(moved.ok).toBe(true);
    await runMail(Date.now());
    const mail = (await mails("meeting-moved")).filter((m) => m.subject === "Meeting moved: Weekly sync");
    expect(mail.map((m) => m.to_email)).toEqual(["ana-inbox@example.org"]);
    expect(mail[0]!.body_text).toMatch(/\n {2}[^\n]+, 12:00 \(Europe\/Paris\), 30 minutes \(your time\)\n/);
    expect(mail[0]!.body_text).toContain("Every week");
  });
});

describe("reminders and contact hours", () => {
  it("no reminder is written when the member's contact hours would hold it until the meeting has begun", async () => {
    const room = roomOf(env, p.pairingId);
    const proposed = await room.proposeMeeting(
      member(bo),
      { kind: "video", title: "Early call", date: parisDate(14), start: "07:00", end: "07:30", repeat: "none" },
      PARIS,
    );
    const id = proposed.ok ? proposed.value.id : "";
    expect((await room.answerMeeting(member(ana), id, "accepted")).ok).toBe(true);
    const list = await room.meetings(member(ana));
    const { occurrences } = await import("../../worker/domain/meetings/recurrence");
    const start = occurrences((list.ok ? list.value.meetings.find((m) => m.id === id)! : null)!.schedule)[0]!.start;
    // Ana (reminders 1 hour before) reads mail only from two hours after the meeting starts, for an hour.
    const local = new Date(start + 2 * HOUR).toLocaleString("en-GB", {
      timeZone: PARIS,
      hour: "2-digit",
      hourCycle: "h23",
    });
    const from = Number(local) * 60;
    await env.DB.prepare("UPDATE people SET contact_start = ?2, contact_end = ?3 WHERE id = ?1")
      .bind(ana, from, from + 60)
      .run();
    const early = async () =>
      (await mails("meeting-reminder"))
        .filter((m) => m.subject.startsWith("Reminder: Early call"))
        .map((m) => m.to_email);
    await runMail(start - DAY + MIN);
    expect(await early()).toEqual(["bo-inbox@example.org"]);
    await runMail(start - HOUR + MIN);
    await runMail(start - HOUR + 2 * MIN);
    expect(await early()).toEqual(["bo-inbox@example.org"]);
    await env.DB.prepare("UPDATE people SET contact_start = 0, contact_end = 1440 WHERE id = ?1").bind(ana).run();
  });
});

describe("threading", () => {
  it("every mail about the pairing names the same thread root, each with its own Message-ID", async () => {
    const rows = (
      await env.DB.prepare("SELECT * FROM notifications WHERE thread = ? ORDER BY rowid")
        .bind(p.pairingId)
        .all<MailRow>()
    ).results;
    expect(new Set(rows.map((r) => r.kind))).toEqual(
      new Set([
        "chat-unread",
        "meeting-proposed",
        "meeting-confirmed",
        "meeting-reminder",
        "meeting-moved",
        "meeting-cancelled",
      ]),
    );
    const headers = rows.map((r) =>
      storedMailHeaders({ bodyText: r.body_text, id: r.id, thread: r.thread, domain: "example.org" }),
    );
    for (const h of headers) {
      expect(h["In-Reply-To"]).toBe(`<pairing.${p.pairingId}@example.org>`);
      expect(h.References).toBe(`<pairing.${p.pairingId}@example.org>`);
      expect(h["Message-ID"]).toMatch(/^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@example\.org>$/);
    }
    expect(new Set(headers.map((h) => h["Message-ID"])).size).toBe(rows.length);
  });
});

describe("greetings", () => {
  it("an invitation greets the person by name when Trellis knows it, and plainly when not", async () => {
    const named = await createPerson("zoe-invited@example.org", { name: "Zoë Named" });
    const unnamed = await createPerson("nameless-invited@example.org");
    await sendInvitationBatch(
      env,
      {
        kind: "invitations",
        jobId: "inv-greet",
        programId: p.programId,
        programName: "Program inbox",
        inviter: "Coordinator inbox",
        origin: ORIGIN,
        targets: [
          { personId: named, role: "mentee", email: "zoe-invited@example.org" },
          { personId: unnamed, role: "mentor", email: "nameless-invited@example.org" },
        ],
      },
      0,
    );
    const got = await mails("invitation");
    const text = (email: string) => got.find((m) => m.to_email === email)!.body_text;
    expect(text("zoe-invited@example.org")).toMatch(
      /^Hello Zoë Named,\n\nCoordinator inbox invites you to join "Program inbox" as a mentee\./,
    );
    expect(text("nameless-invited@example.org")).toMatch(/^Hello,\n\nCoordinator inbox invites you/);
  });
});
