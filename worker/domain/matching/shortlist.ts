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
  // Column cuts from one pass of per-column histograms (256 counts per mentor).
  const columnCut = new Int32Array(m);
  const columnQuota = new Int32Array(m);
  if (perMentor) {
    // Counts only matter up to the cut (cutOf stops once k scores are above it), so when every cut is below 255 they
    // are kept in saturating bytes: 256 per mentor stay in cache where 32-bit counts would not.
    const small = perMentor.every((k) => k < 255);
    const counts = small ? new Uint8Array(m * 256) : new Int32Array(m * 256);
    for (let i = 0; i < n; i++) {
      const base = i * m;
      for (let j = 0; j < m; j++) {
        const c = (j << 8) | matrix[base + j]!;
        const v = counts[c]!;
        if (v !== 255 || !small) counts[c] = v + 1;
      }
    }
    for (let j = 0; j < m; j++) {
      const [cut, quota] = cutOf(counts, j << 8, perMentor[j]!);
      columnCut[j] = cut;
      columnQuota[j] = Math.min(quota, n);
    }
  } else columnCut.fill(256);
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
    const list: number[] = [];
    let out = 0;
    for (let j = 0; j < m; j++) {
      const s = matrix[base + j]!;
      if (s === 0) continue;
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
