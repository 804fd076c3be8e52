import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidate as plainCandidate, randomCandidate, shuffled } from "./matching-fixtures";
import { bruteForcePeers } from "../../worker/domain/matching/brute-force";
import { matchPeers, type PeerResult } from "../../worker/domain/matching/peer";
import { scorePair } from "../../worker/domain/matching/score";
import {
  type Candidate,
  DEFAULT_WEIGHTS,
  endedPairs,
  type MatchContext,
  type ProgramWeights,
} from "../../worker/domain/matching/types";

const candidate = (id: string, others: string[]) =>
  randomCandidate(id, {
    capacity: fc.integer({ min: 0, max: 9 }).map((x) => (x === 0 ? 0 : 1)),
    avoidFrom: [...others, "nobody"],
  });

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
const pool = fc.integer({ min: 0, max: 10 }).chain((n) =>
  fc.record({
    people: fc.tuple(
      ...ids(n).map((id) =>
        candidate(
          id,
          ids(n).filter((o) => o !== id),
        ),
      ),
    ),
    mustShareLanguage: fc.boolean(),
    ended: fc.boolean(),
  }),
);

const peerScore = (x: Candidate, y: Candidate, weights: ProgramWeights, ctx: MatchContext) => {
  const one = scorePair(x, y, weights, ctx);
  const other = scorePair(y, x, weights, ctx);
  return one.blocked || other.blocked ? 0 : Math.min(one.score, other.score);
};

function check(result: PeerResult, people: Candidate[], weights: ProgramWeights, ctx: MatchContext) {
  const seen = new Set<string>();
  for (const p of result.pairs) {
    expect(p.a < p.b).toBe(true);
    expect(seen.has(p.a) || seen.has(p.b)).toBe(false);
    seen.add(p.a);
    seen.add(p.b);
    const a = people.find((c) => c.id === p.a)!;
    const b = people.find((c) => c.id === p.b)!;
    expect(scorePair(a, b, weights, ctx).blocked).toBeUndefined();
    expect(scorePair(b, a, weights, ctx).blocked).toBeUndefined();
    expect(p.score).toBe(peerScore(a, b, weights, ctx));
    expect(p.score).toBeGreaterThan(0);
  }
  expect(result.unmatched.map((u) => u.id).sort()).toEqual(
    people
      .map((c) => c.id)
      .filter((id) => !seen.has(id))
      .sort(),
  );
  expect(result.total).toBe(result.pairs.reduce((sum, p) => sum + p.score, 0));
}

describe("peer matching", () => {
  it("is valid, deterministic, never worse than greedy and never above the exhaustive optimum (pools up to 10)", () => {
    fc.assert(
      fc.property(pool, fc.integer(), (inst, seed) => {
        const people = [...inst.people];
        const weights = { ...DEFAULT_WEIGHTS, mustShareLanguage: inst.mustShareLanguage };
        const ctx: MatchContext = {
          week: "2026-03-23",
          ended: endedPairs(inst.ended && people.length >= 2 ? [["p0", "p1"]] : []),
        };
        const result = matchPeers(people, weights, ctx);
        check(result, people, weights, ctx);
        const greedy = matchPeers(people, weights, ctx, { improve: false });
        check(greedy, people, weights, ctx);
        expect(result.total).toBeGreaterThanOrEqual(greedy.total);
        const sorted = [...people].sort((x, y) => (x.id < y.id ? -1 : 1));
        const best = bruteForcePeers(
          sorted.map((x) => sorted.map((y) => (x.id === y.id ? 0 : peerScore(x, y, weights, ctx)))),
        );
        expect(result.total).toBeLessThanOrEqual(best);
        const shuffle = <T>(list: T[]) => shuffled(list, seed);
        expect(matchPeers(shuffle(people), weights, ctx)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  const base = plainCandidate;
  const ctx: MatchContext = { week: "2026-03-23", ended: new Set() };

  it("takes the best-scoring pair first and reaches the exhaustive optimum on a small pool", () => {
    const people = [
      base("a", { goals: ["go", "python"], expertise: ["go", "python"] }),
      base("b", { goals: ["go", "python"], expertise: ["go", "python"] }),
      base("c", { goals: ["go"], expertise: ["go"], channels: ["chat"] }),
      base("d", { goals: ["python"], expertise: ["python"], channels: ["chat"] }),
    ];
    const greedy = matchPeers(people, DEFAULT_WEIGHTS, ctx, { improve: false });
    const improved = matchPeers(people, DEFAULT_WEIGHTS, ctx);
    expect(greedy.pairs.map((p) => `${p.a}+${p.b}`)).toEqual(["a+b", "c+d"]);
    expect(improved.total).toBeGreaterThanOrEqual(greedy.total);
    expect(improved.total).toBe(
      bruteForcePeers(people.map((x) => people.map((y) => (x === y ? 0 : peerScore(x, y, DEFAULT_WEIGHTS, ctx))))),
    );
  });

  it("never pairs people blocked in either direction and says why people stay unmatched", () => {
    const people = [
      base("a", { avoid: ["b"] }),
      base("b"),
      base("c", { unavailable: true }),
      base("d", { capacity: 0 }),
      base("e", { languages: ["fr"], channels: [], availability: [], goals: [], expertise: [] }),
    ];
    const r = matchPeers(people, { ...DEFAULT_WEIGHTS, mustShareLanguage: true }, ctx);
    expect(r.pairs).toEqual([]);
    expect(r.unmatched).toEqual([
      { id: "a", reason: "no compatible peer (avoid list rules some out)" },
      { id: "b", reason: "no compatible peer" },
      { id: "c", reason: "unavailable" },
      { id: "d", reason: "has no capacity left" },
      { id: "e", reason: "no compatible peer" },
    ]);
  });
});
