/**
 * A week's free time as a bitmap of quarter hours, for counting two people's shared minutes with a few popcounts instead
 * of merging their interval lists. A week (Monday 00:00Z + 10,080 minutes) has 672 quarter hours: 21 words of 32 bits,
 * each word two of bulk-score's 4-hour blocks (16 quarter hours each), so only the words of blocks both people touch are
 * looked at. Exact only when every start and end falls on a quarter hour (whole-hour, half-hour and 45-minute zone
 * offsets all do); `slotsOf` says null otherwise and the caller merges the lists as before. Pure.
 */

/** Words of a week's quarter-hour bitmap. */
export const SLOT_WORDS = 21;

/**
 * The quarter hours that flattened [start, end) minute intervals (within 0 … 10,080, from Monday 00:00Z) cover, as
 * SLOT_WORDS words; null when a start or end is not on a quarter hour.
 */
export function slotsOf(free: ArrayLike<number>): Uint32Array | null {
  const words = new Uint32Array(SLOT_WORDS);
  return slotsInto(free, words, 0) ? words : null;
}

/**
 * Writes `slotsOf(free)` into out[at .. at + SLOT_WORDS) (which must be zero) and returns true, or returns false (out
 * left as it was) when a start or end is not on a quarter hour. For cohorts kept in one flat array.
 */
export function slotsInto(free: ArrayLike<number>, out: Uint32Array, at: number): boolean {
  for (let k = 0; k < free.length; k++) if (!Number.isInteger(free[k]! / 15)) return false;
  for (let k = 0; k + 1 < free.length; k += 2) {
    const end = Math.min(free[k + 1]! / 15, SLOT_WORDS * 32);
    for (let q = Math.max(0, free[k]! / 15); q < end; q++) out[at + (q >>> 5)] = out[at + (q >>> 5)]! | (1 << (q & 31));
  }
  return true;
}

/**
 * Minutes both bitmaps (`a` from `aAt`, `b` from `bAt`, SLOT_WORDS words each) have free, looking only at the words of
 * the 4-hour blocks in `low` (blocks 0–20) and `high` (blocks 21–41) — the blocks both touch; any other block has no
 * shared quarter hour.
 */
export function sharedMinutes(
  a: Uint32Array,
  aAt: number,
  b: Uint32Array,
  bAt: number,
  low: number,
  high: number,
): number {
  let words = 0;
  for (let x = low; x !== 0; x &= x - 1) words |= 1 << ((31 - Math.clz32(x & -x)) >>> 1);
  for (let x = high; x !== 0; x &= x - 1) words |= 1 << ((21 + 31 - Math.clz32(x & -x)) >>> 1);
  let quarters = 0;
  for (; words !== 0; words &= words - 1) {
    const w = 31 - Math.clz32(words & -words);
    quarters += popcount(a[aAt + w]! & b[bAt + w]!);
  }
  return 15 * quarters;
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
