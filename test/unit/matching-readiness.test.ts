import { describe, expect, it } from "vitest";
import { nothingToMatch, summarizeReadiness } from "../../worker/domain/matching/readiness";

describe("matching readiness", () => {
  const summary = summarizeReadiness([
    { role: "mentee", reason: "ready", incomplete: false, n: 4, places: 0 },
    { role: "mentee", reason: "ready", incomplete: true, n: 2, places: 0 },
    { role: "mentee", reason: "invited", incomplete: true, n: 7, places: 0 },
    { role: "mentor", reason: "ready", incomplete: false, n: 2, places: 5 },
    { role: "mentor", reason: "no_capacity", incomplete: false, n: 3, places: 0 },
  ]);

  it("adds the groups up per role, with the free places of the mentors considered", () => {
    expect(summary.mentees).toEqual({ ready: 6, invited: 7, unavailable: 0, no_capacity: 0, full: 0, paired: 0 });
    expect(summary.mentors.ready).toBe(2);
    expect(summary.mentors.no_capacity).toBe(3);
    expect(summary.freePlaces).toBe(5);
    // Only people a run considers count as incomplete: the invited ones are listed as invited.
    expect(summary.incomplete).toBe(2);
  });

  it("says why a run would propose nothing, or nothing when it can", () => {
    expect(nothingToMatch(summary, false)).toBeNull();
    expect(nothingToMatch(summarizeReadiness([]), false)).toBe("matching.nothing.mentees");
    const noPlaces = summarizeReadiness([
      { role: "mentee", reason: "ready", incomplete: false, n: 1, places: 0 },
      { role: "mentor", reason: "full", incomplete: false, n: 1, places: 0 },
    ]);
    expect(nothingToMatch(noPlaces, false)).toBe("matching.nothing.places");
    expect(nothingToMatch(noPlaces, true)).toBe("matching.nothing.peers");
  });
});
