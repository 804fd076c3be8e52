import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidate as plainCandidate, randomCandidate, shuffled } from "./matching-fixtures";
import { assignCohort, type AssignResult } from "../../worker/domain/matching/assign";
import { bruteForceBest } from "../../worker/domain/matching/brute-force";
import { scorePair } from "../../worker/domain/matching/score";
import { type Candidate, DEFAULT_WEIGHTS, endedPairs, type MatchContext } from "../../worker/domain/matching/types";

const candidate = (id: string, others: string[]) =>
  randomCandidate(id, {
    capacity: fc.integer({ min: 0, max: 3 }),
    avoidFrom: others,
    wants: fc.integer({ min: 1, max: 2 }),
  });

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const instance = fc
  .record({ mentors: fc.integer({ min: 1, max: 8 }), mentees: fc.integer({ min: 1, max: 8 }) })
  .chain(({ mentors, mentees }) =>
    fc.record({
      mentors: fc.tuple(...ids("m", mentors).map((id) => candidate(id, ids("e", mentees)))),
      mentees: fc.tuple(...ids("e", mentees).map((id) => candidate(id, ids("m", mentors)))),
      maxMentors: fc.integer({ min: 1, max: 2 }),
      candidatesPerMentee: fc.integer({ min: 1, max: 4 }),
      shortlistMentors: fc.boolean(),
      mustShareLanguage: fc.boolean(),
      ended: fc.boolean(),
    }),
  );

function check(
  result: AssignResult,
  mentors: Candidate[],
  mentees: Candidate[],
  maxMentors: number,
  weights: typeof DEFAULT_WEIGHTS,
  ctx: MatchContext,
) {
  const load = new Map<string, number>();
  const seen = new Set<string>();
  for (const p of result.pairs) {
    const m = mentors.find((c) => c.id === p.mentorId)!;
    const e = mentees.find((c) => c.id === p.menteeId)!;
    const s = scorePair(m, e, weights, ctx);
    expect(s.blocked).toBeUndefined();
    expect(p.score).toBe(s.score);
    expect(p.score).toBeGreaterThan(0);
    expect(seen.has(`${p.mentorId}/${p.menteeId}`)).toBe(false);
    seen.add(`${p.mentorId}/${p.menteeId}`);
    load.set(m.id, (load.get(m.id) ?? 0) + 1);
    load.set(e.id, (load.get(e.id) ?? 0) + 1);
  }
  for (const m of mentors) expect(load.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
  for (const e of mentees) expect(load.get(e.id) ?? 0).toBeLessThanOrEqual(Math.min(e.wants ?? 1, maxMentors));
  expect(result.total).toBe(result.pairs.reduce((sum, p) => sum + p.score, 0));
}

describe("whole-cohort assignment", () => {
  it("matches the exhaustive optimum, never breaks a constraint and is deterministic (up to 8 × 8)", () => {
    fc.assert(
      fc.property(instance, fc.integer(), (inst, seed) => {
        const { mentors, mentees, maxMentors } = inst;
        const weights = { ...DEFAULT_WEIGHTS, mustShareLanguage: inst.mustShareLanguage };
        const ctx: MatchContext = { week: "2026-03-23", ended: endedPairs(inst.ended ? [["m0", "e0"]] : []) };
        const options = {
          maxMentorsPerMentee: maxMentors,
          candidatesPerMentee: inst.candidatesPerMentee,
          shortlistMentors: inst.shortlistMentors,
        };
        const result = assignCohort(mentors, mentees, weights, ctx, options);
        const scores = mentees.map((e) =>
          mentors.map((m) => {
            const s = scorePair(m, e, weights, ctx);
            return s.blocked ? 0 : s.score;
          }),
        );
        const wants = mentees.map((e) => (e.unavailable ? 0 : Math.min(e.wants ?? 1, maxMentors)));
        const capacity = mentors.map((m) => (m.unavailable ? 0 : m.capacity));
        expect(result.total).toBe(bruteForceBest(scores, wants, capacity));
        check(result, mentors, mentees, maxMentors, weights, ctx);
        const shuffle = <T>(list: T[]) => shuffled(list, seed);
        expect(assignCohort(shuffle(mentors), shuffle(mentees), weights, ctx, options)).toEqual(result);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  const base = plainCandidate;
  const ctx: MatchContext = { week: "2026-03-23", ended: new Set() };

  it("prefers the larger total over greedy first choices", () => {
    const star = base("m-star", { expertise: ["python", "go"] });
    const plain = base("m-plain", { expertise: ["go"] });
    const both = base("e-both", { goals: ["python", "go"] });
    const onlyPython = base("e-python", { goals: ["python"] });
    const r = assignCohort([star, plain], [both, onlyPython], DEFAULT_WEIGHTS, ctx);
    expect(r.pairs.map((p) => `${p.mentorId}>${p.menteeId}`).sort()).toEqual(["m-plain>e-both", "m-star>e-python"]);
  });

  it("fills a group up to the mentor's capacity and gives more than one mentor only when allowed", () => {
    const group = base("m-group", { capacity: 3 });
    const second = base("m-second", { capacity: 3 });
    const mentees = ["e1", "e2", "e3", "e4"].map((id) => base(id, { wants: 2 }));
    const single = assignCohort([group], mentees, DEFAULT_WEIGHTS, ctx);
    expect(single.pairs).toHaveLength(3);
    expect(single.unmatched).toEqual([{ id: "e4", role: "mentee", reason: "compatible mentors are full" }]);
    const multi = assignCohort([group, second], mentees, DEFAULT_WEIGHTS, ctx, {
      maxMentorsPerMentee: 2,
      candidatesPerMentee: 24,
      shortlistMentors: true,
    });
    expect(multi.pairs).toHaveLength(6);
    const got = (id: string) => multi.pairs.filter((p) => p.menteeId === id).length;
    expect(mentees.reduce((short, e) => short + 2 - got(e.id), 0)).toBe(2);
    expect(new Set(multi.pairs.map((p) => `${p.mentorId}/${p.menteeId}`)).size).toBe(6);
  });

  it("says why people stay unmatched", () => {
    const mentors = [
      base("m1", { avoid: ["e-avoided"] }),
      base("m2", { unavailable: true }),
      base("m3", { capacity: 0 }),
      base("m4", { expertise: [], languages: ["fr"], channels: [], availability: [] }),
    ];
    const mentees = [base("e-avoided"), base("e-away", { unavailable: true }), base("e-fine")];
    const r = assignCohort(mentors, mentees, DEFAULT_WEIGHTS, ctx);
    expect(r.pairs).toEqual([{ mentorId: "m1", menteeId: "e-fine", score: 100 }]);
    expect(r.unmatched).toEqual([
      { id: "e-avoided", role: "mentee", reason: "no compatible mentor (avoid list rules some out)" },
      { id: "e-away", role: "mentee", reason: "mentee is unavailable" },
      { id: "m2", role: "mentor", reason: "mentor is unavailable" },
      { id: "m3", role: "mentor", reason: "mentor has no capacity left" },
      { id: "m4", role: "mentor", reason: "no compatible mentee" },
    ]);
  });

  it("warm-started repair rounds reach the same optimum as solving the full graph at once (larger cohorts)", () => {
    let repaired = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 14 }).chain((m) =>
          fc.record({
            mentors: fc.tuple(...ids("m", m).map((id) => candidate(id, ids("e", 40)))),
            mentees: fc.tuple(...ids("e", 40).map((id) => candidate(id, ids("m", m)))),
            maxMentors: fc.integer({ min: 1, max: 2 }),
          }),
        ),
        ({ mentors, mentees, maxMentors }) => {
          const sparse = assignCohort(mentors, mentees, DEFAULT_WEIGHTS, ctx, {
            maxMentorsPerMentee: maxMentors,
            candidatesPerMentee: 1,
            shortlistMentors: false,
          });
          const full = assignCohort(mentors, mentees, DEFAULT_WEIGHTS, ctx, {
            maxMentorsPerMentee: maxMentors,
            candidatesPerMentee: mentors.length,
            shortlistMentors: false,
          });
          expect(full.rounds).toBe(1);
          expect(sparse.total).toBe(full.total);
          check(sparse, mentors, mentees, maxMentors, DEFAULT_WEIGHTS, ctx);
          if (sparse.rounds > 1) repaired++;
        },
      ),
      { numRuns: 60 },
    );
    expect(repaired).toBeGreaterThan(10);
  }, 60_000);
});
