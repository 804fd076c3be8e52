/** Shared fixtures for the matching tests: a plain candidate to vary, and a seeded reorder of a list. */
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
