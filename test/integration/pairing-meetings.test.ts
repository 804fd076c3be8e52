import { env } from "cloudflare:workers";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { asMember, roomOf } from "../../worker/pairings/access";
import { createPerson, gzipSize, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

const MINA = "mina@meet.test"; // mentor, Europe/Berlin
const MIA = "mia@meet.test"; // mentee, Australia/Sydney
const OUTSIDER = "olaf@meet.test";
const BERLIN = "Europe/Berlin";
const SYDNEY = "Australia/Sydney";
const MIN = 60_000;
const DAY = 86_400_000;

let p: TestPairing;
let mina = "";
let mia = "";
const list = () => `/pairings/${p.pairingId}/meetings`;
const one = (id: string) => `/pairings/${p.pairingId}/meetings/${id}`;

/** Decodes the few entities hono/jsx writes, to look for typed text in a page. */
const text = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const pad = (n: number) => String(n).padStart(2, "0");
const zdt = (ms: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
const clock = (z: Temporal.ZonedDateTime) => `${pad(z.hour)}:${pad(z.minute)}`;
const idFrom = (location: string | null) => /\/meetings\/([0-9a-f]+)/.exec(location ?? "")?.[1] ?? "";

/** The next clock change in `zone` at least `afterDays` from now that goes back ("back") or forward ("forward"). */
function nextTransition(zone: string, direction: "back" | "forward", afterDays = 15): Temporal.ZonedDateTime {
  let z: Temporal.ZonedDateTime | null = zdt(Date.now() + afterDays * DAY, zone);
  for (let i = 0; i < 10 && z; i++) {
    z = z.getTimeZoneTransition("next");
    if (!z) break;
    const before = zdt(z.epochMilliseconds - MIN, zone).offsetNanoseconds;
    if ((direction === "back") === z.offsetNanoseconds < before) return z;
  }
  throw new Error(`no ${direction} transition in ${zone}`);
}

/**
 * Every text value in every D1 table, to prove agendas and notes never reach D1's projection. The mail outbox is left
 * out: a reminder quotes the agenda's first lines to the members, and the outbox holds a mail's text by design
 * (docs/mail.md); no page or export reads it.
 */
async function allOfD1(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'notifications'",
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results)
    parts.push(name, JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results));
  return parts.join("\n");
}

/** Sets a person's zone, weekly availability (same hours every day), contact hours and name. */
async function profile(
  id: string,
  name: string,
  zone: string,
  available: [number, number],
  contact: [number, number],
): Promise<void> {
  const availability = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: available[0], end: available[1] }));
  await env.DB.prepare(
    "UPDATE people SET name = ?, time_zone = ?, availability = ?, contact_start = ?, contact_end = ? WHERE id = ?",
  )
    .bind(name, zone, JSON.stringify(availability), contact[0], contact[1], id)
    .run();
}

const sizes: Record<string, number> = {};

beforeAll(async () => {
  p = await makePairing("meet", [MINA, MIA]);
  [mina, mia] = p.memberIds as [string, string];
  // Mina: 18:00–23:00 Berlin; Mia: 05:00–09:00 Sydney. They overlap whatever the two zones' daylight saving does.
  await profile(mina, "Mina", BERLIN, [18 * 60, 23 * 60], [8 * 60, 23 * 60]);
  await profile(mia, "Mia", SYDNEY, [5 * 60, 9 * 60], [5 * 60, 22 * 60]);
  await createPerson(OUTSIDER, { name: "Olaf" });
});

/** A valid proposal typed by Mina (Berlin), one field at a time changed by the tests. */
function proposal(overrides: Record<string, string> = {}): Record<string, string> {
  const day = zdt(Date.now() + 20 * DAY, BERLIN)
    .toPlainDate()
    .toString();
  return {
    kind: "video",
    title: "Typed title",
    date: day,
    start: "18:00",
    end: "19:00",
    repeat: "none",
    ends: "count",
    count: "4",
    until: "",
    location: "",
    videoUrl: "",
    agendaTemplate: "check-in",
    ...overrides,
  };
}

describe("a weekly series across the end of daylight saving time", () => {
  let seriesId = "";
  const change = nextTransition(BERLIN, "back");
  // Two meetings on summer time, two on winter time: 14 and 7 days before the night the clocks go back, that day, a
  // week after.
  const firstDay = change.toPlainDate().subtract({ days: 14 });
  const starts = [0, 1, 2, 3].map((i) => firstDay.add({ weeks: i }).toPlainDateTime("18:00").toZonedDateTime(BERLIN));

  it("is proposed by Mina in her zone and waits for Mia", async () => {
    const b = await signedIn(MINA);
    await b.get(list());
    const res = await b.post(
      list(),
      proposal({ title: "Weekly check-in", date: firstDay.toString(), repeat: "weekly", count: "4" }),
    );
    expect(res.status).toBe(303);
    seriesId = idFrom(res.headers.get("Location"));
    expect(seriesId).not.toBe("");
    expect(res.headers.get("Location")).toBe(`${one(seriesId)}?done=proposed`);
    const { res: page, html } = await b.get(res.headers.get("Location")!);
    expect(page.status).toBe(200);
    const t = text(html);
    expect(t).toContain("Proposed. The others are asked to accept it.");
    expect(t).toContain(
      `Every week on ${["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][firstDay.dayOfWeek - 1]}s, 18:00–19:00 Europe/Berlin time: 4 meetings`,
    );
    expect(t).toContain("Proposed by you: waiting for Mia");
    expect(t).toContain(`href="${one(seriesId)}.ics"`);
    expect(t).toContain("Add to calendar (.ics)");
    // Mina sees every occurrence at 18:00 her time, and Mia's time next to it.
    for (const s of starts) {
      const sydney = s.withTimeZone(SYDNEY);
      expect(t).toContain(`${clock(s)}–19:00`);
      expect(t).toMatch(
        new RegExp(`${clock(sydney)}–${clock(sydney.add({ hours: 1 }))}( \\w{3})? \\(Australia/Sydney\\) for Mia`),
      );
    }
  });

  it("is shown to Mia in her own zone, moving by an hour when Berlin's clocks go back", async () => {
    const b = await signedIn(MIA);
    const { html } = await b.get(one(seriesId));
    const t = text(html);
    const sydneyTimes = starts.map((s) => s.withTimeZone(SYDNEY));
    expect(new Set(sydneyTimes.map(clock)).size).toBe(2);
    for (const s of sydneyTimes) {
      expect(t).toContain(`${clock(s)}–${clock(s.add({ hours: 1 }))}`);
      expect(t).toContain(`datetime="${new Date(s.epochMilliseconds).toISOString()}"`);
    }
    expect(t).toMatch(/18:00–19:00( \w{3})? \(Europe\/Berlin\) for Mina/);
    expect(t).toContain("(Australia/Sydney)");
    expect(t).toContain("Proposed by Mina: waiting for you");
  });

  it("is confirmed when Mia accepts from the list; the list shows both zones", async () => {
    const b = await signedIn(MIA);
    const { html } = await b.get(list());
    expect(text(html)).toContain("Proposed by Mina: waiting for you");
    expect(html).toContain(`action="${one(seriesId)}/answer"`);
    const res = await b.post(`${one(seriesId)}/answer`, { answer: "accepted", from: "list" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${list()}?done=confirmed`);
    const after = text((await b.get(res.headers.get("Location")!)).html);
    expect(after).toContain("everyone has said yes");
    expect(after).not.toContain(`action="${one(seriesId)}/answer"`);

    const minaPage = text((await (await signedIn(MINA)).get(list())).html);
    expect(minaPage).toContain("Weekly check-in");
    expect(minaPage).toContain("Confirmed");
    expect(minaPage).toContain("(Europe/Berlin)");
    expect(minaPage).toMatch(/\(Australia\/Sydney\) for Mia/);

    await roomOf(env, p.pairingId).flushProjection();
    const row = await env.DB.prepare(
      "SELECT status, sequence, time_zone, start_local, repeat, count FROM meetings WHERE id = ?",
    )
      .bind(seriesId)
      .first();
    expect(row).toMatchObject({
      status: "confirmed",
      sequence: 1,
      time_zone: BERLIN,
      start_local: `${firstDay}T18:00`,
      repeat: "weekly",
      count: 4,
    });
  });

  it("a stale answer (already confirmed) is refused with a clear message on the page", async () => {
    const b = await signedIn(MIA);
    const res = await b.post(`${one(seriesId)}/answer`, { answer: "declined" });
    expect(res.status).toBe(409);
    expect(text(await res.text())).toContain("This meeting is already confirmed. Cancel or move it instead.");
  });

  it("Mia moves one occurrence (typed in Sydney time) and cancels another: D1 has both changes, sequence bumped", async () => {
    const b = await signedIn(MIA);
    await b.get(one(seriesId));
    const second = starts[1]!;
    const target = second.withTimeZone(SYDNEY).toPlainDate().toPlainDateTime("06:00").toZonedDateTime(SYDNEY);
    const moved = await b.post(`${one(seriesId)}/move`, {
      scope: "one",
      recurrenceId: `${second.toPlainDate()}T18:00`,
      date: target.toPlainDate().toString(),
      start: "06:00",
      end: "06:45",
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("Location")).toBe(`${one(seriesId)}?done=moved`);
    const cancelled = await b.post(`${one(seriesId)}/cancel`, {
      scope: "one",
      recurrenceId: `${starts[3]!.toPlainDate()}T18:00`,
    });
    expect(cancelled.status).toBe(303);

    const t = text((await b.get(one(seriesId))).html);
    expect(t).toContain("06:00–06:45");
    expect(t).toContain("Moved");
    expect(t).toContain("Cancelled");

    await roomOf(env, p.pairingId).flushProjection();
    const changes = await env.DB.prepare(
      "SELECT recurrence_id, status, start_local, duration_minutes, sequence FROM meeting_changes WHERE meeting_id = ? ORDER BY recurrence_id",
    )
      .bind(seriesId)
      .all();
    const berlinLocal = target.withTimeZone(BERLIN).toPlainDateTime().toString({ smallestUnit: "minute" });
    expect(changes.results).toEqual([
      {
        recurrence_id: `${second.toPlainDate()}T18:00`,
        status: "moved",
        start_local: berlinLocal,
        duration_minutes: 45,
        sequence: 2,
      },
      {
        recurrence_id: `${starts[3]!.toPlainDate()}T18:00`,
        status: "cancelled",
        start_local: null,
        duration_minutes: null,
        sequence: 3,
      },
    ]);
    expect(await env.DB.prepare("SELECT sequence FROM meetings WHERE id = ?").bind(seriesId).first("sequence")).toBe(3);
  });

  it("the list keeps a cancelled occurrence, struck through, with who cancelled it and when", async () => {
    const { html } = await (await signedIn(MINA)).get(list());
    const item = /<li class="cancelled">.*?<\/li>/s.exec(html)?.[0] ?? "";
    expect(item).toContain("<del>");
    expect(item).toContain(`href="${one(seriesId)}"`);
    expect(text(item)).toMatch(/Cancelled by Mia[^<]* on <time datetime="[^"]+">\w{3} \d+ \w{3}, \d\d:\d\d<\/time>/);
    const cancelledStart = zdt(
      Temporal.PlainDateTime.from(`${starts[3]!.toPlainDate()}T18:00`).toZonedDateTime(BERLIN).epochMilliseconds,
      BERLIN,
    );
    expect(item).toContain(`${clock(cancelledStart)}–`);
  });

  it("cancelling an occurrence already cancelled says so on the page", async () => {
    const b = await signedIn(MINA);
    const res = await b.post(`${one(seriesId)}/cancel`, {
      scope: "one",
      recurrenceId: `${starts[3]!.toPlainDate()}T18:00`,
    });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain("That meeting in the series no longer exists; reload the page.");
  });

  it("a move with a bad time keeps what was typed next to that occurrence's fields", async () => {
    const b = await signedIn(MINA);
    const res = await b.post(`${one(seriesId)}/move`, {
      scope: "one",
      recurrenceId: `${starts[2]!.toPlainDate()}T18:00`,
      date: starts[2]!.toPlainDate().toString(),
      start: "20:00",
      end: "19:15",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain("The meeting must end after it starts");
    expect(html).toMatch(/<details open="">/);
    expect(html).toContain('value="19:15"');
  });

  it("the meeting page stays under 14 KB gzipped", async () => {
    const { html } = await (await signedIn(MINA)).get(one(seriesId));
    sizes.meetingPage = await gzipSize(html);
    expect(sizes.meetingPage).toBeLessThan(14 * 1024);
  });
});

describe("daylight saving time in what people type", () => {
  it("a time that happens twice takes the first one and says so", async () => {
    const b = await signedIn(MINA);
    const change = nextTransition(BERLIN, "back");
    const res = await b.post(
      list(),
      proposal({ title: "Night owl", date: change.toPlainDate().toString(), start: "02:30", end: "03:15" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/\?done=proposed&at=\d{4}-\d\d-\d\dT02%3A30$/);
    const t = text((await b.get(res.headers.get("Location")!)).html);
    expect(t).toContain(
      "happens twice in Europe/Berlin (the clocks go back that night); the meeting is at the first one, +02:00 from UTC.",
    );
    const id = idFrom(res.headers.get("Location"));
    expect((await b.post(`${one(id)}/cancel`, { scope: "series" })).status).toBe(303);
    const listed = text((await b.get(list())).html);
    expect(listed).toMatch(
      /<li class="cancelled"><del><a href="[^"]+"><bdi>Night owl<\/bdi><\/a><\/del>: Cancelled by you on <time/,
    );
  });
});

describe("refused proposals keep what was typed", () => {
  const spring = nextTransition(BERLIN, "forward");
  const monthDay30 = (() => {
    let d = zdt(Date.now() + 20 * DAY, BERLIN).toPlainDate();
    while (d.day !== 30) d = d.add({ days: 1 });
    return d.toString();
  })();
  const cases: [string, Record<string, string>, string, string][] = [
    ["end before start", { start: "19:00", end: "18:00" }, "end", "The meeting must end after it starts"],
    [
      "a time that does not exist",
      { date: spring.toPlainDate().toString(), start: "02:30", end: "03:30" },
      "start",
      "does not exist in Europe/Berlin: the clocks jump forward that night.",
    ],
    ["monthly on the 30th", { date: monthDay30, repeat: "monthly" }, "date", "choose a day from 1 to 28"],
    ["a series of one", { repeat: "weekly", count: "1" }, "count", "A series has 2 to 200 meetings."],
    [
      "a last date before the start",
      {
        repeat: "weekly",
        ends: "until",
        until: zdt(Date.now() + DAY, BERLIN)
          .toPlainDate()
          .toString(),
      },
      "until",
      "The last date must be on or after the first meeting.",
    ],
    [
      "a javascript: video link",
      { videoUrl: "javascript:alert(1)" },
      "videoUrl",
      "Only web links (https:// or http://) can be shared here.",
    ],
    ["no kind", { kind: "" }, "kind", "Choose video, phone or in person."],
  ];
  for (const [name, overrides, field, message] of cases) {
    it(`${name} → 422 with the message by the field`, async () => {
      const b = await signedIn(MINA);
      const values = proposal({ ...overrides, title: `Typed ${name}` });
      if (name === "no kind") delete values.kind;
      const res = await b.post(list(), values);
      expect(res.status).toBe(422);
      const html = await res.text();
      const t = text(html);
      expect(t).toContain(message);
      expect(html).toMatch(
        new RegExp(
          `id="f-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-${field}"|id="f-${field}"[^>]*aria-describedby="[^"]*e-${field}`,
        ),
      );
      expect(t).toContain(`value="Typed ${name}"`);
      if (overrides.date) expect(html).toContain(`value="${overrides.date}"`);
      if (overrides.videoUrl) expect(t).toContain(`value="${overrides.videoUrl}"`);
      if (overrides.repeat) expect(html).toMatch(new RegExp(`<option value="${overrides.repeat}" selected="">`));
    });
  }
});

describe("suggested times", () => {
  it("are inside both people's availability and contact hours, shown in both zones, and each proposes a meeting", async () => {
    const b = await signedIn(MINA);
    const { html } = await b.get(list());
    const slots = await roomOf(env, p.pairingId).suggestSlots(asMember(mina), 60);
    if (!slots.ok) throw new Error(slots.error);
    expect(slots.value.length).toBeGreaterThan(0);
    const t = text(html);
    expect(t).toContain("Suggested times");
    for (const start of slots.value) {
      const berlin = zdt(start, BERLIN);
      const sydney = zdt(start, SYDNEY);
      const minutes = (z: Temporal.ZonedDateTime) => z.hour * 60 + z.minute;
      expect(minutes(berlin)).toBeGreaterThanOrEqual(18 * 60);
      expect(minutes(berlin) + 60).toBeLessThanOrEqual(23 * 60);
      expect(minutes(sydney)).toBeGreaterThanOrEqual(5 * 60);
      expect(minutes(sydney) + 60).toBeLessThanOrEqual(9 * 60);
      expect(start).toBeGreaterThan(Date.now());
      expect(start).toBeLessThan(Date.now() + 14 * DAY);
      // The page asked the room a moment earlier: a half-hour boundary in between may only change the very first slot.
      if (start < Date.now() + 2 * 60 * MIN) continue;
      expect(t).toContain(`datetime="${new Date(start).toISOString()}"`);
      expect(t).toContain(`${clock(sydney)}–${clock(sydney.add({ hours: 1 }))}`);
      expect(html).toContain(`name="date" value="${berlin.toPlainDate()}"`);
      expect(html).toContain(`name="start" value="${clock(berlin)}"`);
    }
    const first = zdt(slots.value[0]!, BERLIN);
    const res = await b.post(list(), {
      from: "suggestion",
      kind: "video",
      repeat: "none",
      agendaTemplate: "check-in",
      date: first.toPlainDate().toString(),
      start: clock(first),
      end: clock(first.add({ hours: 1 })),
    });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.get("Location"));
    const page = text((await b.get(one(id))).html);
    expect(page).toContain("Mentoring meeting");
    expect(page).toMatch(/Video call: <a href="https:\/\/[^"]+trellis-[0-9a-f]+">/);
    const again = await roomOf(env, p.pairingId).suggestSlots(asMember(mina), 60);
    expect(again.ok && again.value.includes(slots.value[0]!)).toBe(false);
  });

  it("the pairing's video link can be replaced; a bad one is refused with the message", async () => {
    const b = await signedIn(MIA);
    await b.get(list());
    const bad = await b.post(`${list()}/video`, { url: "javascript:alert(1)" });
    expect(bad.status).toBe(422);
    const badHtml = text(await bad.text());
    expect(badHtml).toContain("Only web links (https:// or http://) can be shared here.");
    expect(badHtml).toContain('value="javascript:alert(1)"');
    const ok = await b.post(`${list()}/video`, { url: "https://zoom.example.org/j/123" });
    expect(ok.status).toBe(303);
    const { html } = await b.get(list());
    expect(html).toContain('<a href="https://zoom.example.org/j/123">');
  });

  it("the list stays under 14 KB gzipped", async () => {
    const { html } = await (await signedIn(MINA)).get(list());
    sizes.listPage = await gzipSize(html);
    expect(sizes.listPage).toBeLessThan(14 * 1024);
  });
});

describe("a meeting that has happened", () => {
  let id = "";
  let recurrenceId = "";
  const NOTES = "NOTES-only-in-the-room-7f3a";
  const AGENDA = "AGENDA-only-in-the-room-91c2";

  it("can be proposed up to an hour back, accepted, and marked held from the list", async () => {
    const now = Date.now();
    let slot: { date: string; start: string; end: string } | null = null;
    for (const back of [45, 30, 55, 20]) {
      const s = zdt(Math.floor((now - back * MIN) / MIN) * MIN, BERLIN);
      const e = s.add({ minutes: 15 });
      if (s.toPlainDate().equals(e.toPlainDate()) && e.epochMilliseconds <= now - 2 * MIN) {
        slot = { date: s.toPlainDate().toString(), start: clock(s), end: clock(e) };
        recurrenceId = `${slot.date}T${slot.start}`;
        break;
      }
    }
    const b = await signedIn(MINA);
    const res = await b.post(list(), proposal({ ...slot!, title: "Catch-up we had" }));
    expect(res.status).toBe(303);
    id = idFrom(res.headers.get("Location"));
    expect((await (await signedIn(MIA)).post(`${one(id)}/answer`, { answer: "accepted" })).status).toBe(303);

    const { html } = await b.get(list());
    const past = html.slice(html.indexOf('id="past"'));
    expect(past).toContain("Catch-up we had");
    expect(past).toContain(`action="${one(id)}/outcome"`);
    const held = await b.post(`${one(id)}/outcome`, { from: "list", recurrenceId, outcome: "held" });
    expect(held.status).toBe(303);
    expect(held.headers.get("Location")).toBe(`${list()}?done=recorded`);
    const after = (await b.get(list())).html;
    expect(after.slice(after.indexOf('id="past"'))).not.toContain(`action="${one(id)}/outcome"`);
  });

  it("keeps notes and an agenda in the room, never in D1; D1 knows only that it was held", async () => {
    const b = await signedIn(MIA);
    const notes = await b.post(`${one(id)}/outcome`, { recurrenceId, outcome: "held", notes: NOTES });
    expect(notes.status).toBe(303);
    const agenda = await b.post(`${one(id)}/agenda`, { agenda: `## Topics\n- ${AGENDA}` });
    expect(agenda.status).toBe(303);
    const page = text((await b.get(one(id))).html);
    expect(page).toContain(NOTES);
    expect(page).toContain(AGENDA);
    expect(page).toContain("Held");

    await roomOf(env, p.pairingId).flushProjection();
    const row = await env.DB.prepare(
      "SELECT outcome, pairing_id, recurrence_id FROM meeting_outcomes WHERE meeting_id = ?",
    )
      .bind(id)
      .first();
    expect(row).toEqual({ outcome: "held", pairing_id: p.pairingId, recurrence_id: recurrenceId });
    const everything = await allOfD1();
    expect(everything).not.toContain(NOTES);
    expect(everything).not.toContain(AGENDA);
    expect(everything).not.toContain("Today's topic"); // the agenda template's text
  });

  it("a meeting that has not started cannot be marked, said on the page", async () => {
    const b = await signedIn(MINA);
    const res = await b.post(list(), proposal({ title: "Later" }));
    const later = idFrom(res.headers.get("Location"));
    await (await signedIn(MIA)).post(`${one(later)}/answer`, { answer: "accepted" });
    const refused = await b.post(`${one(later)}/outcome`, {
      recurrenceId: `${proposal().date}T18:00`,
      outcome: "held",
    });
    expect(refused.status).toBe(409);
    expect(text(await refused.text())).toContain("This meeting has not started yet; mark it after it happens.");
  });

  it("an unknown meeting is a 404; its .ics address is left to the calendar routes", async () => {
    const b = await signedIn(MINA);
    expect((await b.get(one("0123456789abcdef01234567"))).res.status).toBe(404);
    expect((await b.post(`${one("0123456789abcdef01234567")}/agenda`, { agenda: "x" })).status).toBe(404);
  });
});

describe("who may see and change meetings", () => {
  let id = "";
  beforeAll(async () => {
    const b = await signedIn(MINA);
    id = idFrom((await b.post(list(), proposal({ title: "Private" }))).headers.get("Location"));
  });

  for (const who of ["outsider", "coordinator"] as const) {
    it(`the ${who} gets 403 on every page and action`, async () => {
      const b = await signedIn(who === "outsider" ? OUTSIDER : `coord-meet@example.org`);
      await b.get("/");
      for (const path of [list(), one(id)]) expect((await b.get(path)).res.status, path).toBe(403);
      const posts: [string, Record<string, string>][] = [
        [list(), proposal()],
        [`${list()}/video`, { url: "https://example.org/x" }],
        [`${one(id)}/answer`, { answer: "accepted" }],
        [`${one(id)}/move`, { scope: "series", date: proposal().date!, start: "10:00", end: "11:00" }],
        [`${one(id)}/cancel`, { scope: "series" }],
        [`${one(id)}/outcome`, { recurrenceId: "x", outcome: "held" }],
        [`${one(id)}/agenda`, { agenda: "x" }],
      ];
      for (const [path, fields] of posts) {
        const res = await b.post(path, fields);
        expect(res.status, path).toBe(403);
        if (who === "coordinator") expect(await res.text()).toContain("summary");
      }
    });
  }
});

describe("a pairing that has ended", () => {
  let q: TestPairing;
  let id = "";
  beforeAll(async () => {
    q = await makePairing("meet", [MINA, MIA]);
    const b = await signedIn(MINA);
    const res = await b.post(`/pairings/${q.pairingId}/meetings`, proposal({ title: "Before the end" }));
    id = idFrom(res.headers.get("Location"));
    const ended = await roomOf(env, q.pairingId).changeStage(
      { kind: "coordinator", personId: q.coordinatorId },
      "end",
      "The program was cut short",
    );
    expect(ended.ok).toBe(true);
  });

  it("shows meetings read-only", async () => {
    const { res, html } = await (await signedIn(MIA)).get(`/pairings/${q.pairingId}/meetings`);
    expect(res.status).toBe(200);
    expect(html).toContain("Before the end");
    expect(html).toContain("nothing can be changed any more");
    expect(html).not.toContain('id="propose"');
    expect(html).not.toContain("/answer");
    const detail = (await (await signedIn(MIA)).get(`/pairings/${q.pairingId}/meetings/${id}`)).html;
    expect(detail).not.toContain("<textarea");
    expect(detail).not.toContain("/move");
  });

  it("refuses every change with 409 and the reason", async () => {
    const b = await signedIn(MIA);
    const base = `/pairings/${q.pairingId}/meetings`;
    const posts: [string, Record<string, string>][] = [
      [base, proposal()],
      [`${base}/video`, { url: "https://example.org/x" }],
      [`${base}/${id}/answer`, { answer: "accepted" }],
      [`${base}/${id}/move`, { scope: "series", date: proposal().date!, start: "10:00", end: "11:00" }],
      [`${base}/${id}/cancel`, { scope: "series" }],
      [`${base}/${id}/agenda`, { agenda: "x" }],
    ];
    for (const [path, fields] of posts) {
      const res = await b.post(path, fields);
      expect(res.status, path).toBe(409);
      expect(text(await res.text()), path).toContain("can be read but no longer changed");
    }
  });
});

describe("page sizes", () => {
  it("a long series' page stays under 14 KB gzipped", async () => {
    const b = await signedIn(MINA);
    const res = await b.post(
      list(),
      proposal({ title: "Long series", repeat: "weekly", count: "52", location: "Room 4, second floor" }),
    );
    const id = idFrom(res.headers.get("Location"));
    const { html } = await b.get(one(id));
    sizes.longSeries = await gzipSize(html);
    sizes.listAfterAll = await gzipSize((await b.get(list())).html);
    console.log("meetings page sizes (gzip bytes)", sizes);
    expect(sizes.longSeries).toBeLessThan(14 * 1024);
    expect(sizes.listAfterAll).toBeLessThan(14 * 1024);
  });
});
