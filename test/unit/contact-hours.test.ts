import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWithinContactHours, limitsContact, nextContactTime } from "../../worker/domain/contact-hours";

const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const office = { start: 9 * 60, end: 18 * 60 };

describe("contact hours: inside and outside", () => {
  it("sends at once inside the hours, and at the start and not at the end", () => {
    const berlin = { timeZone: "Europe/Berlin", ...office };
    // 2026-11-20 is CET (UTC+1).
    expect(nextContactTime(utc(2026, 11, 20, 11), berlin)).toBe(utc(2026, 11, 20, 11)); // 12:00 Berlin
    expect(nextContactTime(utc(2026, 11, 20, 8), berlin)).toBe(utc(2026, 11, 20, 8)); // 09:00 exactly
    expect(nextContactTime(utc(2026, 11, 20, 17), berlin)).toBe(utc(2026, 11, 21, 8)); // 18:00 exactly: tomorrow 09:00
    expect(nextContactTime(utc(2026, 11, 20, 6, 30), berlin)).toBe(utc(2026, 11, 20, 8)); // 07:30: today 09:00
    expect(nextContactTime(utc(2026, 11, 20, 22), berlin)).toBe(utc(2026, 11, 21, 8)); // 23:00: tomorrow 09:00
  });

  it("a person in Sydney gets Berlin's noon mail at 09:00 next morning, Sydney time", () => {
    // 12:00 in Berlin (CET) is 22:00 in Sydney (AEDT, UTC+11); 09:00 AEDT on the 21st is 22:00 UTC on the 20th.
    expect(nextContactTime(utc(2026, 11, 20, 11), { timeZone: "Australia/Sydney", ...office })).toBe(
      utc(2026, 11, 20, 22),
    );
  });

  it("reckons in half-hour zones (Kolkata)", () => {
    // 12:00 UTC is 17:30 IST, after 17:00: next day 09:00 IST = 03:30 UTC.
    expect(nextContactTime(utc(2026, 6, 1, 12), { timeZone: "Asia/Kolkata", start: 540, end: 1020 })).toBe(
      utc(2026, 6, 2, 3, 30),
    );
  });

  it("has no limit when the end is not after the start", () => {
    expect(limitsContact({ start: 540, end: 540 })).toBe(false);
    expect(limitsContact({ start: 1080, end: 540 })).toBe(false);
    const t = utc(2026, 11, 20, 3);
    expect(nextContactTime(t, { timeZone: "Europe/Berlin", start: 1080, end: 540 })).toBe(t);
    expect(nextContactTime(t, { timeZone: "Europe/Berlin", start: 0, end: 0 })).toBe(t);
  });

  it("treats an unknown zone as UTC instead of failing", () => {
    expect(nextContactTime(utc(2026, 11, 20, 20), { timeZone: "Mars/Olympus_Mons", ...office })).toBe(
      utc(2026, 11, 21, 9),
    );
  });
});

describe("contact hours across daylight-saving changes", () => {
  const berlin = { timeZone: "Europe/Berlin", start: 8 * 60, end: 20 * 60 };

  it("spring forward in Berlin: 08:00 CEST is 06:00 UTC, one hour earlier than the evening before suggests", () => {
    // 2026-03-29 01:00 UTC: 02:00 CET -> 03:00 CEST. 21:00 CET on the 28th -> 08:00 CEST on the 29th.
    expect(nextContactTime(utc(2026, 3, 28, 20), berlin)).toBe(utc(2026, 3, 29, 6));
  });

  it("fall back in Berlin: 08:00 CET is 07:00 UTC", () => {
    // 2026-10-25 01:00 UTC: 03:00 CEST -> 02:00 CET.
    expect(nextContactTime(utc(2026, 10, 24, 20), berlin)).toBe(utc(2026, 10, 25, 7));
  });

  it("spring forward in New York and in Sydney (southern hemisphere, October)", () => {
    // 2026-03-08 07:00 UTC: 02:00 EST -> 03:00 EDT. 18:00 EST on the 7th -> 09:00 EDT = 13:00 UTC.
    expect(nextContactTime(utc(2026, 3, 7, 23), { timeZone: "America/New_York", ...office })).toBe(utc(2026, 3, 8, 13));
    // 2026-10-04 02:00 AEST -> 03:00 AEDT. 19:00 AEST on the 3rd -> 09:00 AEDT on the 4th = 22:00 UTC on the 3rd.
    expect(nextContactTime(utc(2026, 10, 3, 9), { timeZone: "Australia/Sydney", ...office })).toBe(
      utc(2026, 10, 3, 22),
    );
  });

  it("a start the clocks jump past opens the window at the jump", () => {
    // Hours 02:30-10:00; on 2026-03-29 Berlin's clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    expect(nextContactTime(utc(2026, 3, 28, 22), { timeZone: "Europe/Berlin", start: 150, end: 600 })).toBe(
      utc(2026, 3, 29, 1),
    );
  });

  it("a start that happens twice is the first one still ahead", () => {
    const hours = { timeZone: "Europe/Berlin", start: 150, end: 600 }; // 02:30-10:00
    expect(nextContactTime(utc(2026, 10, 25, 0, 10), hours)).toBe(utc(2026, 10, 25, 0, 30)); // 02:10 CEST -> 02:30 CEST
    expect(nextContactTime(utc(2026, 10, 25, 1, 10), hours)).toBe(utc(2026, 10, 25, 1, 30)); // 02:10 CET -> 02:30 CET
  });

  it("a window that comes round again when the clocks go back is used the second time", () => {
    // Hours 02:00-02:30; at 02:40 CEST the clocks will go back to 02:00 CET at 01:00 UTC.
    expect(nextContactTime(utc(2026, 10, 25, 0, 40), { timeZone: "Europe/Berlin", start: 120, end: 150 })).toBe(
      utc(2026, 10, 25, 1),
    );
  });

  it("a day whose whole window is skipped by the clocks is passed over", () => {
    // Hours 02:00-02:30 do not exist on 2026-03-29 in Berlin: 02:00 CEST on the 30th = 00:00 UTC.
    expect(nextContactTime(utc(2026, 3, 28, 12), { timeZone: "Europe/Berlin", start: 120, end: 150 })).toBe(
      utc(2026, 3, 30, 0),
    );
  });
});

describe("contact hours: properties", () => {
  const zones = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
  ];
  const MINUTE = 60_000;

  it("is the earliest instant at or after now inside the hours, within three days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc(2026, 1, 1, 0), max: utc(2028, 1, 1, 0) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1440 }),
        (now, timeZone, start, end) => {
          const hours = { timeZone, start, end };
          const next = nextContactTime(now, hours);
          expect(next).toBeGreaterThanOrEqual(now);
          expect(next - now).toBeLessThan(3 * 86_400_000);
          expect(isWithinContactHours(next, hours)).toBe(true);
          if (isWithinContactHours(now, hours)) expect(next).toBe(now);
          // Whether an instant is inside only changes on whole minutes: check each one before the answer.
          for (let t = Math.ceil(now / MINUTE) * MINUTE; t < next; t += MINUTE)
            expect(isWithinContactHours(t, hours)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("opens a window the clocks fall back into before it next starts (found by the property below)", () => {
    // Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC. A window 00:00-02:01 is entered again then.
    const hours = { timeZone: "Europe/Berlin", start: 0, end: 121 };
    const now = utc(2026, 10, 25, 1) - MINUTE;
    expect(isWithinContactHours(now, hours)).toBe(false);
    expect(nextContactTime(now, hours)).toBe(utc(2026, 10, 25, 1));
  });

  it("around every clock change of 2026 in Berlin, Sydney and New York", () => {
    const changes = [
      utc(2026, 3, 29, 1),
      utc(2026, 10, 25, 1),
      utc(2026, 4, 4, 16),
      utc(2026, 10, 3, 16),
      utc(2026, 3, 8, 7),
      utc(2026, 11, 1, 6),
    ];
    const zonesOf = [
      "Europe/Berlin",
      "Europe/Berlin",
      "Australia/Sydney",
      "Australia/Sydney",
      "America/New_York",
      "America/New_York",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -36 * 60, max: 36 * 60 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1440 }),
        (i, offset, start, end) => {
          const now = changes[i]! + offset * MINUTE;
          const hours = { timeZone: zonesOf[i]!, start, end };
          const next = nextContactTime(now, hours);
          expect(isWithinContactHours(next, hours)).toBe(true);
          for (let t = now; t < next; t += MINUTE) expect(isWithinContactHours(t, hours)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
