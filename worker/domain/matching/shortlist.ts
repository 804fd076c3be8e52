/**
 * The first sparse graph of a whole-cohort assignment, read from the score matrix (row i = mentee, column j = mentor,
 * row-major, one byte per pair) in two row-major passes, never column by column (a column walk touches a new cache
 * line per score): each mentee keeps its best `perMentee` positive scores, and each mentor j its best `perMentor[j]`
 * (when given). Ties at a cut go to the lower index; a row or column with fewer positive scores than its cut keeps them
 * all. Also returns, per mentee, an upper bound on the scores it did not keep, so the optimality check can skip rows
 * that cannot hold an improving pair.
 */

/** The shortlisted pairs and, per mentee, the best score left out (an upper bound once more pairs are added). */
export interface Shortlist {
  /** Mentor indexes per mentee, ascending. */
  arcs: number[][];
  /** Largest positive score of a pair not in arcs[i] (0 when none). */
  leftOut: Uint8Array;
}

/** Picks each row's best `perMentee` and each column's best `perMentor[j]` positive scores. */
export function shortlist(
  matrix: Uint8Array,
  n: number,
  m: number,
  perMentee: number,
  perMentor: Int32Array | null,
): Shortlist {
  // Column cuts from one pass keeping each column's k best scores in a small buffer: a score enters only when it beats
  // the buffer's smallest (one byte compare per pair, all columns' minimums fit in the L1 cache).
  const columnCut = new Int32Array(m).fill(256);
  const columnQuota = new Int32Array(m);
  if (perMentor) {
    const start = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) start[j + 1] = start[j]! + Math.max(0, perMentor[j]!);
    const best = new Uint8Array(start[m]!);
    const size = new Int32Array(m);
    // The smallest kept score once a buffer is full; 0 before (any positive score enters), 255 for k = 0 (none does).
    const floor = Uint8Array.from({ length: m }, (_, j) => (perMentor[j]! > 0 ? 0 : 255));
    for (let i = 0; i < n; i++) {
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const s = matrix[base + j]!;
        if (s > floor[j]!) floor[j] = keepBest(best, start[j]!, start[j + 1]!, size, j, s);
      }
    }
    for (let j = 0; j < m; j++) {
      const k = start[j + 1]! - start[j]!;
      if (size[j] === 0) continue;
      let low = 255;
      let above = 0;
      for (let q = start[j]!; q < start[j]! + size[j]!; q++) low = Math.min(low, best[q]!);
      for (let q = start[j]!; q < start[j]! + size[j]!; q++) if (best[q]! > low) above++;
      columnCut[j] = low;
      // A full buffer: its smallest score is the cut, with what is left of k for the ties. Not full: every positive
      // score of the column is kept.
      columnQuota[j] = size[j] === k ? k - above : n;
    }
  }
  let lowestColumnCut = 256;
  for (let j = 0; j < m; j++) lowestColumnCut = Math.min(lowestColumnCut, columnCut[j]!);
  const arcs: number[][] = [];
  const leftOut = new Uint8Array(n);
  const rowCounts = new Int32Array(256);
  for (let i = 0; i < n; i++) {
    const base = i * m;
    rowCounts.fill(0);
    for (let j = 0; j < m; j++) {
      const s = matrix[base + j]!;
      rowCounts[s] = rowCounts[s]! + 1;
    }
    let [rowCut, rowQuota] = cutOf(rowCounts, 0, perMentee);
    // Below both the row's cut and every column's, a score is left out without looking further.
    const low = Math.max(1, Math.min(rowCut, lowestColumnCut));
    const list: number[] = [];
    let out = 0;
    for (let j = 0; j < m; j++) {
      const s = matrix[base + j]!;
      if (s < low) {
        if (s > out) out = s;
        continue;
      }
      let keep = false;
      if (s > rowCut) keep = true;
      else if (s === rowCut && rowQuota > 0) {
        keep = true;
        rowQuota--;
      }
      const cut = columnCut[j]!;
      if (s > cut) keep = true;
      else if (s === cut && columnQuota[j]! > 0) {
        keep = true;
        columnQuota[j] = columnQuota[j]! - 1;
      }
      if (keep) list.push(j);
      else if (s > out) out = s;
    }
    arcs.push(list);
    leftOut[i] = out;
  }
  return { arcs, leftOut };
}

/**
 * Puts score `s` into column j's buffer best[from .. to) (`size[j]` used): appended while there is room, else in place
 * of the smallest. Returns the new floor (the smallest kept once full, else 0).
 */
function keepBest(best: Uint8Array, from: number, to: number, size: Int32Array, j: number, s: number): number {
  const used = size[j]!;
  if (from + used < to) {
    best[from + used] = s;
    size[j] = used + 1;
    if (from + used + 1 < to) return 0;
  } else {
    let at = from;
    for (let q = from + 1; q < to; q++) if (best[q]! < best[at]!) at = q;
    best[at] = s;
  }
  let low = 255;
  for (let q = from; q < to; q++) low = Math.min(low, best[q]!);
  return low;
}

/**
 * The cut for the best `k` positive scores of a histogram (256 counts from `offset`; counts may saturate at any value
 * >= k): scores above `cut` are kept,
 * and the first `quota` equal to it. Fewer than k positive scores: all are kept (cut 1 with an unlimited quota). k <= 0:
 * none (cut 256).
 */
export function cutOf(counts: Int32Array | Uint8Array, offset: number, k: number): [cut: number, quota: number] {
  if (k <= 0) return [256, 0];
  let above = 0;
  for (let s = 255; s >= 1; s--) {
    const here = counts[offset + s]!;
    if (above + here >= k) return [s, k - above];
    above += here;
  }
  return [1, Number.MAX_SAFE_INTEGER];
}
