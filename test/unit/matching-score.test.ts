import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareCohort } from "../../worker/domain/matching/bulk-score";
import { formatHours, scorePair } from "../../worker/domain/matching/score";
import {
  type Candidate,
  DEFAULT_WEIGHTS,
  endedPairs,
  type MatchContext,
  pairKey,
} from "../../worker/domain/matching/types";

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const ctx = (week = "2026-01-12", ended: [string, string][] = []): MatchContext => ({ week, ended: endedPairs(ended) });

function person(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    goals: [],
    expertise: [],
    languages: ["english"],
    channels: ["video"],
    timeZone: "UTC",
    availability: [],
    capacity: 2,
    unavailable: false,
    avoid: [],
    ...over,
  };
}

const mentor = person("ana", {
  expertise: ["python", "leadership", "hiring"],
  languages: ["english", "german"],
  channels: ["video", "chat"],
  timeZone: "Europe/Berlin",
  availability: [{ day: 0, start: h(18), end: h(20) }],
});
const mentee = person("bo", {
  goals: ["python", "leadership", "public speaking"],
  languages: ["spanish", "english"],
  channels: ["video"],
  timeZone: "America/New_York",
  availability: [{ day: 0, start: h(12), end: h(14, 30) }],
});

describe("scoring a pair", () => {
  it("explains each part and weighs them into a 0–100 integer", () => {
    expect(scorePair(mentor, mentee, DEFAULT_WEIGHTS, ctx())).toEqual({
      score: 72,
      reasons: ["shares 2 goals: python, leadership", "shared language: english", "2 h/week overlap", "both use video"],
    });
  });

  it("computes the availability overlap in real time zones, DST included", () => {
    const winter = scorePair(mentor, mentee, DEFAULT_WEIGHTS, ctx("2026-01-12"));
    const usSummerEuWinter = scorePair(mentor, mentee, DEFAULT_WEIGHTS, ctx("2026-03-16"));
    expect(winter.reasons).toContain("2 h/week overlap");
    expect(usSummerEuWinter.reasons).toContain("1.5 h/week overlap");
    expect(usSummerEuWinter.score).toBeLessThan(winter.score);
  });

  it("says what is missing", () => {
    const stranger = person("cy", {
      goals: ["pottery"],
      languages: ["french"],
      channels: ["phone"],
      timeZone: "Asia/Tokyo",
      availability: [{ day: 0, start: h(18), end: h(20) }],
    });
    const r = scorePair(mentor, stranger, DEFAULT_WEIGHTS, ctx());
    expect(r.reasons).toEqual([
      "no shared goals",
      "no shared language",
      "no overlapping availability",
      "no shared channel",
    ]);
    expect(r.score).toBe(0);
    expect(r.blocked).toBeUndefined();
    expect(scorePair(mentor, person("dee", { languages: [] }), DEFAULT_WEIGHTS, ctx()).reasons[0]).toBe(
      "mentee listed no goals",
    );
  });

  it("adds program attributes when both have the same value", () => {
    const weights = { ...DEFAULT_WEIGHTS, attributes: { department: 10 } };
    const a = { ...mentor, attributes: { department: "finance" } };
    const same = scorePair(a, { ...mentee, attributes: { department: "finance" } }, weights, ctx());
    const other = scorePair(a, { ...mentee, attributes: { department: "legal" } }, weights, ctx());
    expect(same.reasons).toContain("same department: finance");
    expect(other.reasons).not.toContain("same department: finance");
    expect(same.score).toBeGreaterThan(other.score);
  });

  it("blocks pairs that break a hard constraint, naming the constraint", () => {
    const blocked = (m: Candidate, e: Candidate, c = ctx(), weights = DEFAULT_WEIGHTS) => scorePair(m, e, weights, c);
    expect(blocked(mentor, { ...mentee, id: "ana" })).toMatchObject({ score: 0, blocked: "same person" });
    expect(blocked({ ...mentor, unavailable: true }, mentee).blocked).toBe("mentor is unavailable");
    expect(blocked(mentor, { ...mentee, unavailable: true }).blocked).toBe("mentee is unavailable");
    expect(blocked({ ...mentor, capacity: 0 }, mentee).blocked).toBe("mentor has no capacity left");
    expect(blocked({ ...mentor, avoid: ["bo"] }, mentee).blocked).toBe("on the mentor's avoid list");
    expect(blocked(mentor, { ...mentee, avoid: ["ana"] }).blocked).toBe("on the mentee's avoid list");
    expect(blocked(mentor, mentee, ctx("2026-01-12", [["bo", "ana"]])).blocked).toBe("this pairing already ended");
    const mustShare = { ...DEFAULT_WEIGHTS, mustShareLanguage: true };
    expect(blocked(mentor, { ...mentee, languages: ["french"] }, ctx(), mustShare)).toMatchObject({
      score: 0,
      blocked: "no shared language (required)",
    });
    expect(blocked(mentor, mentee, ctx(), mustShare).blocked).toBeUndefined();
  });

  it("keys pairs independently of order and formats hours with one decimal", () => {
    expect(pairKey("a", "b")).toBe(pairKey("b", "a"));
    expect(formatHours(270)).toBe("4.5");
    expect(formatHours(180)).toBe("3");
  });
});

const slot = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 0, max: 44 }),
    length: fc.integer({ min: 1, max: 8 }),
  })
  .map((s) => ({ day: s.day, start: s.start * 30, end: Math.min(1440, (s.start + s.length) * 30) }));
const tags = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 4 });
const candidate = (id: string) =>
  fc
    .record({
      goals: tags(["a", "b", "c", "d", "e"]),
      expertise: tags(["a", "b", "c", "d", "e"]),
      languages: tags(["en", "es", "fr"]),
      channels: tags(["video", "chat", "phone"]),
      timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"),
      availability: fc.array(slot, { maxLength: 4 }),
      capacity: fc.integer({ min: 0, max: 3 }),
      unavailable: fc.boolean(),
      avoid: fc.uniqueArray(fc.constantFrom("m0", "m1", "e0", "e1"), { maxLength: 1 }),
      attributes: fc.record({ site: fc.constantFrom("north", "south") }),
    })
    .map((c): Candidate => ({ id, ...c }));

describe("bulk scoring", () => {
  it("gives exactly scorePair's numbers, with blocked pairs as 0", () => {
    fc.assert(
      fc.property(
        fc.tuple(candidate("m0"), candidate("m1")),
        fc.tuple(candidate("e0"), candidate("e1")),
        fc.boolean(),
        fc.constantFrom("2026-03-23", "2026-10-26", "2026-07-06"),
        (mentors, mentees, mustShare, week) => {
          const weights = { ...DEFAULT_WEIGHTS, mustShareLanguage: mustShare, attributes: { site: 5 } };
          const c = ctx(week, [["m1", "e1"]]);
          const cohort = prepareCohort(mentors, mentees, weights, c);
          const row = new Uint8Array(mentors.length);
          mentees.forEach((e, i) => {
            cohort.scoreRow(i, row);
            mentors.forEach((m, j) => {
              const expected = scorePair(m, e, weights, c);
              expect(row[j]).toBe(expected.blocked ? 0 : expected.score);
            });
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives the same numbers with large tag vocabularies (multi-word bitsets and the sorted-merge fallback)", () => {
    for (const size of [40, 300]) {
      const pool = Array.from({ length: size }, (_, t) => `t${t}`);
      const langs = Array.from({ length: size }, (_, t) => `l${t}`);
      const big = (id: string) =>
        fc
          .record({
            goals: fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 6 }),
            expertise: fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 6 }),
            languages: fc.uniqueArray(fc.constantFrom(...langs.slice(0, 40)), { maxLength: 3 }),
            channels: fc.uniqueArray(fc.constantFrom(...langs), { maxLength: 3 }),
            availability: fc.array(slot, { maxLength: 3 }),
          })
          .map((c): Candidate => person(id, { ...c, timeZone: "UTC" }));
      const all = person("m-all", { expertise: pool, languages: langs, channels: langs });
      fc.assert(
        fc.property(
          fc.tuple(big("m0"), big("m1"), big("m2")),
          fc.tuple(big("e0"), big("e1"), big("e2")),
          (some, mentees) => {
            const mentors = [...some, all];
            const c = ctx("2026-03-23");
            const cohort = prepareCohort(
              mentors,
              [...mentees, { ...all, id: "e-all", goals: pool }],
              DEFAULT_WEIGHTS,
              c,
            );
            const row = new Uint8Array(mentors.length);
            [...mentees, { ...all, id: "e-all", goals: pool }].forEach((e, i) => {
              cohort.scoreRow(i, row);
              mentors.forEach((m, j) => {
                const expected = scorePair(m, e, DEFAULT_WEIGHTS, c);
                expect(row[j]).toBe(expected.blocked ? 0 : expected.score);
              });
            });
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});
