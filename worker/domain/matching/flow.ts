/**
 * Exact maximum-weight capacitated bipartite assignment as a min-cost flow, solved by successive shortest paths.
 *
 * Network: source → mentee i (capacity wants[i]) → mentor j (one unit per listed pair, cost −score) → sink (capacity cap[j]),
 * plus mentee i → sink at cost 0 ("stays unmatched"). Every unit of every mentee is routed, so the minimum cost is minus the
 * largest achievable total score; a mentee is left unmatched only when that does not lower the total. Mentees are added one
 * at a time (in index order) and each unit follows a shortest path found by Dijkstra on reduced costs (Johnson potentials,
 * integer arithmetic), stopping as soon as the sink is settled. Ties break on node index, so the result is deterministic.
 * After the run the potentials certify optimality: any pair (i, j) not in the arc list with score > pot[i] − pot[j] could
 * improve the total (see assign.ts, which adds such pairs and solves again).
 */

/** A sparse bipartite problem: arcs of mentee i are arcMentor/arcScore[arcStart[i] .. arcStart[i + 1]). */
export interface FlowProblem {
  mentees: number;
  mentors: number;
  wants: Int32Array;
  capacity: Int32Array;
  arcStart: Int32Array;
  arcMentor: Int32Array;
  arcScore: Int32Array;
}

/** The optimal flow: which arcs carry a unit, the total score and the node potentials that prove optimality. */
export interface FlowSolution {
  arcUsed: Uint8Array;
  total: number;
  /** Potentials of mentees (0 … mentees − 1) then mentors; pair (i, j) is reduced-cost feasible when score ≤ pot[i] − pot[mentees + j]. */
  potential: Float64Array;
}

const VIA_FORWARD = 0;
const VIA_BACKWARD = 1;
const VIA_UNMATCHED = 2;
const VIA_SPARE = 3;

/** Solves the problem exactly: maximum total score subject to mentee wants and mentor capacities. */
export function solveFlow(p: FlowProblem): FlowSolution {
  const n = p.mentees;
  const nodes = n + p.mentors + 1;
  const sink = nodes - 1;
  const pot = new Float64Array(nodes);
  const dist = new Float64Array(nodes).fill(Infinity);
  const done = new Uint8Array(nodes);
  const predNode = new Int32Array(nodes);
  const predArc = new Int32Array(nodes);
  const predKind = new Uint8Array(nodes);
  const arcUsed = new Uint8Array(p.arcMentor.length);
  const unmatched = new Int32Array(n);
  const used = new Int32Array(p.mentors);
  const assigned: number[][] = Array.from({ length: p.mentors }, () => []);
  const arcMentee = new Int32Array(p.arcMentor.length);
  for (let i = 0; i < n; i++) arcMentee.fill(i, p.arcStart[i]!, p.arcStart[i + 1]!);
  const heap = new MinHeap();
  const touched: number[] = [];
  let total = 0;

  for (let start = 0; start < n; start++) {
    let best = pot[sink]!;
    for (let k = p.arcStart[start]!; k < p.arcStart[start + 1]!; k++) best = Math.max(best, pot[n + p.arcMentor[k]!]! + p.arcScore[k]!);
    pot[start] = best;
    for (let unit = 0; unit < p.wants[start]!; unit++) {
      const relax = (v: number, d: number, from: number, arc: number, kind: number) => {
        if (done[v] || d >= dist[v]!) return;
        if (dist[v] === Infinity) touched.push(v);
        dist[v] = d;
        predNode[v] = from;
        predArc[v] = arc;
        predKind[v] = kind;
        heap.push(d, v);
      };
      relax(start, 0, -1, -1, 0);
      const settled: number[] = [];
      while (heap.size > 0) {
        const u = heap.pop();
        if (done[u]) continue;
        done[u] = 1;
        settled.push(u);
        if (u === sink) break;
        const du = dist[u]!;
        if (u < n) {
          if (unmatched[u]! < p.wants[u]!) relax(sink, du + pot[u]! - pot[sink]!, u, -1, VIA_UNMATCHED);
          for (let k = p.arcStart[u]!; k < p.arcStart[u + 1]!; k++) {
            if (arcUsed[k]) continue;
            const v = n + p.arcMentor[k]!;
            relax(v, du - p.arcScore[k]! + pot[u]! - pot[v]!, u, k, VIA_FORWARD);
          }
        } else {
          const j = u - n;
          if (used[j]! < p.capacity[j]!) relax(sink, du + pot[u]! - pot[sink]!, u, -1, VIA_SPARE);
          for (const k of assigned[j]!) {
            const i = arcMentee[k]!;
            relax(i, du + p.arcScore[k]! + pot[u]! - pot[i]!, u, k, VIA_BACKWARD);
          }
        }
      }
      heap.clear();
      const dSink = dist[sink]!;
      for (const v of settled) if (dist[v]! < dSink) pot[v] = pot[v]! + dist[v]! - dSink;
      total += augment(p, sink, predNode, predArc, predKind, arcUsed, unmatched, used, assigned);
      for (const v of touched) {
        dist[v] = Infinity;
        done[v] = 0;
      }
      touched.length = 0;
    }
  }
  return { arcUsed, total, potential: pot };
}

function augment(
  p: FlowProblem,
  sink: number,
  predNode: Int32Array,
  predArc: Int32Array,
  predKind: Uint8Array,
  arcUsed: Uint8Array,
  unmatched: Int32Array,
  used: Int32Array,
  assigned: number[][],
): number {
  let gain = 0;
  let v = sink;
  while (predNode[v]! !== -1) {
    const from = predNode[v]!;
    const k = predArc[v]!;
    const kind = predKind[v]!;
    if (kind === VIA_UNMATCHED) unmatched[from] = unmatched[from]! + 1;
    else if (kind === VIA_SPARE) used[from - p.mentees] = used[from - p.mentees]! + 1;
    else if (kind === VIA_FORWARD) {
      arcUsed[k] = 1;
      assigned[v - p.mentees]!.push(k);
      gain += p.arcScore[k]!;
    } else {
      arcUsed[k] = 0;
      const list = assigned[from - p.mentees]!;
      list.splice(list.indexOf(k), 1);
      gain -= p.arcScore[k]!;
    }
    v = from;
  }
  return gain;
}

/** A binary min-heap of (distance, node) with ties broken by the smaller node index. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  clear(): void {
    this.keys.length = 0;
    this.vals.length = 0;
  }

  push(key: number, val: number): void {
    const keys = this.keys;
    const vals = this.vals;
    let i = keys.length;
    keys.push(key);
    vals.push(val);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, val, keys[parent]!, vals[parent]!)) break;
      keys[i] = keys[parent]!;
      vals[i] = vals[parent]!;
      i = parent;
    }
    keys[i] = key;
    vals[i] = val;
  }

  pop(): number {
    const keys = this.keys;
    const vals = this.vals;
    const top = vals[0]!;
    const lastKey = keys.pop()!;
    const lastVal = vals.pop()!;
    const size = keys.length;
    if (size === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(keys[child + 1]!, vals[child + 1]!, keys[child]!, vals[child]!)) child++;
      if (!this.less(keys[child]!, vals[child]!, lastKey, lastVal)) break;
      keys[i] = keys[child]!;
      vals[i] = vals[child]!;
      i = child;
    }
    keys[i] = lastKey;
    vals[i] = lastVal;
    return top;
  }

  private less(ka: number, va: number, kb: number, vb: number): boolean {
    return ka < kb || (ka === kb && va < vb);
  }
}
