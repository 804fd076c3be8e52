import fc from "fast-check";
import { translator } from "../../worker/domain/i18n/translate";
import { describeMeeting } from "../../worker/domain/meetings/describe";
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { feedToIcs, fold, icsEtag, meetingToIcs, PRODID, vtimezoneLines } from "../../worker/calendar/ics";
import { checkLocal, occurrences, parseLocal, rruleOf } from "../../worker/domain/meetings/recurrence";
import type { Feed, FeedDay, FeedMeeting, OccurrenceChange, Schedule } from "../../worker/domain/meetings/types";

// ---------------------------------------------------------------------------------------------------------------------
// Fixtures

const STAMP = Date.UTC(2026, 1, 1, 9, 30);
const CREATED = Date.UTC(2026, 0, 10, 8);
const UPDATED = Date.UTC(2026, 1, 1, 8, 15);

function schedule(
  timeZone: string,
  startLocal: string,
  durationMinutes: number,
  repeat: Schedule["repeat"],
  count: number | null,
  until: string | null = null,
): Schedule {
  return { timeZone, startLocal, durationMinutes, repeat, count, until };
}
const cancel = (recurrenceId: string, sequence = 2): OccurrenceChange => ({
  recurrenceId,
  status: "cancelled",
  startLocal: null,
  durationMinutes: null,
  sequence,
});
const move = (
  recurrenceId: string,
  startLocal: string,
  durationMinutes: number | null = null,
  sequence = 3,
): OccurrenceChange => ({
  recurrenceId,
  status: "moved",
  startLocal,
  durationMinutes,
  sequence,
});

/** A feed meeting, described in English as the feed loader describes it unless `extra` says otherwise. */
function meeting(id: string, s: Schedule, extra: Partial<FeedMeeting> = {}): FeedMeeting {
  const m: FeedMeeting = {
    id,
    pairingId: "pair-1",
    title: `Meeting ${id}`,
    kind: "video",
    location: "",
    videoUrl: "https://meet.example.org/abc",
    schedule: s,
    status: "confirmed",
    sequence: 1,
    changes: [],
    url: `https://trellis.example.org/pairings/pair-1/meetings/${id}`,
    description: "",
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...extra,
  };
  return extra.description === undefined ? { ...m, description: describeMeeting(m, m.url, translator("en")) } : m;
}

const DAY: FeedDay = {
  uid: "milestone-7@trellis",
  title: "First draft due",
  start: "2026-05-01",
  end: "2026-05-02",
  url: "https://trellis.example.org/g/7",
  updatedAt: UPDATED,
};

function feedOf(meetings: FeedMeeting[], days: FeedDay[] = []): Feed {
  return { name: "Trellis: Ana & Bo", meetings, days, stamp: STAMP };
}

/** Series across daylight-saving changes in four zones (and the zone without), with changes. */
const SERIES: FeedMeeting[] = [
  // Europe/Berlin: summer time 2026-03-29 .. 2026-10-25.
  meeting("berlin-weekly", schedule("Europe/Berlin", "2026-03-12T18:00", 60, "weekly", 8), {
    changes: [cancel("2026-03-19T18:00"), move("2026-04-02T18:00", "2026-04-03T09:30", 45)],
  }),
  meeting(
    "berlin-fortnightly-until",
    schedule("Europe/Berlin", "2026-09-03T19:30", 90, "fortnightly", null, "2026-12-10"),
    {
      changes: [move("2026-10-29T19:30", "2026-10-25T10:00")],
    },
  ),
  meeting("berlin-monthly", schedule("Europe/Berlin", "2026-01-28T08:00", 30, "monthly", 12)),
  // America/New_York: DST 2026-03-08 .. 2026-11-01.
  meeting("ny-weekly", schedule("America/New_York", "2026-02-24T17:00", 60, "weekly", 6), {
    kind: "phone",
    videoUrl: "",
    location: "+1 212 555 0100",
    changes: [move("2026-03-10T17:00", "2026-03-11T08:00", 30), cancel("2026-03-17T17:00")],
  }),
  meeting("ny-monthly-until", schedule("America/New_York", "2026-08-05T09:00", 60, "monthly", null, "2027-04-05")),
  meeting("ny-fortnightly", schedule("America/New_York", "2026-10-06T20:00", 60, "fortnightly", 5)),
  // Australia/Sydney: daylight time ends 2026-04-05, starts 2026-10-04.
  meeting("sydney-weekly", schedule("Australia/Sydney", "2026-03-20T07:30", 45, "weekly", 5), {
    changes: [cancel("2026-04-03T07:30")],
  }),
  meeting(
    "sydney-fortnightly-until",
    schedule("Australia/Sydney", "2026-09-20T18:00", 60, "fortnightly", null, "2026-11-15"),
    {
      changes: [move("2026-10-04T18:00", "2026-10-05T07:00", 30)],
    },
  ),
  meeting("sydney-monthly", schedule("Australia/Sydney", "2026-02-14T12:00", 60, "monthly", 10)),
  // Asia/Kolkata: no daylight-saving time.
  meeting("kolkata-weekly-until", schedule("Asia/Kolkata", "2026-03-01T20:00", 60, "weekly", null, "2026-04-30"), {
    changes: [move("2026-03-29T20:00", "2026-03-28T21:15"), cancel("2026-04-05T20:00")],
  }),
  meeting("kolkata-monthly", schedule("Asia/Kolkata", "2026-10-28T09:30", 30, "monthly", 4)),
  // UTC and a one-off.
  meeting("utc-weekly", schedule("UTC", "2026-03-26T12:00", 30, "weekly", 3), {
    changes: [move("2026-04-02T12:00", "2026-04-02T15:00")],
  }),
  meeting("oneoff", schedule("Europe/Berlin", "2026-07-01T10:00", 60, "none", null)),
];

/** Series whose wall-clock time is skipped or repeated on a change night (and one that starts on such a time). */
const UNCLEAR: FeedMeeting[] = [
  meeting("berlin-gap", schedule("Europe/Berlin", "2026-03-15T02:30", 60, "weekly", 4)),
  meeting("berlin-overlap", schedule("Europe/Berlin", "2026-10-11T02:30", 60, "weekly", 4)),
  meeting("berlin-starts-twice", schedule("Europe/Berlin", "2026-10-25T02:30", 45, "weekly", 3)),
  meeting("ny-overlap", schedule("America/New_York", "2026-10-18T01:30", 45, "weekly", 3)),
  meeting("ny-gap", schedule("America/New_York", "2026-03-01T02:15", 30, "weekly", 3)),
  meeting("sydney-gap", schedule("Australia/Sydney", "2026-09-27T02:30", 30, "weekly", 2)),
  meeting("sydney-overlap", schedule("Australia/Sydney", "2026-03-29T02:30", 60, "weekly", 2)),
  // Meetings a clock change falls into, and one whose end is a repeated time.
  meeting("berlin-spans-spring", schedule("Europe/Berlin", "2026-03-22T01:30", 120, "weekly", 3)),
  meeting("berlin-spans-autumn", schedule("Europe/Berlin", "2026-10-25T01:30", 120, "weekly", 2)),
  meeting("berlin-ends-twice", schedule("Europe/Berlin", "2026-10-18T01:15", 45, "weekly", 3)),
];

// ---------------------------------------------------------------------------------------------------------------------
// Reading back with ical.js

/** Parses a document and registers its VTIMEZONEs with ical.js (before any time is read). */
function parse(ics: string): ICAL.Component {
  const cal = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.reset();
  for (const vtz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  return cal;
}

type Instant = { start: number; end: number };

/** ical.js's own expansion of one UID (master RRULE + overrides, cancelled ones left out), as UTC instants. */
function expand(cal: ICAL.Component, uid: string, { withOverrides = true } = {}): Instant[] {
  const events = cal.getAllSubcomponents("vevent").filter((e) => e.getFirstPropertyValue("uid") === uid);
  const master = events.find((e) => !e.hasProperty("recurrence-id"));
  if (!master) throw new Error(`no master for ${uid}`);
  const exceptions = withOverrides ? events.filter((e) => e.hasProperty("recurrence-id")) : [];
  const event = new ICAL.Event(master, { exceptions, strictExceptions: true });
  if (master.getFirstPropertyValue("status") === "CANCELLED") return [];
  if (!event.isRecurring())
    return [{ start: event.startDate.toUnixTime() * 1000, end: event.endDate.toUnixTime() * 1000 }];
  const out: Instant[] = [];
  const it = event.iterator();
  for (let next = it.next(), guard = 0; next && guard < 1000; next = it.next(), guard++) {
    const details = event.getOccurrenceDetails(next);
    if (details.item.component.getFirstPropertyValue("status") === "CANCELLED") continue;
    out.push({ start: details.startDate.toUnixTime() * 1000, end: details.endDate.toUnixTime() * 1000 });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** What Trellis means: `occurrences()` without the cancelled ones. */
function expected(m: FeedMeeting): Instant[] {
  if (m.status === "cancelled" || m.status === "declined") return [];
  return occurrences(m.schedule, m.changes)
    .filter((o) => !o.cancelled)
    .map(({ start, end }) => ({ start, end }))
    .sort((a, b) => a.start - b.start);
}

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
const show = (list: Instant[]) => list.map((o) => `${iso(o.start)}–${iso(o.end)}`);

/** Physical lines of a document (without the final empty string). */
const physical = (ics: string) => ics.split("\r\n").slice(0, -1);
/** Logical (unfolded) content lines. */
const logical = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n").slice(0, -1);
const octets = (s: string) => new TextEncoder().encode(s).length;

beforeEach(() => ICAL.TimezoneService.reset());

// ---------------------------------------------------------------------------------------------------------------------

describe("feedToIcs: recurring series read back by ical.js", () => {
  const ics = feedToIcs(feedOf(SERIES), Date.UTC(2026, 5, 1));

  it.each(SERIES.map((m) => [m.id, m] as const))(
    "%s expands to exactly occurrences() (override wins, cancelled gone)",
    (_id, m) => {
      const cal = parse(ics);
      expect(show(expand(cal, `${m.id}@trellis`))).toEqual(show(expected(m)));
    },
  );

  it("keeps the organiser's wall-clock time across each change (the UTC time moves by the change)", () => {
    const cal = parse(ics);
    const utcHours = (uid: string) => expand(cal, uid).map((o) => new Date(o.start).toISOString().slice(0, 16));
    expect(utcHours("berlin-weekly@trellis")).toEqual([
      "2026-03-12T17:00", // 18:00 CET
      "2026-03-26T17:00",
      "2026-04-03T07:30", // moved to Friday 09:30 CEST
      "2026-04-09T16:00", // 18:00 CEST
      "2026-04-16T16:00",
      "2026-04-23T16:00",
      "2026-04-30T16:00",
    ]);
    expect(utcHours("sydney-weekly@trellis")).toEqual([
      "2026-03-19T20:30",
      "2026-03-26T20:30",
      "2026-04-09T21:30",
      "2026-04-16T21:30",
    ]);
    expect(utcHours("ny-fortnightly@trellis").slice(1, 3)).toEqual(["2026-10-21T00:00", "2026-11-04T01:00"]);
  });

  it("writes DTSTART with TZID, the RRULE from rruleOf, and overrides with RECURRENCE-ID", () => {
    const cal = parse(ics);
    for (const m of SERIES) {
      const events = cal
        .getAllSubcomponents("vevent")
        .filter((e) => e.getFirstPropertyValue("uid") === `${m.id}@trellis`);
      const master = events.find((e) => !e.hasProperty("recurrence-id"))!;
      const dtstart = master.getFirstProperty("dtstart")!;
      if (m.schedule.timeZone === "UTC") expect(dtstart.getParameter("tzid")).toBeUndefined();
      else expect(dtstart.getParameter("tzid")).toBe(m.schedule.timeZone);
      expect((dtstart.getFirstValue() as ICAL.Time).toString().slice(0, 16)).toBe(m.schedule.startLocal);
      const rrule = rruleOf(m.schedule);
      const parts = (r: string) => r.split(";").sort();
      if (rrule) expect(parts(String(master.getFirstPropertyValue("rrule")))).toEqual(parts(rrule));
      else expect(master.hasProperty("rrule")).toBe(false);
      const overrides = events.filter((e) => e.hasProperty("recurrence-id"));
      const changed =
        m.schedule.repeat === "none" ? [] : occurrences(m.schedule, m.changes).filter((o) => o.cancelled || o.moved);
      expect(
        overrides.map((e) => (e.getFirstPropertyValue("recurrence-id") as ICAL.Time).toString().slice(0, 16)).sort(),
      ).toEqual(changed.map((o) => o.recurrenceId).sort());
      for (const o of overrides) {
        const id = (o.getFirstPropertyValue("recurrence-id") as ICAL.Time).toString().slice(0, 16);
        const change = m.changes.find((c) => c.recurrenceId === id)!;
        expect(o.getFirstPropertyValue("sequence")).toBe(change.sequence);
        expect(o.getFirstPropertyValue("status")).toBe(change.status === "cancelled" ? "CANCELLED" : "CONFIRMED");
        expect(o.getFirstPropertyValue("summary")).toBe(m.title);
        if (change.status === "cancelled")
          expect((o.getFirstPropertyValue("dtstart") as ICAL.Time).toString().slice(0, 16)).toBe(id);
        else expect((o.getFirstPropertyValue("dtstart") as ICAL.Time).toString().slice(0, 16)).toBe(change.startLocal);
      }
    }
  });
});

describe("feedToIcs: times that are skipped or repeated by a clock change", () => {
  const ics = feedToIcs(feedOf(UNCLEAR), STAMP);

  it.each(UNCLEAR.map((m) => [m.id, m] as const))(
    "%s: ical.js lands on occurrences() (pinned occurrences)",
    (_id, m) => {
      const cal = parse(ics);
      expect(show(expand(cal, `${m.id}@trellis`))).toEqual(show(expected(m)));
    },
  );

  it("pins exactly the irregular occurrences at their instants, and gives a series whose first one is irregular a DURATION", () => {
    const cal = parse(ics);
    for (const m of UNCLEAR) {
      const zone = m.schedule.timeZone;
      const zoned = (ms: number) => Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
      const unclearStart = (o: { recurrenceId: string }) => checkLocal(parseLocal(o.recurrenceId)!, zone).kind !== "ok";
      const irregular = occurrences(m.schedule).filter(
        (o) =>
          unclearStart(o) ||
          checkLocal(parseLocal(zoned(o.end).toPlainDateTime().toString({ smallestUnit: "minute" }))!, zone).kind !==
            "ok" ||
          zoned(o.start).offset !== zoned(o.end).offset,
      );
      const events = cal
        .getAllSubcomponents("vevent")
        .filter((e) => e.getFirstPropertyValue("uid") === `${m.id}@trellis`);
      const pins = events.filter((e) => e.hasProperty("recurrence-id"));
      expect(irregular.length, m.id).toBeGreaterThan(0);
      expect(
        pins.map((p) => String(p.getFirstPropertyValue("recurrence-id")).slice(0, 16)),
        m.id,
      ).toEqual(irregular.map((o) => o.recurrenceId));
      for (const [i, pin] of pins.entries()) {
        const start = pin.getFirstPropertyValue("dtstart") as ICAL.Time;
        // A start that is not one instant is written in UTC; a clear one keeps its TZID.
        expect(start.zone?.tzid, m.id).toBe(unclearStart(irregular[i]!) ? "UTC" : zone);
        expect(start.toUnixTime() * 1000).toBe(irregular[i]!.start);
        expect((pin.getFirstPropertyValue("dtend") as ICAL.Time).toUnixTime() * 1000).toBe(irregular[i]!.end);
      }
      const master = events.find((e) => !e.hasProperty("recurrence-id"))!;
      const firstIrregular = irregular[0]!.recurrenceId === m.schedule.startLocal;
      expect(master.hasProperty("duration"), m.id).toBe(firstIrregular);
      expect(master.hasProperty("dtend"), m.id).toBe(!firstIrregular);
    }
  });

  it("without the pins ical.js would take the later of a repeated time and move a skipped one back (why they exist)", () => {
    const cal = parse(ics);
    const overlap = UNCLEAR.find((m) => m.id === "berlin-overlap")!;
    const bare = expand(cal, "berlin-overlap@trellis", { withOverrides: false });
    const ours = expected(overlap);
    expect(bare[2]!.start - ours[2]!.start).toBe(60 * 60_000); // 02:30 CET instead of 02:30 CEST (RFC 5545: the first)
    const gap = UNCLEAR.find((m) => m.id === "berlin-gap")!;
    const bareGap = expand(cal, "berlin-gap@trellis", { withOverrides: false });
    expect(expected(gap)[2]!.start - bareGap[2]!.start).toBe(60 * 60_000); // 01:30 CET instead of 03:30 CEST
  });

  it("property: random series in the four zones, at any time of night, with changes, expand to occurrences()", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"];
    const arb = fc
      .record({
        zone: fc.constantFrom(...zones),
        day: fc.integer({ min: 0, max: 700 }),
        minute: fc.integer({ min: 0, max: 24 * 4 - 1 }),
        duration: fc.integer({ min: 1, max: 16 }),
        repeat: fc.constantFrom("weekly", "fortnightly", "monthly") as fc.Arbitrary<Schedule["repeat"]>,
        count: fc.option(fc.integer({ min: 2, max: 30 }), { nil: null }),
        untilDays: fc.integer({ min: 0, max: 400 }),
        changes: fc.array(
          fc.record({
            index: fc.nat(40),
            cancel: fc.boolean(),
            shiftMinutes: fc.integer({ min: -3000, max: 3000 }),
            sequence: fc.nat(9),
          }),
          {
            maxLength: 4,
          },
        ),
      })
      .map((r) => {
        const start = new Date(Date.UTC(2026, 0, 1) + r.day * 86_400_000 + r.minute * 15 * 60_000);
        const local = start.toISOString().slice(0, 16);
        const dayOfMonth = start.getUTCDate();
        const until = new Date(start.getTime() + r.untilDays * 86_400_000).toISOString().slice(0, 10);
        return { r, local, dayOfMonth, until };
      })
      .filter(
        ({ r, local, dayOfMonth }) =>
          (r.repeat !== "monthly" || dayOfMonth <= 28) && checkLocal(parseLocal(local)!, r.zone).kind !== "gap",
      );
    fc.assert(
      fc.property(arb, ({ r, local, until }) => {
        const s = schedule(r.zone, local, r.duration * 15, r.repeat, r.count, r.count ? null : until);
        const starts = occurrences(s);
        const changes: OccurrenceChange[] = [];
        for (const c of r.changes) {
          const o = starts[c.index % starts.length]!;
          if (changes.some((x) => x.recurrenceId === o.recurrenceId)) continue;
          if (c.cancel) changes.push(cancel(o.recurrenceId, c.sequence));
          else {
            const to = new Date(Date.parse(`${o.recurrenceId}:00Z`) + c.shiftMinutes * 60_000)
              .toISOString()
              .slice(0, 16);
            if (checkLocal(parseLocal(to)!, r.zone).kind === "gap") continue; // the form refuses these
            changes.push(move(o.recurrenceId, to, null, c.sequence));
          }
        }
        const m = meeting("prop", s, { changes });
        const cal = parse(feedToIcs(feedOf([m]), STAMP));
        expect(show(expand(cal, "prop@trellis"))).toEqual(show(expected(m)));
      }),
      { numRuns: 200, seed: 20261121 },
    );
  }, 30_000);
});

describe("feedToIcs: calendar properties, events and round trip", () => {
  const m = meeting("m1", schedule("Europe/Berlin", "2026-03-12T18:00", 60, "weekly", 4), {
    title: "Weekly check-in",
    sequence: 4,
    changes: [cancel("2026-03-19T18:00", 5)],
  });
  const feed = feedOf([m], [DAY]);
  const ics = feedToIcs(feed, Date.UTC(2026, 5, 1));

  it("has the calendar's properties", () => {
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(cal.getFirstPropertyValue("prodid")).toBe(PRODID);
    expect(cal.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(cal.hasProperty("method")).toBe(false);
    expect(logical(ics)).toContain("X-WR-CALNAME:Trellis: Ana & Bo");
    expect(logical(ics)).toContain("X-PUBLISHED-TTL:PT1H");
    expect(logical(ics)).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    expect(String(cal.getFirstPropertyValue("refresh-interval"))).toBe("PT1H");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/); // CRLF only
  });

  it("round-trips every property of the master, the override and the all-day item", () => {
    const cal = parse(ics);
    const [master, override, day] = cal.getAllSubcomponents("vevent");
    const value = (c: ICAL.Component | undefined, name: string) => c!.getFirstPropertyValue(name);
    const utc = (c: ICAL.Component | undefined, name: string) => (value(c, name) as ICAL.Time).toUnixTime() * 1000;
    expect(value(master, "uid")).toBe("m1@trellis");
    expect(utc(master, "dtstamp")).toBe(STAMP);
    expect((value(master, "dtstamp") as ICAL.Time).zone?.tzid).toBe("UTC");
    expect(utc(master, "created")).toBe(CREATED);
    expect(utc(master, "last-modified")).toBe(UPDATED);
    expect(value(master, "sequence")).toBe(4);
    expect(master!.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Berlin");
    expect(String(value(master, "dtstart"))).toBe("2026-03-12T18:00:00");
    expect(String(value(master, "dtend"))).toBe("2026-03-12T19:00:00");
    expect(utc(master, "dtstart")).toBe(Date.UTC(2026, 2, 12, 17));
    expect(String(value(master, "rrule"))).toBe("FREQ=WEEKLY;COUNT=4");
    expect(value(master, "summary")).toBe("Weekly check-in");
    expect(value(master, "location")).toBe("https://meet.example.org/abc");
    expect(value(master, "url")).toBe(m.url);
    expect(value(master, "description")).toBe(`Video call\nJoin: https://meet.example.org/abc\nIn Trellis: ${m.url}`);
    expect(value(master, "status")).toBe("CONFIRMED");

    expect(value(override, "uid")).toBe("m1@trellis");
    expect(override!.getFirstProperty("recurrence-id")!.getParameter("tzid")).toBe("Europe/Berlin");
    expect(String(value(override, "recurrence-id"))).toBe("2026-03-19T18:00:00");
    expect(String(value(override, "dtstart"))).toBe("2026-03-19T18:00:00");
    expect(String(value(override, "dtend"))).toBe("2026-03-19T19:00:00");
    expect(value(override, "sequence")).toBe(5);
    expect(value(override, "status")).toBe("CANCELLED");
    expect(utc(override, "dtstamp")).toBe(STAMP);

    expect(value(day, "uid")).toBe(DAY.uid);
    const start = value(day, "dtstart") as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe("2026-05-01");
    expect((value(day, "dtend") as ICAL.Time).toString()).toBe("2026-05-02");
    expect(value(day, "transp")).toBe("TRANSPARENT");
    expect(value(day, "summary")).toBe(DAY.title);
    expect(value(day, "url")).toBe(DAY.url);
    expect(logical(ics)).toContain("DTSTART;VALUE=DATE:20260501");
    expect(logical(ics)).toContain("DTEND;VALUE=DATE:20260502");
    expect(utc(day, "dtstamp")).toBe(STAMP);
  });

  it("writes no blank property", () => {
    const sparse = meeting("sparse", schedule("Asia/Kolkata", "2026-03-01T20:00", 60, "none", null), {
      kind: "phone",
      location: "",
      videoUrl: "",
      url: "",
    });
    const text = feedToIcs(feedOf([sparse, m], [DAY]), STAMP);
    for (const line of logical(text)) expect(line, line).not.toMatch(/^[A-Z-]+(;[^:]*)?:$/);
    const rest = logical(text).slice(logical(text).indexOf("UID:sparse@trellis"));
    const vevent = rest.slice(0, rest.indexOf("END:VEVENT"));
    expect(vevent.filter((l) => /^(LOCATION|URL)[;:]/.test(l))).toEqual([]);
    expect(vevent).toContain("DESCRIPTION:Phone call");
  });

  it("maps status: proposed → TENTATIVE, confirmed → CONFIRMED, declined and cancelled → CANCELLED (overrides follow)", () => {
    const statuses = {
      proposed: "TENTATIVE",
      confirmed: "CONFIRMED",
      declined: "CANCELLED",
      cancelled: "CANCELLED",
    } as const;
    for (const [status, ical] of Object.entries(statuses)) {
      const one = {
        ...m,
        status: status as FeedMeeting["status"],
        changes: [move("2026-03-26T18:00", "2026-03-27T18:00")],
      };
      const cal = parse(feedToIcs(feedOf([one]), STAMP));
      const events = cal.getAllSubcomponents("vevent");
      expect(events.map((e) => e.getFirstPropertyValue("status"))).toEqual([ical, ical]);
    }
  });

  it("locations: the place, the phone note, or the video link", () => {
    const cases: [Partial<FeedMeeting>, string][] = [
      [{ kind: "in-person", location: "Library, room 3", videoUrl: "" }, "Library, room 3"],
      [{ kind: "phone", location: "+44 20 7946 0000", videoUrl: "" }, "+44 20 7946 0000"],
      [
        { kind: "video", location: "", videoUrl: "https://meet.example.org/x?a=1,2;b" },
        "https://meet.example.org/x?a=1,2;b",
      ],
    ];
    for (const [extra, location] of cases) {
      const cal = parse(
        feedToIcs(feedOf([meeting("loc", schedule("UTC", "2026-03-01T10:00", 30, "none", null), extra)]), STAMP),
      );
      const ev = cal.getFirstSubcomponent("vevent")!;
      expect(ev.getFirstPropertyValue("location")).toBe(location);
      expect(String(ev.getFirstPropertyValue("description"))).toContain(
        extra.kind === "video" ? `Join: ${location}` : extra.kind === "phone" ? `Phone: ${location}` : "In person",
      );
    }
  });

  it("a one-off's change applies to the event itself", () => {
    const moved = meeting("once", schedule("Europe/Berlin", "2026-07-01T10:00", 60, "none", null), {
      changes: [move("2026-07-01T10:00", "2026-07-02T15:00", 30, 7)],
    });
    const cancelled = meeting("gone", schedule("Europe/Berlin", "2026-07-01T10:00", 60, "none", null), {
      changes: [cancel("2026-07-01T10:00", 8)],
    });
    const cal = parse(feedToIcs(feedOf([moved, cancelled]), STAMP));
    const [a, b] = cal.getAllSubcomponents("vevent");
    expect(cal.getAllSubcomponents("vevent")).toHaveLength(2);
    expect(String(a!.getFirstPropertyValue("dtstart"))).toBe("2026-07-02T15:00:00");
    expect(String(a!.getFirstPropertyValue("dtend"))).toBe("2026-07-02T15:30:00");
    expect(a!.getFirstPropertyValue("sequence")).toBe(7);
    expect(b!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(b!.getFirstPropertyValue("sequence")).toBe(8);
  });
});

describe("escaping and folding", () => {
  const title =
    'Check-in, part 1; notes\nline two \\ back "quoted" — Größenänderung Ünïcödé 日本語のタイトル 🎉🎉🎉 and a very long tail of words to fold';
  const nasty = meeting("esc", schedule("Europe/Berlin", "2026-03-12T18:00", 60, "none", null), {
    title,
    kind: "in-person",
    videoUrl: "",
    location: "Café Linden, Room 2; 3rd floor \\ back entrance",
  });
  const feed: Feed = { ...feedOf([nasty]), name: "Ana, Bo; mentoring \\ feed 🌱" };
  const ics = feedToIcs(feed, STAMP);

  it("escapes commas, semicolons, newlines and backslashes in TEXT, and round-trips them", () => {
    const line = logical(ics).find((l) => l.startsWith("SUMMARY:"))!;
    expect(line).toBe(
      'SUMMARY:Check-in\\, part 1\\; notes\\nline two \\\\ back "quoted" — Größenänderung Ünïcödé 日本語のタイトル 🎉🎉🎉 and a very long tail of words to fold',
    );
    expect(logical(ics)).toContain("LOCATION:Café Linden\\, Room 2\\; 3rd floor \\\\ back entrance");
    expect(logical(ics)).toContain("X-WR-CALNAME:Ana\\, Bo\\; mentoring \\\\ feed 🌱");
    const cal = parse(ics);
    const ev = cal.getFirstSubcomponent("vevent")!;
    expect(ev.getFirstPropertyValue("summary")).toBe(title);
    expect(ev.getFirstPropertyValue("location")).toBe(nasty.location);
  });

  it("control characters cannot break a line: CR and LF in a URL or title never start a property of their own", () => {
    const injected = meeting("inj", schedule("Europe/Berlin", "2026-03-12T18:00", 60, "none", null), {
      title: "Hello\r\nATTENDEE:mailto:x@example.org\u0007",
      kind: "video",
      videoUrl: "https://meet.example.org/a\r\nX-INJECTED:1",
      location: "",
    });
    const out = feedToIcs({ ...feedOf([injected]), name: "Feed\rX-NAME:1" }, STAMP);
    const lines = logical(out);
    expect(lines.filter((l) => /^(ATTENDEE|X-INJECTED|X-NAME)/.test(l))).toEqual([]);
    expect(lines).toContain("SUMMARY:Hello\\nATTENDEE:mailto:x@example.org");
    expect(lines).toContain("LOCATION:https://meet.example.org/a\\nX-INJECTED:1");
    expect(lines).toContain("X-WR-CALNAME:Feed\\nX-NAME:1");
    expect(parse(out).getFirstSubcomponent("vevent")!.getFirstPropertyValue("summary")).toBe(
      "Hello\nATTENDEE:mailto:x@example.org",
    );
  });

  it("folds every line at 75 octets, continuation space included, never inside a character", () => {
    const lines = physical(ics);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    for (const line of lines) {
      expect(octets(line), line).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it("fold(): boundaries with 1-, 2-, 3- and 4-octet characters", () => {
    for (const ch of ["a", "é", "日", "🎉"]) {
      for (let n = 1; n < 120; n++) {
        const line = `SUMMARY:${ch.repeat(n)}`;
        const folded = fold(line);
        const parts = folded.split("\r\n");
        expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
        for (const [i, p] of parts.entries()) {
          expect(octets(p)).toBeLessThanOrEqual(75);
          if (i) expect(p.startsWith(" ")).toBe(true);
          if (i < parts.length - 1) expect(octets(p) + octets(ch)).toBeGreaterThan(75); // filled as far as it goes
        }
      }
    }
    expect(fold("X".repeat(75))).toBe("X".repeat(75));
    expect(fold("X".repeat(76))).toBe(`${"X".repeat(75)}\r\n X`);
  });
});

describe("VTIMEZONEs", () => {
  const tzids = (ics: string) =>
    [...new Set([...ics.replace(/\r\n /g, "").matchAll(/;TZID=([^;:]+)[;:]/g)].map((m) => m[1]!))].sort();
  const blocks = (ics: string) =>
    [...ics.replace(/\r\n /g, "").matchAll(/BEGIN:VTIMEZONE\r\nTZID:([^\r]+)/g)].map((m) => m[1]!).sort();

  it("a block lists the year's offset and each transition at its wall-clock time before the change", () => {
    expect(vtimezoneLines("Europe/Berlin", Date.UTC(2026, 4, 1), Date.UTC(2026, 5, 1))).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Europe/Berlin",
      ...["BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "DTSTART:20260101T010000", "END:STANDARD"],
      ...["BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "DTSTART:20260329T020000", "END:DAYLIGHT"],
      ...["BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "DTSTART:20261025T030000", "END:STANDARD"],
      "END:VTIMEZONE",
    ]);
    expect(vtimezoneLines("Asia/Kolkata", Date.UTC(2026, 0, 1), Date.UTC(2027, 11, 31))).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Asia/Kolkata",
      ...["BEGIN:STANDARD", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "DTSTART:20260101T053000", "END:STANDARD"],
      "END:VTIMEZONE",
    ]);
  });

  it("one for every TZID used and none unused", () => {
    const ics = feedToIcs(feedOf(SERIES), STAMP);
    expect(tzids(ics)).toEqual(["America/New_York", "Asia/Kolkata", "Australia/Sydney", "Europe/Berlin"]);
    expect(blocks(ics)).toEqual(tzids(ics));
    const utcOnly = feedToIcs(
      feedOf([meeting("u", schedule("UTC", "2026-03-01T10:00", 30, "weekly", 3))], [DAY]),
      STAMP,
    );
    expect(blocks(utcOnly)).toEqual([]);
    expect(tzids(utcOnly)).toEqual([]);
    expect(logical(utcOnly)).toContain("DTSTART:20260301T100000Z");
  });

  it("a linked zone keeps its own name (not its target's)", () => {
    const ics = feedToIcs(
      feedOf([meeting("ams", schedule("Europe/Amsterdam", "2026-03-12T18:00", 60, "weekly", 4))]),
      STAMP,
    );
    expect(blocks(ics)).toEqual(["Europe/Amsterdam"]);
    expect(tzids(ics)).toEqual(["Europe/Amsterdam"]);
    const cal = parse(ics);
    expect(show(expand(cal, "ams@trellis"))).toEqual(
      show(expected(meeting("ams", schedule("Europe/Amsterdam", "2026-03-12T18:00", 60, "weekly", 4)))),
    );
  });

  it("zones whose rules change often (Casablanca in 2026, Santiago in 2029) are written from the runtime's rules", () => {
    for (const m of [
      meeting("casa", schedule("Africa/Casablanca", "2026-03-05T18:00", 60, "weekly", 30)),
      meeting("santiago", schedule("America/Santiago", "2029-03-18T19:00", 60, "weekly", 6)),
      // The block must cover the series' last occurrences in 2029, not only its first year.
      meeting("santiago-long", schedule("America/Santiago", "2028-03-05T19:00", 60, "weekly", 60)),
    ]) {
      const ics = feedToIcs(feedOf([m]), STAMP);
      const cal = parse(ics);
      const starts = expected(m);
      expect(new Set(starts.map((o) => new Date(o.start).getUTCHours())).size, m.id).toBeGreaterThan(1); // the series does cross a change
      expect(show(expand(cal, `${m.id}@trellis`))).toEqual(show(starts));
    }
  });
});

describe("UIDs, single downloads and ETags", () => {
  const m = SERIES[0]!;

  it("UIDs are stable: the same in every feed and download, shared by a meeting's overrides", () => {
    const a = parse(feedToIcs(feedOf([m]), STAMP));
    const b = parse(feedToIcs(feedOf([SERIES[3]!, m], [DAY]), STAMP + 1000));
    const uids = (cal: ICAL.Component) => cal.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"));
    expect(new Set(uids(a))).toEqual(new Set(["berlin-weekly@trellis"]));
    expect(uids(a)).toHaveLength(3);
    expect(uids(b).filter((u) => u === "berlin-weekly@trellis")).toHaveLength(3);
    const single = parse(meetingToIcs(m, STAMP));
    expect(uids(single)).toEqual(uids(a));
  });

  it("meetingToIcs: METHOD:PUBLISH, the same VEVENTs, DTSTAMP now, no feed properties", () => {
    const now = Date.UTC(2026, 5, 1, 12, 0, 30);
    const ics = meetingToIcs(m, now);
    const cal = parse(ics);
    expect(cal.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(cal.hasProperty("x-wr-calname")).toBe(false);
    expect(cal.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["Europe/Berlin"]);
    expect(
      (cal.getFirstSubcomponent("vevent")!.getFirstPropertyValue("dtstamp") as ICAL.Time).toUnixTime() * 1000,
    ).toBe(now);
    const strip = (s: string) => logical(s).filter((l) => !l.startsWith("DTSTAMP"));
    const feedEvents = strip(feedToIcs(feedOf([m]), STAMP));
    const singleEvents = strip(ics);
    expect(singleEvents.slice(singleEvents.indexOf("BEGIN:VEVENT"))).toEqual(
      feedEvents.slice(feedEvents.indexOf("BEGIN:VEVENT")),
    );
    expect(show(expand(cal, "berlin-weekly@trellis"))).toEqual(show(expected(m)));
  });

  it("the same feed gives the same bytes and a strong SHA-256 ETag; a change gives another", async () => {
    const a = feedToIcs(feedOf(SERIES, [DAY]), STAMP);
    expect(feedToIcs(feedOf(SERIES, [DAY]), STAMP + 86_400_000)).toBe(a); // a later request: same feed, same bytes
    const etag = await icsEtag(a);
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await icsEtag(a)).toBe(etag);
    const changed = feedOf([...SERIES], [DAY]); // a copy: SERIES is shared by the tests after this one
    changed.meetings[0] = { ...SERIES[0]!, title: "Renamed" };
    expect(await icsEtag(feedToIcs(changed, STAMP))).not.toBe(etag);
  });

  it("meetings rendered before are reused only when nothing of them changed; the feed's stamp is always its own", async () => {
    const feed = feedOf(SERIES, [DAY]);
    const first = feedToIcs(feed, STAMP); // every meeting rendered and kept
    // Each field a VEVENT is written from, changed in turn, shows in the next feed (no stale rendering).
    const changes: Partial<FeedMeeting>[] = [
      { title: "Renamed again" },
      { status: "cancelled" },
      { sequence: 9 },
      { updatedAt: UPDATED + 60_000 },
      { url: "https://other.example.org/m" },
      { changes: [cancel(occurrences(SERIES[0]!.schedule)[1]!.recurrenceId, 7)] },
      { schedule: { ...SERIES[0]!.schedule, durationMinutes: 25 } },
    ];
    for (const change of changes) {
      const changed = feedOf([{ ...SERIES[0]!, ...change }, ...SERIES.slice(1)], [DAY]);
      const again = feedToIcs(changed, STAMP);
      expect(again, JSON.stringify(change)).not.toBe(first);
      // The same as a writer that has rendered nothing yet (a fresh copy of the module) writes.
      vi.resetModules();
      const fresh: typeof import("../../worker/calendar/ics") = await import("../../worker/calendar/ics");
      expect(fresh.feedToIcs(changed, STAMP)).toBe(again);
    }
    expect(logical(feedToIcs(feedOf([{ ...SERIES[0]!, title: "Renamed" }]), STAMP))).toContain("SUMMARY:Renamed");
    expect(logical(first)).toContain("SUMMARY:Meeting berlin-weekly");
    // A new stamp reaches every event, those copied from memory included; the original feed is byte for byte the same.
    const later = STAMP + 3_600_000;
    const stamps = logical(feedToIcs({ ...feed, stamp: later }, later)).filter((l) => l.startsWith("DTSTAMP:"));
    expect(new Set(stamps)).toEqual(new Set(["DTSTAMP:20260201T103000Z"]));
    expect(stamps).toHaveLength(logical(first).filter((l) => l.startsWith("BEGIN:VEVENT")).length);
    expect(feedToIcs(feed, STAMP)).toBe(first);
    // A title holding the marker character renders without it.
    expect(logical(feedToIcs(feedOf([{ ...SERIES[0]!, title: "A\u0000B" }]), STAMP))).toContain("SUMMARY:AB");
  });
});

describe("describeMeeting", () => {
  it("words the kind and labels in the feed owner's language, links left bare", () => {
    const m = { kind: "video", videoUrl: "https://meet.example.org/a", location: "" };
    expect(describeMeeting(m, "https://t.example/m/1", translator("fr"))).toBe(
      "Visioconférence\nRejoindre : https://meet.example.org/a\nDans Trellis : https://t.example/m/1",
    );
    const phone = { kind: "phone", videoUrl: "", location: "+44 20 7946 0000" };
    expect(describeMeeting(phone, "", translator("es"))).toBe(
      `${translator("es")("meeting.kind.phone")}\nTeléfono: +44 20 7946 0000`,
    );
  });
});
