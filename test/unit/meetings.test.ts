import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { DEFAULT_TEMPLATE, journeyPlan, parseTemplate, templateOf } from "../../worker/domain/journey/template";
import { messageOf, translator } from "../../worker/domain/i18n/translate";
import { parseMeeting as parseMeetingIds } from "../../worker/domain/meetings/form";
import { checkLocal, occurrences, parseLocal, rruleOf } from "../../worker/domain/meetings/recurrence";
import { suggestSlots } from "../../worker/domain/meetings/slots";
import type { Schedule } from "../../worker/domain/meetings/types";

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const NOW = Date.UTC(2026, 0, 5, 12); // Monday 5 January 2026, 12:00 UTC

/** A message id (with values) from `msg` as a page shows it in `locale`. */
const shown = (text: string, locale: "en" | "fr" = "en") => {
  const m = messageOf(text);
  return m ? translator(locale)(m.id, m.values) : text;
};
/** The form reader with its messages as an English page shows them. */
const parseMeeting = (...args: Parameters<typeof parseMeetingIds>) => {
  const r = parseMeetingIds(...args);
  if (r.ok) return { ...r, notice: r.notice === null ? null : shown(r.notice) };
  return { ...r, errors: Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, shown(v)])) };
};

describe("recurring series anchored in the organiser's zone", () => {
  const weekly = (timeZone: string, startLocal: string, count: number): Schedule => ({
    timeZone,
    startLocal,
    durationMinutes: 60,
    repeat: "weekly",
    count,
    until: null,
  });

  it("keeps 18:00 Berlin across the March change, so New York sees it move", () => {
    const times = occurrences(weekly("Europe/Berlin", "2026-03-23T18:00", 2)).map((o) => o.start);
    expect(times.map(iso)).toEqual(["2026-03-23T17:00", "2026-03-30T16:00"]);
    const inNewYork = times.map((t) =>
      Temporal.Instant.fromEpochMilliseconds(t)
        .toZonedDateTimeISO("America/New_York")
        .toPlainTime()
        .toString({ smallestUnit: "minute" }),
    );
    expect(inNewYork).toEqual(["13:00", "12:00"]);
  });

  it("handles Sydney's April change and Kolkata's lack of one", () => {
    expect(occurrences(weekly("Australia/Sydney", "2026-03-30T19:00", 2)).map((o) => iso(o.start))).toEqual([
      "2026-03-30T08:00",
      "2026-04-06T09:00",
    ]);
    expect(occurrences(weekly("Asia/Kolkata", "2026-03-23T19:00", 2)).map((o) => iso(o.start))).toEqual([
      "2026-03-23T13:30",
      "2026-03-30T13:30",
    ]);
  });

  it("moves an occurrence that falls into a gap forward, and takes the first of a repeated hour", () => {
    const gap = occurrences(weekly("Europe/Berlin", "2026-03-22T02:30", 2));
    expect(iso(gap[1]!.start)).toBe("2026-03-29T01:30"); // 03:30 CEST
    const overlap = occurrences(weekly("Europe/Berlin", "2026-10-18T02:30", 2));
    expect(iso(overlap[1]!.start)).toBe("2026-10-25T00:30"); // the first 02:30, still CEST
  });

  it("applies moved and cancelled occurrences, counts, until dates and monthly steps", () => {
    const s: Schedule = {
      timeZone: "America/New_York",
      startLocal: "2026-10-27T09:00",
      durationMinutes: 30,
      repeat: "fortnightly",
      count: null,
      until: "2026-12-08",
    };
    const all = occurrences(s, [
      { recurrenceId: "2026-11-10T09:00", status: "cancelled", startLocal: null, durationMinutes: null, sequence: 2 },
      {
        recurrenceId: "2026-11-24T09:00",
        status: "moved",
        startLocal: "2026-11-25T10:00",
        durationMinutes: 45,
        sequence: 3,
      },
    ]);
    expect(all.map((o) => [o.recurrenceId, o.cancelled, o.moved])).toEqual([
      ["2026-10-27T09:00", false, false],
      ["2026-11-10T09:00", true, false],
      ["2026-11-24T09:00", false, true],
      ["2026-12-08T09:00", false, false],
    ]);
    expect(all[2]!.end - all[2]!.start).toBe(45 * 60_000);
    expect(rruleOf(s)).toBe("FREQ=WEEKLY;INTERVAL=2;UNTIL=20261209T045959Z");
    const monthly: Schedule = { ...s, repeat: "monthly", until: null, count: 3, startLocal: "2026-01-28T09:00" };
    expect(occurrences(monthly).map((o) => o.recurrenceId)).toEqual([
      "2026-01-28T09:00",
      "2026-02-28T09:00",
      "2026-03-28T09:00",
    ]);
    expect(rruleOf({ ...s, repeat: "none" })).toBeNull();
  });

  it("writes an RRULE that describes exactly the occurrences it expands (caps, zero counts, months without the day)", () => {
    const base: Schedule = {
      timeZone: "Europe/Berlin",
      startLocal: "2026-01-31T09:00",
      durationMinutes: 30,
      repeat: "weekly",
      count: 250,
      until: null,
    };
    expect(occurrences(base).length).toBe(200);
    expect(rruleOf(base)).toBe("FREQ=WEEKLY;COUNT=200");
    expect(rruleOf({ ...base, count: null, until: "2031-12-31" })).toBe("FREQ=WEEKLY;COUNT=200");
    expect(occurrences({ ...base, count: 0 })).toEqual([]);
    expect(rruleOf({ ...base, count: 0 })).toBe("FREQ=WEEKLY;COUNT=0");
    const monthly = occurrences({ ...base, repeat: "monthly", count: 3 }).map((o) => o.recurrenceId);
    expect(monthly).toEqual(["2026-01-31T09:00", "2026-03-31T09:00", "2026-05-31T09:00"]);
  });

  it("explains gaps and overlaps in words", () => {
    expect(checkLocal(parseLocal("2026-03-29T02:30")!, "Europe/Berlin")).toMatchObject({
      kind: "gap",
      message: expect.stringContaining("does not exist in Europe/Berlin"),
    });
    expect(checkLocal(parseLocal("2026-11-01T01:30")!, "America/New_York")).toMatchObject({
      kind: "ambiguous",
      message: expect.stringContaining("happens twice"),
    });
    expect(checkLocal(parseLocal("2026-11-01T01:30")!, "Asia/Kolkata")).toMatchObject({ kind: "ok" });
    expect(parseLocal("2026-02-30T10:00")).toBeNull();
  });
});

describe("meeting form", () => {
  const base = { kind: "video", date: "2026-01-20", start: "18:00", end: "19:00", repeat: "none" };

  it("accepts a one-off and a bounded series, and names every problem", () => {
    expect(parseMeeting(base, "Europe/Berlin", NOW)).toMatchObject({
      ok: true,
      meeting: { title: "Mentoring meeting", schedule: { startLocal: "2026-01-20T18:00", durationMinutes: 60 } },
    });
    const bad = parseMeeting(
      { kind: "boat", date: "2026-13-01", start: "25:00", end: "x", repeat: "yearly", videoUrl: "javascript:alert(1)" },
      "Europe/Berlin",
      NOW,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["date", "end", "kind", "repeat", "start"]);
    expect(parseMeeting({ ...base, end: "17:00" }, "Europe/Berlin", NOW)).toMatchObject({
      ok: false,
      errors: { end: expect.stringContaining("must end after it starts") },
    });
    expect(parseMeeting({ ...base, kind: "in-person" }, "Europe/Berlin", NOW)).toMatchObject({
      ok: false,
      errors: { location: "Say where you will meet." },
    });
    expect(parseMeeting({ ...base, date: "2026-01-01" }, "Europe/Berlin", NOW)).toMatchObject({
      ok: false,
      errors: { date: expect.stringContaining("already passed") },
    });
  });

  it("refuses DST gaps, day 29–31 for monthly series, and bad ends", () => {
    expect(
      parseMeeting({ ...base, date: "2026-03-29", start: "02:30", end: "03:30" }, "Europe/Berlin", NOW),
    ).toMatchObject({ ok: false, errors: { start: expect.stringContaining("does not exist") } });
    const overlap = parseMeeting({ ...base, date: "2026-10-25", start: "02:30", end: "03:30" }, "Europe/Berlin", NOW);
    expect(overlap).toMatchObject({ ok: true, notice: expect.stringContaining("happens twice") });
    expect(
      parseMeeting({ ...base, date: "2026-01-30", repeat: "monthly", ends: "count", count: "3" }, "Europe/Berlin", NOW),
    ).toMatchObject({ ok: false, errors: { date: expect.stringContaining("1 to 28") } });
    expect(parseMeeting({ ...base, repeat: "weekly", ends: "count", count: "1" }, "Europe/Berlin", NOW)).toMatchObject({
      ok: false,
      errors: { count: expect.any(String) },
    });
    expect(
      parseMeeting({ ...base, repeat: "weekly", ends: "until", until: "2026-01-10" }, "Europe/Berlin", NOW),
    ).toMatchObject({ ok: false, errors: { until: expect.stringContaining("on or after") } });
    expect(
      parseMeeting({ ...base, repeat: "weekly", ends: "until", until: "2031-01-10" }, "Europe/Berlin", NOW),
    ).toMatchObject({ ok: false, errors: { until: expect.stringContaining("more than 200") } });
  });

  it("gives message ids that read in the viewer's language, with the typed time, date and zone", () => {
    const gap = parseMeetingIds({ ...base, date: "2026-03-29", start: "02:30", end: "03:30" }, "Europe/Berlin", NOW);
    expect(gap.ok).toBe(false);
    if (gap.ok) return;
    expect(shown(gap.errors.start!)).toBe(
      "02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks jump forward that night. Choose a time an hour later or earlier.",
    );
    expect(shown(gap.errors.start!, "fr")).toContain("n’existe pas dans le fuseau Europe/Berlin");
    const overlap = parseMeetingIds(
      { ...base, date: "2026-10-25", start: "02:30", end: "03:30" },
      "Europe/Berlin",
      NOW,
    );
    expect(overlap.ok && shown(overlap.notice!)).toContain("the first one, +02:00 from UTC");
    const long = parseMeetingIds({ ...base, end: "23:00" }, "Europe/Berlin", NOW);
    expect(!long.ok && shown(long.errors.end!, "fr")).toBe("Une rencontre peut durer jusqu’à 4 heures.");
  });
});

describe("slot suggestions", () => {
  const evenings = (from: number, to: number) =>
    [0, 1, 2, 3, 4].map((day) => ({ day, start: from * 60, end: to * 60 }));

  it("finds times both people are free and within contact hours, one per day first, never clashing with a meeting", () => {
    const berlin = {
      timeZone: "Europe/Berlin",
      availability: evenings(7, 22),
      contactStart: 8 * 60,
      contactEnd: 21 * 60,
    };
    const sydney = {
      timeZone: "Australia/Sydney",
      availability: evenings(6, 9),
      contactStart: 6 * 60,
      contactEnd: 22 * 60,
    };
    const busy = [{ start: Date.UTC(2026, 0, 5, 20), end: Date.UTC(2026, 0, 5, 21) }];
    const slots = suggestSlots([berlin, sydney], busy, NOW, 60);
    expect(slots.length).toBe(5);
    for (const t of slots) {
      const b = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO("Europe/Berlin");
      const s = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO("Australia/Sydney");
      expect(b.hour).toBeGreaterThanOrEqual(8);
      expect(b.add({ minutes: 60 }).hour * 60 + b.add({ minutes: 60 }).minute).toBeLessThanOrEqual(21 * 60);
      expect(s.hour).toBeGreaterThanOrEqual(6);
      expect(s.add({ minutes: 60 }).hour * 60 + s.add({ minutes: 60 }).minute).toBeLessThanOrEqual(9 * 60);
      expect(s.dayOfWeek).toBeLessThanOrEqual(5);
      expect(t >= busy[0]!.end || t + 3_600_000 <= busy[0]!.start).toBe(true);
    }
    expect(new Set(slots.map((t) => new Date(t).toISOString().slice(0, 10))).size).toBe(5);
  });

  it("suggests nothing when there is no common time", () => {
    const a = {
      timeZone: "Europe/Berlin",
      availability: [{ day: 0, start: 540, end: 600 }],
      contactStart: 0,
      contactEnd: 0,
    };
    const b = {
      timeZone: "Europe/Berlin",
      availability: [{ day: 1, start: 540, end: 600 }],
      contactStart: 0,
      contactEnd: 0,
    };
    expect(suggestSlots([a, b], [], NOW, 30)).toEqual([]);
  });
});

describe("journey plan from a template", () => {
  const DAY = 86_400_000;
  const start = Date.UTC(2026, 0, 4, 23, 30);
  const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

  it("puts welcome, agreement, first meeting, check-ins every cadence, mid-point, wrap-up and close in order", () => {
    const plan = journeyPlan(start, { lengthWeeks: 12, cadenceDays: 14 }, DEFAULT_TEMPLATE);
    expect(plan.map((m) => m.key)).toEqual([
      "welcome",
      "agreement",
      "first-meeting",
      "check-in-1",
      "check-in-2",
      "mid-point",
      "check-in-3",
      "check-in-4",
      "wrap-up",
      "close",
    ]);
    const byKey = Object.fromEntries(plan.map((m) => [m.key, m]));
    expect(byKey.agreement!.due - start).toBe(7 * DAY);
    expect(byKey["check-in-1"]!.closes! - byKey["check-in-1"]!.due).toBe(4 * DAY);
    expect(dayOf(byKey["mid-point"]!.due)).toBe(dayOf(start + 42 * DAY));
    expect(byKey.close!.due - start).toBe(84 * DAY);
  });

  it("follows a coordinator's template and refuses nonsense with messages", () => {
    const custom = parseTemplate(
      {
        agreementDays: "3",
        firstMeetingDays: "10",
        checkInEveryDays: "7",
        checkInOpenDays: "2",
        midPoint: "",
        wrapUpSurvey: "on",
      },
      84,
    );
    expect(custom).toMatchObject({
      ok: true,
      template: { agreementDays: 3, checkInEveryDays: 7, midPoint: false, wrapUpSurvey: true },
    });
    const plan = journeyPlan(
      start,
      { lengthWeeks: 12, cadenceDays: 14 },
      custom.ok ? custom.template : DEFAULT_TEMPLATE,
    );
    expect(plan.filter((m) => m.key.startsWith("check-in")).length).toBe(10);
    expect(plan.some((m) => m.key === "mid-point")).toBe(false);
    const bad = parseTemplate(
      { agreementDays: "0", firstMeetingDays: "x", checkInEveryDays: "5", checkInOpenDays: "6" },
      84,
    );
    expect(bad).toMatchObject({
      ok: false,
      errors: {
        agreementDays: expect.any(String),
        firstMeetingDays: expect.any(String),
        checkInOpenDays: "programs.journey.error.overlap",
      },
    });
    expect(templateOf("not json")).toEqual(DEFAULT_TEMPLATE);
    expect(templateOf(JSON.stringify({ agreementDays: 500 }))).toEqual(DEFAULT_TEMPLATE);
  });
});
