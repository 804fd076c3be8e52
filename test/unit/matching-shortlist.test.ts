import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutOf, shortlist } from "../../worker/domain/matching/shortlist";

/** The best `k` positive entries of `values` by index, ascending (ties to the lower index), done the obvious way. */
function best(values: number[], k: number): number[] {
  return values
    .map((s, index) => ({ s, index }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.index - b.index)
    .slice(0, Math.max(0, k))
    .map((x) => x.index)
    .sort((a, b) => a - b);
}

const matrices = fc
  .record({ n: fc.integer({ min: 1, max: 12 }), m: fc.integer({ min: 1, max: 9 }) })
  .chain(({ n, m }) =>
    fc.record({
      n: fc.constant(n),
      m: fc.constant(m),
      // Few distinct values, so ties at the cuts are common.
      scores: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 255 })), {
        minLength: n * m,
        maxLength: n * m,
      }),
      perMentee: fc.integer({ min: 0, max: 10 }),
      perMentor: fc.option(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: m, maxLength: m })),
    }),
  );

describe("first sparse graph (shortlist)", () => {
  it("keeps exactly each row's and each column's best positive scores, and bounds what it leaves out", () => {
    fc.assert(
      fc.property(matrices, ({ n, m, scores, perMentee, perMentor }) => {
        const matrix = Uint8Array.from(scores);
        const got = shortlist(matrix, n, m, perMentee, perMentor ? Int32Array.from(perMentor) : null);
        const row = (i: number) => scores.slice(i * m, (i + 1) * m);
        const expected = Array.from({ length: n }, (_, i) => new Set(best(row(i), perMentee)));
        if (perMentor) {
          for (let j = 0; j < m; j++) {
            const column = Array.from({ length: n }, (_, i) => scores[i * m + j]!);
            for (const i of best(column, perMentor[j]!)) expected[i]!.add(j);
          }
        }
        for (let i = 0; i < n; i++) {
          expect(got.arcs[i]).toEqual([...expected[i]!].sort((a, b) => a - b));
          const left = row(i).filter((_, j) => !expected[i]!.has(j));
          expect(got.leftOut[i]).toBe(Math.max(0, ...left));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("cuts a histogram at the k-th best positive score, even when counts saturate", () => {
    const counts = new Int32Array(256);
    counts[9] = 2;
    counts[7] = 3;
    counts[0] = 50;
    expect(cutOf(counts, 0, 1)).toEqual([9, 1]);
    expect(cutOf(counts, 0, 4)).toEqual([7, 2]);
    expect(cutOf(counts, 0, 5)).toEqual([7, 3]);
    expect(cutOf(counts, 0, 6)).toEqual([1, Number.MAX_SAFE_INTEGER]);
    expect(cutOf(counts, 0, 0)).toEqual([256, 0]);
    const saturated = new Uint8Array(512);
    saturated[256 + 200] = 255;
    expect(cutOf(saturated, 256, 254)).toEqual([200, 254]);
  });
});
