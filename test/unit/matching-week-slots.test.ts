import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLOT_WORDS, sharedMinutes, slotsOf } from "../../worker/domain/matching/week-slots";

/** Sorted, disjoint [start, end) quarter-hour intervals within the week, flattened, in minutes. */
const freeWeek = fc
  .uniqueArray(fc.integer({ min: 0, max: 672 }), { maxLength: 12 })
  .map((cuts) => [...cuts].sort((a, b) => a - b).map((q) => q * 15))
  .map((cuts) => (cuts.length % 2 ? cuts.slice(0, -1) : cuts));

/** The 4-hour blocks a list touches, as bulk-score computes them (0–20 low word, 21–41 high word). */
function blocks(free: number[]): [number, number] {
  let low = 0;
  let high = 0;
  for (let k = 0; k + 1 < free.length; k += 2) {
    for (let b = Math.floor(free[k]! / 240); b <= Math.min(41, Math.ceil(free[k + 1]! / 240) - 1); b++) {
      if (b < 21) low |= 1 << b;
      else high |= 1 << (b - 21);
    }
  }
  return [low, high];
}

/** Shared minutes, counted minute by minute. */
function naive(a: number[], b: number[]): number {
  const inside = (list: number[], t: number) => list.some((v, k) => k % 2 === 0 && t >= v && t < list[k + 1]!);
  let n = 0;
  for (let t = 0; t < 10_080; t++) if (inside(a, t) && inside(b, t)) n++;
  return n;
}

describe("quarter-hour bitmaps of a week", () => {
  it("count exactly the minutes two people share, looking only at the blocks both touch", () => {
    fc.assert(
      fc.property(freeWeek, freeWeek, (a, b) => {
        const sa = slotsOf(a)!;
        const sb = slotsOf(b)!;
        const [al, ah] = blocks(a);
        const [bl, bh] = blocks(b);
        const packed = new Uint32Array(3 * SLOT_WORDS);
        packed.set(sb, 2 * SLOT_WORDS);
        expect(sharedMinutes(sa, 0, packed, 2 * SLOT_WORDS, al & bl, ah & bh)).toBe(naive(a, b));
      }),
      { numRuns: 150 },
    );
  });

  it("say null when a start or end is not on a quarter hour", () => {
    expect(slotsOf([0, 60, 120, 135])).not.toBeNull();
    expect(slotsOf([0, 60, 125, 135])).toBeNull();
    expect(slotsOf([10.5, 60])).toBeNull();
    expect(slotsOf([])).toEqual(new Uint32Array(SLOT_WORDS));
  });
});
