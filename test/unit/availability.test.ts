import { describe, expect, it } from "vitest";
import {
  describeSpan,
  formatDay,
  formatTime,
  intersectIntervals,
  mergeIntervals,
  mondayOf,
  overlapMinutes,
  parseDay,
  type Slot,
  slotInZone,
  weekContaining,
  weeklySlotsToUtc,
} from "../../worker/domain/availability";
import { messageOf, translator } from "../../worker/domain/i18n/translate";

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const utc = (slots: Slot[], zone: string, week: string) =>
  weeklySlotsToUtc(slots, zone, week).map((iv) => [iso(iv.start), iso(iv.end)]);
/** The day's error as an English reader sees it (parseDay returns a message id with its values). */
const error = (text: string) => {
  const r = parseDay(text, 0);
  if (r.ok) return null;
  const m = messageOf(r.error);
  return m ? translator("en")(m.id, m.values) : r.error;
};

describe("parsing a day's availability", () => {
  it("reads ranges into sorted minute slots for the given day", () => {
    expect(parseDay("14:30-17:00, 09:00-12:00", 2)).toEqual({
      ok: true,
      slots: [
        { day: 2, start: h(9), end: h(12) },
        { day: 2, start: h(14, 30), end: h(17) },
      ],
    });
  });

  it("accepts bare hours, en and em dashes, spaces and end 24:00", () => {
    expect(parseDay("9-12", 0)).toEqual({ ok: true, slots: [{ day: 0, start: h(9), end: h(12) }] });
    expect(parseDay("9:00–12:00", 1)).toEqual({ ok: true, slots: [{ day: 1, start: h(9), end: h(12) }] });
    expect(parseDay(" 7:15 — 8:45 ", 3)).toEqual({ ok: true, slots: [{ day: 3, start: h(7, 15), end: h(8, 45) }] });
    expect(parseDay("22:00-24:00", 6)).toEqual({ ok: true, slots: [{ day: 6, start: h(22), end: 1440 }] });
    expect(parseDay("00:00-24:00", 6)).toEqual({ ok: true, slots: [{ day: 6, start: 0, end: 1440 }] });
  });

  it("treats empty text as not available and ignores stray commas", () => {
    expect(parseDay("", 0)).toEqual({ ok: true, slots: [] });
    expect(parseDay("   ", 0)).toEqual({ ok: true, slots: [] });
    expect(parseDay("09:00-10:00,", 0)).toEqual({ ok: true, slots: [{ day: 0, start: h(9), end: h(10) }] });
  });

  it("lets ranges touch without overlapping", () => {
    expect(parseDay("09:00-10:00, 10:00-11:00", 0).ok).toBe(true);
  });

  it("explains malformed ranges", () => {
    for (const bad of ["9am-5pm", "09:00", "09:00 to 12:00", "9:5-10", "0900-1200", "x", "09:00-12:00-13:00"]) {
      expect(error(bad), bad).toContain("Times must look like 09:00-12:00");
    }
  });

  it("rejects times that are not times of day", () => {
    expect(error("25:00-26:00")).toBe("25:00 is not a time of day: use 00:00 to 24:00.");
    expect(error("09:60-10:00")).toContain("is not a time of day");
    expect(error("23:00-24:30")).toBe("24:30 is not a time of day: use 00:00 to 24:00.");
  });

  it("requires the end after the start", () => {
    expect(error("12:00-09:00")).toBe("End must be after start (12:00-09:00).");
    expect(error("10:00-10:00")).toContain("End must be after start");
    expect(error("24:00-24:00")).toContain("End must be after start");
  });

  it("rejects overlapping ranges", () => {
    expect(error("09:00-12:00, 11:00-13:00")).toBe("Ranges overlap: 09:00-12:00 and 11:00-13:00.");
    expect(error("14:00-15:00, 08:00-20:00")).toContain("Ranges overlap");
  });

  it("allows at most six ranges a day and bounded text", () => {
    expect(parseDay("1-2, 3-4, 5-6, 7-8, 9-10, 11-12", 0).ok).toBe(true);
    expect(error("1-2, 3-4, 5-6, 7-8, 9-10, 11-12, 13-14")).toBe("At most 6 ranges a day.");
    expect(error("9-10,".repeat(60))).toContain("too long");
  });
});

describe("formatting availability", () => {
  it("writes times as HH:MM, midnight at the end of a day as 24:00", () => {
    expect(formatTime(0)).toBe("00:00");
    expect(formatTime(h(9, 5))).toBe("09:05");
    expect(formatTime(1440)).toBe("24:00");
  });

  it("formats one day's slots in order and round-trips through parseDay", () => {
    const slots: Slot[] = [
      { day: 1, start: h(14, 30), end: h(17) },
      { day: 0, start: h(8), end: h(9) },
      { day: 1, start: h(9), end: h(12) },
    ];
    expect(formatDay(slots, 1)).toBe("09:00-12:00, 14:30-17:00");
    expect(formatDay(slots, 2)).toBe("");
    const again = parseDay(formatDay(slots, 1), 1);
    expect(again).toEqual({ ok: true, slots: slots.filter((s) => s.day === 1).sort((a, b) => a.start - b.start) });
  });
});

describe("weeks", () => {
  it("finds the Monday of a date's week", () => {
    expect(mondayOf("2026-03-29")).toBe("2026-03-23");
    expect(mondayOf("2026-03-23")).toBe("2026-03-23");
    expect(mondayOf("2026-03-30")).toBe("2026-03-30");
  });

  it("finds the week of an instant on the person's own calendar", () => {
    const sundayLateUtc = Date.parse("2026-03-29T23:30:00Z");
    expect(weekContaining(sundayLateUtc, "UTC")).toBe("2026-03-23");
    expect(weekContaining(sundayLateUtc, "Australia/Sydney")).toBe("2026-03-30");
    expect(weekContaining(sundayLateUtc, "America/New_York")).toBe("2026-03-23");
  });
});

describe("weekly slots to UTC across DST", () => {
  const mondayEvening: Slot[] = [{ day: 0, start: h(18), end: h(20) }];

  it("Europe/Berlin: Monday 18:00 is 17:00Z in winter and 16:00Z in summer", () => {
    expect(utc(mondayEvening, "Europe/Berlin", "2026-01-12")).toEqual([
      ["2026-01-12T17:00:00Z", "2026-01-12T19:00:00Z"],
    ]);
    expect(utc(mondayEvening, "Europe/Berlin", "2026-07-13")).toEqual([
      ["2026-07-13T16:00:00Z", "2026-07-13T18:00:00Z"],
    ]);
    // Clocks go forward on Sunday 29 March 2026: that week's Monday is still winter time, the next week's is summer
    // time.
    expect(utc(mondayEvening, "Europe/Berlin", "2026-03-25")).toEqual([
      ["2026-03-23T17:00:00Z", "2026-03-23T19:00:00Z"],
    ]);
    expect(utc(mondayEvening, "Europe/Berlin", "2026-03-30")).toEqual([
      ["2026-03-30T16:00:00Z", "2026-03-30T18:00:00Z"],
    ]);
  });

  it("Europe/Berlin: times in the spring-forward gap move forward by the jump; a slot left empty by that is dropped", () => {
    const sunday = (start: number, end: number): Slot[] => [{ day: 6, start, end }];
    expect(utc(sunday(h(2), h(4)), "Europe/Berlin", "2026-03-23")).toEqual([
      ["2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"],
    ]);
    expect(utc(sunday(h(2, 30), h(5)), "Europe/Berlin", "2026-03-23")).toEqual([
      ["2026-03-29T01:30:00Z", "2026-03-29T03:00:00Z"],
    ]);
    expect(utc(sunday(h(1), h(3)), "Europe/Berlin", "2026-03-23")).toEqual([
      ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"],
    ]);
    expect(utc(sunday(h(2, 15), h(2, 45)), "Europe/Berlin", "2026-03-23")).toEqual([
      ["2026-03-29T01:15:00Z", "2026-03-29T01:45:00Z"],
    ]);
    expect(utc(sunday(h(2, 30), h(3)), "Europe/Berlin", "2026-03-23")).toEqual([]);
  });

  it("Europe/Berlin: a repeated fall-back time takes its first occurrence", () => {
    const slot: Slot[] = [{ day: 6, start: h(2), end: h(4) }];
    expect(utc(slot, "Europe/Berlin", "2026-10-19")).toEqual([["2026-10-25T00:00:00Z", "2026-10-25T03:00:00Z"]]);
  });

  it("America/New_York: noon is 17:00Z in winter, 16:00Z in summer; 02:30 on the switch day becomes 03:30 EDT", () => {
    const noon: Slot[] = [{ day: 0, start: h(12), end: h(14) }];
    expect(utc(noon, "America/New_York", "2026-01-05")).toEqual([["2026-01-05T17:00:00Z", "2026-01-05T19:00:00Z"]]);
    expect(utc(noon, "America/New_York", "2026-06-01")).toEqual([["2026-06-01T16:00:00Z", "2026-06-01T18:00:00Z"]]);
    expect(utc([{ day: 6, start: h(2, 30), end: h(4) }], "America/New_York", "2026-03-02")).toEqual([
      ["2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"],
    ]);
  });

  it("Australia/Sydney: southern-hemisphere summer time is in January, and a morning slot lands on the previous UTC day", () => {
    const tuesdayMorning: Slot[] = [{ day: 1, start: h(7), end: h(9) }];
    expect(utc(tuesdayMorning, "Australia/Sydney", "2026-01-12")).toEqual([
      ["2026-01-12T20:00:00Z", "2026-01-12T22:00:00Z"],
    ]);
    expect(utc(tuesdayMorning, "Australia/Sydney", "2026-07-13")).toEqual([
      ["2026-07-13T21:00:00Z", "2026-07-13T23:00:00Z"],
    ]);
    // Clocks go forward on Sunday 4 October 2026 at 02:00.
    expect(utc([{ day: 6, start: h(2, 30), end: h(4) }], "Australia/Sydney", "2026-09-28")).toEqual([
      ["2026-10-03T16:30:00Z", "2026-10-03T17:00:00Z"],
    ]);
  });

  it("Asia/Kolkata: no DST, the same half-hour offset all year", () => {
    const evening: Slot[] = [{ day: 1, start: h(19), end: h(21) }];
    expect(utc(evening, "Asia/Kolkata", "2026-01-12")).toEqual([["2026-01-13T13:30:00Z", "2026-01-13T15:30:00Z"]]);
    expect(utc(evening, "Asia/Kolkata", "2026-07-13")).toEqual([["2026-07-14T13:30:00Z", "2026-07-14T15:30:00Z"]]);
  });

  it("ends a slot at 24:00 on the next day's midnight", () => {
    expect(utc([{ day: 4, start: h(22), end: 1440 }], "Europe/Berlin", "2026-01-12")).toEqual([
      ["2026-01-16T21:00:00Z", "2026-01-16T23:00:00Z"],
    ]);
  });

  it("rejects unknown zones", () => {
    expect(() => weeklySlotsToUtc(mondayEvening, "Mars/Olympus_Mons", "2026-01-12")).toThrow(RangeError);
  });
});

describe("interval arithmetic", () => {
  it("merges touching intervals and intersects lists", () => {
    expect(
      mergeIntervals([
        { start: 5, end: 8 },
        { start: 0, end: 5 },
        { start: 10, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 8 },
      { start: 10, end: 12 },
    ]);
    expect(
      intersectIntervals(
        [
          { start: 0, end: 10 },
          { start: 20, end: 30 },
        ],
        [{ start: 5, end: 25 }],
      ),
    ).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
    expect(intersectIntervals([{ start: 0, end: 5 }], [{ start: 5, end: 9 }])).toEqual([]);
  });
});

describe("overlap minutes between two people", () => {
  const berlin = { timeZone: "Europe/Berlin", availability: [{ day: 0, start: h(18), end: h(20) }] };
  const newYork = { timeZone: "America/New_York", availability: [{ day: 0, start: h(12), end: h(14) }] };
  const kolkata = { timeZone: "Asia/Kolkata", availability: [{ day: 0, start: h(21, 30), end: h(23, 30) }] };

  it("follows each side's own DST dates", () => {
    expect(overlapMinutes(berlin, newYork, "2026-01-12")).toBe(120);
    // From 8 to 29 March the US is on summer time and Europe is not: the two windows slide an hour apart.
    expect(overlapMinutes(berlin, newYork, "2026-03-16")).toBe(60);
    expect(overlapMinutes(berlin, newYork, "2026-07-13")).toBe(120);
  });

  it("counts a zone without DST against one with it", () => {
    expect(overlapMinutes(berlin, kolkata, "2026-01-12")).toBe(60);
    expect(overlapMinutes(berlin, kolkata, "2026-07-13")).toBe(120);
    expect(overlapMinutes(kolkata, berlin, "2026-07-13")).toBe(120);
  });

  it("finds overlap that crosses the week boundary in UTC", () => {
    const sydney = { timeZone: "Australia/Sydney", availability: [{ day: 0, start: h(7), end: h(9) }] };
    const london = { timeZone: "Europe/London", availability: [{ day: 6, start: h(20), end: h(23) }] };
    expect(overlapMinutes(sydney, london, "2026-01-12")).toBe(120);
    expect(overlapMinutes(london, sydney, "2026-01-12")).toBe(120);
  });

  it("is zero when nobody is free at the same time or someone has no availability", () => {
    expect(
      overlapMinutes(berlin, { timeZone: "UTC", availability: [{ day: 2, start: 0, end: 1440 }] }, "2026-01-12"),
    ).toBe(0);
    expect(overlapMinutes(berlin, { timeZone: "UTC", availability: [] }, "2026-01-12")).toBe(0);
  });
});

describe("showing a slot in another zone", () => {
  it("shifts the weekday when the time crosses midnight", () => {
    const span = slotInZone({ day: 0, start: h(23), end: 1440 }, "Europe/Berlin", "Asia/Kolkata", "2026-01-12")!;
    expect(span).toEqual({ startDay: 1, start: h(3, 30), endDay: 1, end: h(4, 30) });
    expect(describeSpan(span)).toBe("Tuesday 03:30–04:30");
  });

  it("shows spans that cross midnight with both days, and a midnight end as 24:00", () => {
    expect(
      describeSpan(slotInZone({ day: 0, start: h(18), end: h(21) }, "America/New_York", "UTC", "2026-01-12")!),
    ).toBe("Monday 23:00 – Tuesday 02:00");
    expect(
      describeSpan(slotInZone({ day: 0, start: h(17), end: h(19) }, "America/New_York", "UTC", "2026-01-12")!),
    ).toBe("Monday 22:00–24:00");
    expect(describeSpan(slotInZone({ day: 0, start: h(7), end: h(9) }, "Australia/Sydney", "UTC", "2026-01-12")!)).toBe(
      "Sunday 20:00–22:00",
    );
  });

  it("returns null for a slot that does not exist that week", () => {
    expect(slotInZone({ day: 6, start: h(2, 30), end: h(3) }, "Europe/Berlin", "UTC", "2026-03-23")).toBeNull();
    expect(slotInZone({ day: 6, start: h(2, 30), end: h(3) }, "Europe/Berlin", "UTC", "2026-03-30")).toEqual({
      startDay: 6,
      start: 30,
      endDay: 6,
      end: 60,
    });
  });
});
