import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bruteForceBest } from "../../worker/domain/matching/brute-force";
import { FlowSolver, solveFlow } from "../../worker/domain/matching/min-cost-flow";

/** CSR arcs of the pairs with score > 0 that `keep` selects. */
function csr(scores: number[][], keep: (i: number, j: number) => boolean) {
  const n = scores.length;
  const arcStart = new Int32Array(n + 1);
  const mentor: number[] = [];
  const score: number[] = [];
  scores.forEach((row, i) => {
    row.forEach((s, j) => {
      if (s > 0 && keep(i, j)) {
        mentor.push(j);
        score.push(s);
      }
    });
    arcStart[i + 1] = mentor.length;
  });
  return { arcStart, arcMentor: Int32Array.from(mentor), arcScore: Int32Array.from(score) };
}

const instance = fc.record({ n: fc.integer({ min: 1, max: 7 }), m: fc.integer({ min: 1, max: 6 }) }).chain(({ n, m }) =>
  fc.record({
    scores: fc.array(
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 })), { minLength: m, maxLength: m }),
      { minLength: n, maxLength: n },
    ),
    wants: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
    capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
    initial: fc.array(fc.array(fc.boolean(), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
    first: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  }),
);

describe("min-cost flow solver", () => {
  it("repairs from the current flow after arcs are added, reaching the exhaustive optimum", () => {
    fc.assert(
      fc.property(instance, ({ scores, wants, capacity, initial, first }) => {
        const n = scores.length;
        const m = capacity.length;
        const w = Int32Array.from(wants);
        const cap = Int32Array.from(capacity);
        const best = bruteForceBest(scores, wants, capacity);
        const full = csr(scores, () => true);
        expect(solveFlow({ mentees: n, mentors: m, wants: w, capacity: cap, ...full }).total).toBe(best);

        const solver = new FlowSolver(n, m, w, cap);
        const start = csr(scores, (i, j) => initial[i]![j]!);
        solver.setArcs(start.arcStart, start.arcMentor, start.arcScore);
        solver.solveAll();
        // Two repair rounds: first some mentees get all their pairs, then the rest (any mentee may be rerouted).
        const firstGroup = first.flatMap((f, i) => (f ? [i] : []));
        const middle = csr(scores, (i, j) => first[i]! || initial[i]![j]!);
        solver.setArcs(middle.arcStart, middle.arcMentor, middle.arcScore);
        solver.reroute(firstGroup);
        solver.setArcs(full.arcStart, full.arcMentor, full.arcScore);
        solver.reroute(first.flatMap((f, i) => (f ? [] : [i])));
        const result = solver.solution();
        expect(result.total).toBe(best);

        const load = new Int32Array(m);
        for (let i = 0; i < n; i++) {
          let got = 0;
          for (let k = full.arcStart[i]!; k < full.arcStart[i + 1]!; k++) {
            const j = full.arcMentor[k]!;
            // The potentials certify optimality: no pair has a negative reduced cost unless it is used.
            if (!result.arcUsed[k])
              expect(full.arcScore[k]!).toBeLessThanOrEqual(result.potential[i]! - result.potential[n + j]!);
            else {
              got++;
              load[j]!++;
            }
          }
          expect(got).toBeLessThanOrEqual(wants[i]!);
        }
        for (let j = 0; j < m; j++) expect(load[j]!).toBeLessThanOrEqual(capacity[j]!);
      }),
      { numRuns: 500 },
    );
  });
});
