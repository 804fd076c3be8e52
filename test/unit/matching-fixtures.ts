/**
 * Shared fixtures for the matching tests: generators of random profiles, a plain candidate to vary, a seeded reorder.
 */
import fc from "fast-check";
import type { Candidate } from "../../worker/domain/matching/types";

const h = (hours: number) => hours * 60;

/** A compatible-by-default candidate (python, English, video, Monday 09–13 UTC, capacity 1) with overrides. */
export function candidate(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    goals: ["python"],
    expertise: ["python"],
    languages: ["en"],
    channels: ["video"],
    timeZone: "UTC",
    availability: [{ day: 0, start: h(9), end: h(13) }],
    capacity: 1,
    unavailable: false,
    avoid: [],
    ...over,
  };
}

/** Reorders a list deterministically from a seed (to prove results do not depend on input order). */
export function shuffled<T>(list: T[], seed: number): T[] {
  return list
    .map((x, i) => [x, (i * 7919 + seed) % 101] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([x]) => x);
}

/** The small tag vocabulary random profiles draw goals and expertise from, so overlaps are common. */
export const TAGS = ["a", "b", "c", "d", "e", "f"];

/** A random weekly availability slot on the half hour, at most four hours long. */
export const slot = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    start: fc.integer({ min: 0, max: 44 }),
    length: fc.integer({ min: 1, max: 8 }),
  })
  .map((s) => ({ day: s.day, start: s.start * 30, end: Math.min(1440, (s.start + s.length) * 30) }));

/** A random set of up to `max` distinct tags from `pool`. */
export function tags(pool: string[], max: number) {
  return fc.uniqueArray(fc.constantFrom(...pool), { maxLength: max });
}

/** How a random profile's capacity, avoid list and wanted mentors are drawn (mentor–mentee and peer pools differ). */
export interface RandomCandidateOptions {
  capacity: fc.Arbitrary<number>;
  /** Ids the person may put on their avoid list. */
  avoidFrom: string[];
  /** How many mentors a mentee wants; left out for peers. */
  wants?: fc.Arbitrary<number>;
}

/** A random profile (for property tests) drawn from the small tag vocabulary, with the given draws. */
export function randomCandidate(id: string, o: RandomCandidateOptions): fc.Arbitrary<Candidate> {
  return fc
    .record({
      goals: tags(TAGS, 4),
      expertise: tags(TAGS, 4),
      languages: tags(["en", "es", "fr"], 2),
      channels: tags(["video", "chat", "phone"], 2),
      timeZone: fc.constantFrom("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"),
      availability: fc.array(slot, { maxLength: 3 }),
      capacity: o.capacity,
      unavailable: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
      avoid: tags(o.avoidFrom, 1),
      ...(o.wants ? { wants: o.wants } : {}),
    })
    .map((c): Candidate => ({ id, ...c }));
}
