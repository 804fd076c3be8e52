import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { addDays, LocalDateTime } from "../../worker/domain/local-date-time";
import {
  type Disambiguation,
  isUnclear,
  nextTransition,
  offsetAt,
  toEpochMs,
  zoneYear,
} from "../../worker/domain/zone-rules";

// temporal-polyfill (a test dependency only) is the independent oracle: the same IANA data, another implementation.
const ZONES = Intl.supportedValuesOf("timeZone");
const zone = fc.constantFrom(...ZONES, "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Africa/Casablanca");
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => ms - (ms % 60_000));
const temporalOffset = (z: string, ms: number) =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(z).offsetNanoseconds / 1e6;

describe("zone rules against Temporal", () => {
  it("knows the runtime's zones", () => {
    expect(ZONES.length).toBeGreaterThan(300);
  });

  it("offsetAt: the same offset as Temporal at any minute in any zone", () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        expect(offsetAt(z, ms), `${z} ${new Date(ms).toISOString()}`).toBe(temporalOffset(z, ms));
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("every transition of 2024-2030 in every zone, to the minute, as Temporal lists them", () => {
    for (const z of ZONES) {
      const want: string[] = [];
      let t = Temporal.Instant.fromEpochMilliseconds(Date.UTC(2024, 0, 1) - 1).toZonedDateTimeISO(z);
      for (let next = t.getTimeZoneTransition("next"); next && next.epochMilliseconds < Date.UTC(2031, 0, 1); ) {
        want.push(
          `${new Date(next.epochMilliseconds).toISOString()} ${temporalOffset(z, next.epochMilliseconds - 1)}>${next.offsetNanoseconds / 1e6}`,
        );
        t = next;
        next = t.getTimeZoneTransition("next");
      }
      const got = [2024, 2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) =>
        zoneYear(z, y).transitions.map((x) => `${new Date(x.at).toISOString()} ${x.before}>${x.after}`),
      );
      expect(got, z).toEqual(want);
    }
  }, 120_000);

  it("nextTransition: the same change as Temporal's getTimeZoneTransition('next')", () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        const want = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(z).getTimeZoneTransition("next");
        const got = nextTransition(z, ms);
        const inReach = want && want.epochMilliseconds < Date.UTC(new Date(ms).getUTCFullYear() + 3, 0, 1);
        expect(got?.at ?? null, `${z} ${new Date(ms).toISOString()}`).toBe(inReach ? want.epochMilliseconds : null);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it("toEpochMs: a wall-clock time resolves as Temporal does, with each disambiguation, skipped and repeated ones too", () => {
    const near = fc
      .tuple(zone, fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: -180, max: 180 }), fc.boolean())
      .map(([z, year, minutes, atChange]) => {
        const t = zoneYear(z, year).transitions[0];
        // Half the cases sit within three hours of a clock change, where the rules are hard.
        const base = atChange && t ? t.at + t.before : Date.UTC(year, 6, 1, 12);
        return { z, local: base + minutes * 60_000 };
      });
    fc.assert(
      fc.property(near, fc.constantFrom<Disambiguation>("compatible", "earlier", "later"), ({ z, local }, how) => {
        const wall = LocalDateTime.fromLocalMs(local);
        const want = Temporal.PlainDateTime.from(wall.toString()).toZonedDateTime(z, {
          disambiguation: how,
        }).epochMilliseconds;
        expect(toEpochMs(z, wall.localMs, how), `${z} ${wall} ${how}`).toBe(want);
        const unclear =
          Temporal.PlainDateTime.from(wall.toString()).toZonedDateTime(z, { disambiguation: "earlier" })
            .epochMilliseconds !==
            Temporal.PlainDateTime.from(wall.toString()).toZonedDateTime(z, { disambiguation: "later" })
              .epochMilliseconds ||
          !Temporal.PlainDateTime.from(wall.toString())
            .toZonedDateTime(z, { disambiguation: "earlier" })
            .toPlainDateTime()
            .equals(Temporal.PlainDateTime.from(wall.toString()));
        expect(isUnclear(z, wall.localMs), `${z} ${wall}`).toBe(unclear);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("examples: Berlin's spring gap and autumn repeat", () => {
    const gap = LocalDateTime.parse("2026-03-29T02:30")!;
    expect(new Date(gap.toEpochMs("Europe/Berlin")).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(gap.toEpochMs("Europe/Berlin", "earlier")).toISOString()).toBe("2026-03-29T00:30:00.000Z");
    const twice = LocalDateTime.parse("2026-10-25T02:30")!;
    expect(new Date(twice.toEpochMs("Europe/Berlin")).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(new Date(twice.toEpochMs("Europe/Berlin", "later")).toISOString()).toBe("2026-10-25T01:30:00.000Z");
    expect(() => offsetAt("Not/AZone", Date.UTC(2026, 0, 1))).toThrow(RangeError);
  });
});

describe("LocalDateTime against Temporal.PlainDateTime", () => {
  const wall = fc
    .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2045, 0, 1) })
    .map((ms) => LocalDateTime.fromLocalMs(ms));

  it("parses only real dates and times", () => {
    expect(LocalDateTime.parse("2026-02-28T23:59")?.toString()).toBe("2026-02-28T23:59");
    for (const bad of [
      "2026-02-29T10:00",
      "2026-13-01T10:00",
      "2026-04-31T10:00",
      "2026-01-01T24:00",
      "2026-01-01 10:00",
      "2026-1-01T10:00",
      "",
    ]) {
      expect(LocalDateTime.parse(bad), bad).toBeNull();
    }
    expect(LocalDateTime.parse("2028-02-29T00:00")?.dayOfWeek).toBe(2);
    expect(LocalDateTime.fromDate("2026-12-06")?.toString()).toBe("2026-12-06T00:00");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("fields, day of week and adding months, weeks, days and minutes agree with Temporal", () => {
    fc.assert(
      fc.property(
        wall,
        fc.integer({ min: -30, max: 30 }),
        fc.integer({ min: -10, max: 10 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -5000, max: 5000 }),
        (w, months, weeks, days, minutes) => {
          const t = Temporal.PlainDateTime.from(w.toString());
          expect([w.year, w.month, w.day, w.hour, w.minute, w.dayOfWeek]).toEqual([
            t.year,
            t.month,
            t.day,
            t.hour,
            t.minute,
            t.dayOfWeek,
          ]);
          const got = w.add({ months, weeks, days, minutes }).toString();
          const want = t
            .add({ months })
            .add({ weeks })
            .add({ days })
            .add({ minutes })
            .toString({ smallestUnit: "minute" });
          expect(got).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("LocalDateTime.at reads an instant's wall clock as Temporal does", () => {
    fc.assert(
      fc.property(zone, instant, (z, ms) => {
        expect(LocalDateTime.at(ms, z).toString()).toBe(
          Temporal.Instant.fromEpochMilliseconds(ms)
            .toZonedDateTimeISO(z)
            .toPlainDateTime()
            .toString({ smallestUnit: "minute" }),
        );
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
