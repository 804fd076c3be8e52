/**
 * weekResolver (the memoised availability of a reference week, which both scorePair and the bulk scorer use) gives
 * exactly availabilityInUtcWeek's intervals, for any slots in any of a spread of zones, in weeks with and without a
 * clock change, and asked again for the same person.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { availabilityInUtcWeek, overlapMinutes } from "../../worker/domain/availability";
import { scorePair } from "../../worker/domain/matching/score";
import { DEFAULT_WEIGHTS, endedPairs } from "../../worker/domain/matching/types";
import { weekResolver } from "../../worker/domain/matching/week-cache";

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "America/Sao_Paulo",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Sydney",
  "Pacific/Chatham",
];
// Weeks with clock changes in Europe (2026-03-29, 2026-10-25), the US (2026-03-08, 2026-11-01) and Sydney (2026-04-05).
const WEEKS = ["2026-01-12", "2026-03-08", "2026-03-26", "2026-04-05", "2026-10-25", "2026-11-01"];

const slot = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 0, max: 47 }),
    length: fc.integer({ min: 1, max: 12 }),
  })
  .map(({ day, start, length }) => ({ day, start: start * 30, end: Math.min(1440, (start + length) * 30) }));
const person = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  availability: fc.array(slot, { maxLength: 5 }),
});

describe("weekResolver", () => {
  it("gives exactly availabilityInUtcWeek's intervals", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WEEKS), fc.array(person, { minLength: 1, maxLength: 6 }), (week, people) => {
        const inWeek = weekResolver(week);
        for (const p of [...people, ...people]) expect(inWeek(p)).toEqual(availabilityInUtcWeek(p, week));
      }),
      { numRuns: 150 },
    );
  });

  it("shares a pattern's answer only between people with the same zone and slots; odd minutes are not memoised wrongly", () => {
    const week = "2026-03-26";
    const inWeek = weekResolver(week);
    const slots = [{ day: 2, start: 540, end: 600 }];
    const people = [
      { timeZone: "Europe/Berlin", availability: slots },
      { timeZone: "Asia/Kathmandu", availability: slots },
      { timeZone: "Europe/Berlin", availability: [{ day: 2, start: 540, end: 601 }] },
      { timeZone: "Europe/Berlin", availability: [{ day: 2, start: 540.5, end: 600.25 }] },
      { timeZone: "Europe/Berlin", availability: [{ day: 2, start: 540, end: 600.5 }] },
      { timeZone: "Europe/Berlin", availability: [{ day: 2, start: 540, end: 600 }] },
    ];
    for (const p of [...people, ...people]) expect(inWeek(p)).toEqual(availabilityInUtcWeek(p, week));
    expect(inWeek(people[0]!)).not.toEqual(inWeek(people[1]!));
  });

  it("lets scorePair give the overlap availability.ts computes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...WEEKS), person, person, (week, a, b) => {
        const base = {
          goals: [],
          expertise: [],
          languages: ["english"],
          channels: ["video"],
          capacity: 1,
          unavailable: false,
          avoid: [],
        };
        const scored = scorePair({ id: "a", ...base, ...a }, { id: "b", ...base, ...b }, DEFAULT_WEIGHTS, {
          week,
          ended: endedPairs([]),
        });
        const minutes = overlapMinutes(a, b, week);
        const hours = scored.reasons.find((r) => r.endsWith("h/week overlap") || r === "no overlapping availability")!;
        expect(hours === "no overlapping availability" ? 0 : Number(hours.split(" ")[0])).toBe(
          minutes > 0 ? Math.round(minutes / 6) / 10 : 0,
        );
      }),
      { numRuns: 150 },
    );
  });
});
