import { describe, expect, it } from "vitest";
import { heldDistribution, progressDistribution } from "../../worker/domain/dashboard/distributions";
import { funnelIndex, stageFunnel } from "../../worker/domain/dashboard/funnel";

const counts = (c: { key: string; n: number }[]) => Object.fromEntries(c.map((x) => [x.key, x.n]));

describe("stage funnel", () => {
  it("counts a pairing in every main stage up to the furthest it reached, now or in its stage changes", () => {
    const f = stageFunnel([
      { stage: "proposed", furthest: null, n: 2 },
      { stage: "active", furthest: 1, n: 3 },
      { stage: "closed", furthest: 4, n: 1 },
      { stage: "paused", furthest: 2, n: 1 }, // paused while active
      { stage: "ended_early", furthest: 1, n: 1 }, // ended during onboarding
      { stage: "ended_early", furthest: null, n: 1 }, // ended while proposed, no changes recorded
    ]);
    expect(f.total).toBe(9);
    expect(counts(f.reached)).toEqual({ proposed: 9, onboarding: 6, active: 5, wrapping_up: 1, closed: 1 });
    expect(counts(f.now)).toEqual({
      proposed: 2,
      onboarding: 0,
      active: 3,
      wrapping_up: 0,
      closed: 1,
      paused: 1,
      ended_early: 2,
    });
    expect(f.reached.map((s) => s.label)).toEqual(["Proposed", "Onboarding", "Active", "Wrapping up", "Closed"]);
  });

  it("never lets a later stage hold more pairings than an earlier one", () => {
    const f = stageFunnel([
      { stage: "wrapping_up", furthest: null, n: 4 },
      { stage: "onboarding", furthest: 3, n: 1 },
    ]);
    const reached = f.reached.map((s) => s.n);
    expect(reached).toEqual([5, 5, 5, 5, 0]);
    for (let i = 1; i < reached.length; i++) expect(reached[i]).toBeLessThanOrEqual(reached[i - 1]!);
  });

  it("is all zeros for a program without pairings", () => {
    const f = stageFunnel([]);
    expect(f.total).toBe(0);
    expect(f.reached.every((s) => s.n === 0)).toBe(true);
    expect(f.now).toHaveLength(7);
  });

  it("places only the main stages on the path", () => {
    expect(["proposed", "closed", "paused", "ended_early", "x"].map(funnelIndex)).toEqual([0, 4, null, null, null]);
  });
});

describe("engagement distributions", () => {
  it("buckets pairings by meetings held: 0, 1, 2, 3–4, 5–9, 10+", () => {
    const d = heldDistribution(
      [0, 1, 2, 3, 4, 5, 9, 10, 250].map((held) => ({ held, n: 1 })).concat([{ held: 0, n: 4 }]),
    );
    expect(d.map((b) => [b.label, b.n])).toEqual([
      ["0 held", 5],
      ["1 held", 1],
      ["2 held", 1],
      ["3–4 held", 2],
      ["5–9 held", 2],
      ["10+ held", 2],
    ]);
  });

  it("buckets pairings by mean goal progress, those without goals apart", () => {
    const d = progressDistribution([
      { progress: 0, n: 1 },
      { progress: 24, n: 1 },
      { progress: 25, n: 2 },
      { progress: 74.6, n: 1 },
      { progress: 99, n: 1 },
      { progress: 100, n: 3 },
      { progress: null, n: 7 },
    ]);
    expect(d.buckets.map((b) => b.n)).toEqual([2, 2, 0, 2, 3]);
    expect(d.noGoals).toBe(7);
  });
});
