/**
 * Calendar feeds through the app: secret links made, rotated and revoked; feeds that calendars can read; single
 * downloads.
 */
import { translator } from "../../worker/domain/i18n/translate";
import { env } from "cloudflare:workers";
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { roomOf } from "../../worker/pairings/access";
import { type Browser, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let mentor: Browser;
let mentee: Browser;
let meetingId: string;

/** A date some weeks ahead, as YYYY-MM-DD, on a Tuesday. */
function futureTuesday(weeks: number): string {
  const today = Temporal.Now.plainDateISO("Europe/Berlin");
  const tuesday = today.add({ days: ((2 - today.dayOfWeek + 7) % 7) + 7 * weeks });
  return tuesday.toString();
}

/** Makes a feed link from the settings page and returns its path. */
async function makeLink(b: Browser, pairing = ""): Promise<string> {
  const res = await b.post("/calendar/feeds", { pairing });
  expect(res.status).toBe(200);
  const html = await res.text();
  const url = html.match(/value="(https:\/\/trellis\.test\/calendar\/[A-Za-z0-9_-]+\.ics)"/)![1]!;
  expect(html).toContain(`href="${url.replace("https://", "webcal://")}"`);
  return new URL(url).pathname;
}

beforeAll(async () => {
  p = await makePairing("cal", ["mentor-cal@example.org", "mentee-cal@example.org"], "active");
  await env.DB.prepare("UPDATE people SET time_zone = 'Australia/Sydney' WHERE id = ?").bind(p.memberIds[1]).run();
  mentor = await signedIn("mentor-cal@example.org");
  mentee = await signedIn("mentee-cal@example.org");
  const room = roomOf(env, p.pairingId);
  const proposed = await room.proposeMeeting(
    { kind: "member", personId: p.memberIds[0]! },
    {
      kind: "video",
      title: "Mentoring: Berlin; Sydney, \\ and more",
      date: futureTuesday(1),
      start: "18:00",
      end: "19:00",
      repeat: "weekly",
      ends: "count",
      count: "30",
      agendaTemplate: "check-in",
    },
    "Europe/Berlin",
  );
  expect(proposed.ok).toBe(true);
  meetingId = proposed.ok ? proposed.value.id : "";
  expect((await room.answerMeeting({ kind: "member", personId: p.memberIds[1]! }, meetingId, "accepted")).ok).toBe(
    true,
  );
  await room.flushProjection();
});

describe("calendar feeds", () => {
  it("speak their owner's language: the kind, link labels and milestone names, a new body when it changes", async () => {
    const path = await makeLink(mentee);
    const english = await (await mentee.fetch(path)).text();
    expect(english).toContain("Join: https://");
    await env.DB.prepare("UPDATE people SET language = 'es' WHERE id = ?").bind(p.memberIds[1]).run();
    try {
      const body = await (await mentee.fetch(path)).text();
      const t = translator("es");
      expect(body).toContain(`${t("feed.join")} https://`);
      expect(body).toContain(t("meeting.kind.video"));
      expect(body).toContain(t("programs.journey.milestone.agreement"));
      expect(body).not.toContain("Join: https://");
      expect(body).not.toContain("Mentoring agreement due");
    } finally {
      await env.DB.prepare("UPDATE people SET language = NULL WHERE id = ?").bind(p.memberIds[1]).run();
    }
  });

  it("a person's feed holds their meetings (with RRULE and VTIMEZONE) and milestone days, and parses as iCalendar", async () => {
    const path = await makeLink(mentee);
    const res = await mentee.fetch(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain(`UID:${meetingId}@trellis`);
    expect(body).toContain("RRULE:FREQ=WEEKLY;COUNT=30");
    expect(body).toContain("BEGIN:VTIMEZONE");
    expect(body).toContain("TZID:Europe/Berlin");
    expect(body).toContain("Mentoring agreement due");
    expect(body).not.toContain("Since last time");
    const cal = new ICAL.Component(ICAL.parse(body));
    const events = cal.getAllSubcomponents("vevent");
    const meeting = events.find((e) => e.getFirstPropertyValue("uid") === `${meetingId}@trellis`)!;
    expect(meeting.getFirstPropertyValue("summary")).toBe("Mentoring: Berlin; Sydney, \\ and more");
    expect(meeting.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(events.filter((e) => e.getFirstProperty("dtstart")!.type === "date").length).toBeGreaterThan(3);
  });

  it("a check-in window is one all-day event across its days (DTEND the day after the last), not one per day", async () => {
    const body = await (await mentee.fetch(await makeLink(mentee))).text();
    const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents("vevent");
    const windows = events.filter((e) => / open \(/.test(String(e.getFirstPropertyValue("summary"))));
    expect(windows.length).toBeGreaterThan(2);
    const uids = windows.map((e) => String(e.getFirstPropertyValue("uid")));
    expect(new Set(uids).size).toBe(uids.length);
    const titles = windows.map((e) => String(e.getFirstPropertyValue("summary")));
    expect(new Set(titles).size).toBe(titles.length);
    for (const w of windows) {
      const start = w.getFirstProperty("dtstart")!;
      const end = w.getFirstProperty("dtend")!;
      expect(start.type).toBe("date");
      expect(end.type).toBe("date");
      const days = Temporal.PlainDate.from(String(start.getFirstValue())).until(
        Temporal.PlainDate.from(String(end.getFirstValue())),
      ).days;
      // The default template keeps a check-in open 4 days (the wrap-up survey 7): one or two more calendar days in the
      // viewer's zone when the window starts mid-day, never a one-day event per day.
      const open = String(w.getFirstPropertyValue("summary")).startsWith("Wrap-up") ? 7 : 4;
      expect(days).toBeGreaterThanOrEqual(open);
      expect(days).toBeLessThanOrEqual(open + 1);
    }
    const unfolded = body.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\nDTEND;VALUE=DATE:\d{8}\r\nSUMMARY:Check-in 1 open/);
  });

  it("answers 304 to a calendar that already has the current feed", async () => {
    const path = await makeLink(mentor);
    const first = await mentor.fetch(path);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("Cache-Control")).toBe("private, max-age=900");
    const again = await mentor.fetch(path, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });

  it("an unchanged feed is answered from the body rendered for its version; a change to its program or to the zone renders it again", async () => {
    const path = await makeLink(mentor);
    const first = await mentor.fetch(path);
    const body = await first.text();
    // The cache is filled after the answer is sent: wait until the feed is answered from it. A title changed behind
    // the room's back (no new projection version) is not seen, which shows the rendered body was reused.
    await env.DB.prepare("UPDATE meetings SET title = 'Renamed behind the room' WHERE id = ?").bind(meetingId).run();
    let cached = "";
    for (let i = 0; i < 20 && cached !== body; i++) cached = await (await mentor.fetch(path)).text();
    expect(cached).toBe(body);
    const again = await mentor.fetch(path, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
    // The milestones follow the program: renaming it is a new version, and the feed is built again from D1.
    await env.DB.prepare("UPDATE programs SET name = name || ' (renamed)' WHERE id = ?").bind(p.programId).run();
    const changed = await mentor.fetch(path, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(first.headers.get("ETag"));
    const rebuilt = await changed.text();
    expect(rebuilt).toContain("(renamed))");
    // The meetings are kept rendered per pairing under its projection version, which every write of the room moves: the
    // title changed behind the room's back is still not seen, and is once that version moves. (Moved far and back, so
    // no version the room will write later names this body.)
    expect(rebuilt).not.toContain("SUMMARY:Renamed behind the room");
    const moveVersion = (by: number) =>
      env.DB.prepare("UPDATE pairings SET projection_version = projection_version + ? WHERE id = ?")
        .bind(by, p.pairingId)
        .run();
    await moveVersion(1_000_000);
    expect(await (await mentor.fetch(path)).text()).toContain("SUMMARY:Renamed behind the room");
    await moveVersion(-1_000_000);
    await env.DB.prepare("UPDATE programs SET name = substr(name, 1, length(name) - 10) WHERE id = ?")
      .bind(p.programId)
      .run();
    // The person's zone decides the milestone days: a new zone is a new version too. (Two zones 25 hours apart, so
    // every day falls on another date whatever the time the test runs.)
    const setZone = (zone: string) =>
      env.DB.prepare("UPDATE people SET time_zone = ? WHERE id = ?").bind(zone, p.memberIds[1]).run();
    await setZone("Pacific/Kiritimati");
    const beforeZone = await (await mentee.fetch(await makeLink(mentee))).text();
    await setZone("Pacific/Pago_Pago");
    const afterZone = await (await mentee.fetch(await makeLink(mentee))).text();
    expect(afterZone).not.toBe(beforeZone);
    await env.DB.prepare("UPDATE people SET time_zone = 'Australia/Sydney' WHERE id = ?").bind(p.memberIds[1]).run();
    await env.DB.prepare("UPDATE meetings SET title = 'Mentoring: Berlin; Sydney, \\ and more' WHERE id = ?")
      .bind(meetingId)
      .run();
  });

  it("shows a cancelled occurrence as cancelled with a higher SEQUENCE instead of dropping it", async () => {
    const path = await makeLink(mentor);
    const before = await (await mentor.fetch(path)).text();
    const room = roomOf(env, p.pairingId);
    const list = await room.meetings({ kind: "member", personId: p.memberIds[0]! });
    const meeting = list.ok ? list.value.meetings.find((m) => m.id === meetingId)! : null;
    const second = `${futureTuesday(2)}T18:00`;
    expect((await room.cancelMeeting({ kind: "member", personId: p.memberIds[0]! }, meetingId, "one", second)).ok).toBe(
      true,
    );
    await room.flushProjection();
    const after = await (await mentor.fetch(path)).text();
    expect(after).not.toBe(before);
    const cal = new ICAL.Component(ICAL.parse(after));
    const override = cal
      .getAllSubcomponents("vevent")
      .find((e) => e.getFirstPropertyValue("uid") === `${meetingId}@trellis` && e.hasProperty("recurrence-id"))!;
    expect(override.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(Number(override.getFirstPropertyValue("sequence"))).toBeGreaterThan(meeting!.sequence);
  });

  it("moving 'this and all following' meetings ends the old series there and starts a new one; the feed has both", async () => {
    const path = await makeLink(mentor);
    const fourth = `${futureTuesday(4)}T18:00`;
    const moved = await mentor.post(`/pairings/${p.pairingId}/meetings/${meetingId}/move`, {
      scope: "following",
      recurrenceId: fourth,
      date: Temporal.PlainDate.from(futureTuesday(4)).add({ days: 1 }).toString(),
      start: "19:00",
      end: "20:00",
    });
    expect(moved.status).toBe(303);
    await roomOf(env, p.pairingId).flushProjection();
    const rows = await env.DB.prepare(
      "SELECT id, start_local, count, sequence FROM meetings WHERE pairing_id = ? ORDER BY first_start",
    )
      .bind(p.pairingId)
      .all<{ id: string; start_local: string; count: number; sequence: number }>();
    expect(rows.results.map((r) => r.count)).toEqual([3, 27]);
    expect(rows.results[1]!.start_local.endsWith("T19:00")).toBe(true);
    const body = await (await mentor.fetch(path)).text();
    expect(body).toContain("RRULE:FREQ=WEEKLY;COUNT=3");
    expect(body).toContain(`UID:${rows.results[1]!.id}@trellis`);
    const changes = await env.DB.prepare("SELECT recurrence_id FROM meeting_changes WHERE meeting_id = ?")
      .bind(meetingId)
      .all<{ recurrence_id: string }>();
    expect(changes.results.every((c) => c.recurrence_id < fourth)).toBe(true);
  });

  it("a rotated link's old address answers 404, the new one works; a turned-off link answers 404", async () => {
    const old = await makeLink(mentee);
    const fresh = await makeLink(mentee);
    expect((await mentee.fetch(old)).status).toBe(404);
    expect((await mentee.fetch(fresh)).status).toBe(200);
    expect((await mentee.post("/calendar/feeds/revoke", { pairing: "" })).status).toBe(303);
    expect((await mentee.fetch(fresh)).status).toBe(404);
    expect((await mentee.fetch("/calendar/not-a-token.ics")).status).toBe(404);
  });

  it("another person's feed never shows your meetings; a pairing feed stops when the person leaves the pairing", async () => {
    const other = await makePairing("cal2", ["mentor-cal2@example.org", "mentee-cal2@example.org"], "active");
    const stranger = await signedIn("mentee-cal2@example.org");
    const theirs = await (await stranger.fetch(await makeLink(stranger))).text();
    expect(theirs).toContain("BEGIN:VCALENDAR");
    expect(theirs).not.toContain(meetingId);
    expect((await stranger.post("/calendar/feeds", { pairing: p.pairingId })).status).toBe(403);
    const pairingFeed = await makeLink(mentee, p.pairingId);
    expect(await (await mentee.fetch(pairingFeed)).text()).toContain(meetingId);
    await env.DB.prepare("DELETE FROM pairing_members WHERE pairing_id = ? AND person_id = ?")
      .bind(p.pairingId, p.memberIds[1])
      .run();
    expect((await mentee.fetch(pairingFeed)).status).toBe(404);
    await env.DB.prepare(
      "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?, ?, 'mentee', ?)",
    )
      .bind(p.pairingId, p.memberIds[1], p.programId)
      .run();
    expect(other.pairingId).not.toBe(p.pairingId);
  });

  it("tokens are stored hashed and the settings page never shows an existing link", async () => {
    const path = await makeLink(mentor);
    const token = path.split("/").pop()!.replace(".ics", "");
    const dump = JSON.stringify((await env.DB.prepare("SELECT * FROM calendar_tokens").all()).results);
    expect(dump).not.toContain(token);
    const page = await mentor.get("/calendar");
    expect(page.html).not.toContain(token);
    expect(page.html).toContain("Make a new link");
  });

  it("a member downloads one meeting as .ics; others cannot", async () => {
    const res = await mentor.fetch(`/pairings/${p.pairingId}/meetings/${meetingId}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("attachment");
    const body = await res.text();
    expect(body).toContain("METHOD:PUBLISH");
    expect(body).toContain(`UID:${meetingId}@trellis`);
    const stranger = await signedIn("mentor-cal2@example.org");
    expect((await stranger.fetch(`/pairings/${p.pairingId}/meetings/${meetingId}.ics`)).status).toBe(403);
    expect((await mentor.fetch(`/pairings/${p.pairingId}/meetings/nosuchmeeting.ics`)).status).toBe(404);
  });
});
