/**
 * Exact maximum-weight capacitated bipartite assignment as a min-cost flow, solved by successive shortest paths.
 *
 * Network: source → mentee i (capacity wants[i]) → mentor j (one unit per listed pair, cost −score) → sink (capacity
 * cap[j]), plus mentee i → sink at cost 0 ("stays unmatched"). Every unit of every mentee is routed, so the minimum
 * cost is minus the largest achievable total score; a mentee is left unmatched only when that does not lower the total.
 * Mentees are added one at a time (in index order) and each unit follows a shortest path found by Dijkstra on reduced
 * costs (Johnson potentials, integer arithmetic), stopping as soon as a node that still owes a unit is settled. Ties
 * break on node index (the sink first), so the result is deterministic.
 * After a run the potentials certify optimality: any pair (i, j) not in the arc list with score > pot[i] − pot[j] could
 * improve the total. Such pairs can be added with `setArcs` and repaired with `reroute`, which warm-starts from the
 * current flow: only the mentees that got new arcs are taken off their mentors (leaving those mentors owing a unit) and
 * routed again, so the reduced-cost optimality of every other arc is kept and the result is optimal for the enlarged
 * graph.
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
  /**
   * Potentials of mentees (0 … mentees − 1) then mentors; pair (i, j) is reduced-cost feasible when score ≤ pot[i] −
   * pot[mentees + j].
   */
  potential: Float64Array;
}

const VIA_FORWARD = 0;
const VIA_BACKWARD = 1;
const VIA_UNMATCHED = 2;
const VIA_SPARE = 3;
const VIA_FREE_MENTOR = 4;
const VIA_REMATCH_MENTEE = 5;

/** Solves the problem exactly: maximum total score subject to mentee wants and mentor capacities. */
export function solveFlow(p: FlowProblem): FlowSolution {
  const solver = new FlowSolver(p.mentees, p.mentors, p.wants, p.capacity);
  solver.setArcs(p.arcStart, p.arcMentor, p.arcScore);
  solver.solveAll();
  return solver.solution();
}

/** An incremental min-cost-flow solver: solve once, then add arcs and repair from the current flow. */
export class FlowSolver {
  private readonly n: number;
  private readonly m: number;
  private readonly sink: number;
  private readonly span: number;
  private readonly wants: Int32Array;
  private readonly capacity: Int32Array;
  private arcStart: Int32Array = new Int32Array(1);
  private arcMentor: Int32Array = new Int32Array(0);
  private arcScore: Int32Array = new Int32Array(0);
  private arcMentee: Int32Array = new Int32Array(0);
  private arcUsed: Uint8Array = new Uint8Array(0);
  readonly pot: Float64Array;
  private readonly dist: Float64Array;
  private readonly done: Uint8Array;
  private readonly predNode: Int32Array;
  private readonly predArc: Int32Array;
  private readonly predKind: Uint8Array;
  private readonly unmatched: Int32Array;
  private readonly used: Int32Array;
  private readonly deficit: Int32Array;
  private assigned: number[][];
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly settled: Int32Array;
  private settledCount = 0;
  private readonly heapKey: Float64Array;
  private readonly heapVal: Int32Array;
  /** Where each node sits in the heap, or −1 (an indexed heap: a shorter distance moves the node up, no duplicates). */
  private readonly heapPos: Int32Array;
  private heapSize = 0;
  /** The distance being settled, and a node owing a unit found at exactly that distance (or −1). */
  private front = 0;
  private reached = -1;

  constructor(mentees: number, mentors: number, wants: Int32Array, capacity: Int32Array) {
    const n = mentees;
    const nodes = n + mentors + 1;
    this.n = n;
    this.m = mentors;
    this.sink = nodes - 1;
    this.span = nodes + 1;
    this.wants = wants;
    this.capacity = capacity;
    this.pot = new Float64Array(nodes);
    this.dist = new Float64Array(nodes).fill(Infinity);
    this.done = new Uint8Array(nodes);
    this.predNode = new Int32Array(nodes);
    this.predArc = new Int32Array(nodes);
    this.predKind = new Uint8Array(nodes);
    this.unmatched = new Int32Array(n);
    this.used = new Int32Array(mentors);
    this.deficit = new Int32Array(nodes);
    this.assigned = Array.from({ length: mentors }, () => []);
    this.touched = new Int32Array(nodes);
    this.settled = new Int32Array(nodes);
    this.heapKey = new Float64Array(nodes);
    this.heapVal = new Int32Array(nodes);
    this.heapPos = new Int32Array(nodes).fill(-1);
  }

  /**
   * Replaces the arc lists; arcs of a mentee must keep (as a subset) the mentors it had, so the current flow carries
   * over.
   */
  setArcs(arcStart: Int32Array, arcMentor: Int32Array, arcScore: Int32Array): void {
    const n = this.n;
    const arcUsed = new Uint8Array(arcMentor.length);
    const arcMentee = new Int32Array(arcMentor.length);
    for (let i = 0; i < n; i++) {
      const from = arcStart[i]!;
      const to = arcStart[i + 1]!;
      arcMentee.fill(i, from, to);
      for (let k = this.arcStart[i] ?? 0, end = this.arcStart[i + 1] ?? 0; k < end; k++) {
        if (!this.arcUsed[k]) continue;
        const j = this.arcMentor[k]!;
        let q = from;
        while (q < to && arcMentor[q] !== j) q++;
        if (q === to) throw new Error("setArcs: a used arc was dropped");
        arcUsed[q] = 1;
      }
    }
    const assigned: number[][] = Array.from({ length: this.m }, () => []);
    for (let k = 0; k < arcUsed.length; k++) if (arcUsed[k]) assigned[arcMentor[k]!]!.push(k);
    this.arcStart = arcStart;
    this.arcMentor = arcMentor;
    this.arcScore = arcScore;
    this.arcMentee = arcMentee;
    this.arcUsed = arcUsed;
    this.assigned = assigned;
  }

  /** Routes every mentee's units, in index order or in `order` (a permutation of the mentees). */
  solveAll(order?: Int32Array): void {
    for (let q = 0; q < this.n; q++) {
      const i = order ? order[q]! : q;
      this.deficit[this.sink] = this.deficit[this.sink]! + this.wants[i]!;
      this.route(i);
    }
  }

  /** Takes the given mentees (ascending) off their partners and routes them again (after their arc lists grew). */
  reroute(mentees: readonly number[]): void {
    const n = this.n;
    for (const i of mentees) {
      for (let k = this.arcStart[i]!; k < this.arcStart[i + 1]!; k++) {
        if (!this.arcUsed[k]) continue;
        this.arcUsed[k] = 0;
        const j = this.arcMentor[k]!;
        const list = this.assigned[j]!;
        list.splice(list.indexOf(k), 1);
        this.deficit[n + j] = this.deficit[n + j]! + 1;
      }
      this.deficit[this.sink] = this.deficit[this.sink]! + this.unmatched[i]!;
      this.unmatched[i] = 0;
    }
    for (const i of mentees) this.route(i);
  }

  solution(): FlowSolution {
    let total = 0;
    for (let k = 0; k < this.arcUsed.length; k++) if (this.arcUsed[k]) total += this.arcScore[k]!;
    return { arcUsed: this.arcUsed, total, potential: this.pot };
  }

  /** Sends all units of mentee `start`, which has no flow (so its potential may be reset to make its arcs feasible). */
  private route(start: number): void {
    const pot = this.pot;
    let best = pot[this.sink]!;
    for (let k = this.arcStart[start]!; k < this.arcStart[start + 1]!; k++)
      best = Math.max(best, pot[this.n + this.arcMentor[k]!]! + this.arcScore[k]!);
    pot[start] = best;
    for (let unit = 0; unit < this.wants[start]!; unit++) this.shortestPath(start);
  }

  private shortestPath(start: number): void {
    const n = this.n;
    const m = this.m;
    const sink = this.sink;
    const pot = this.pot;
    const dist = this.dist;
    const done = this.done;
    const deficit = this.deficit;
    const arcStart = this.arcStart;
    const arcMentor = this.arcMentor;
    const arcScore = this.arcScore;
    const arcMentee = this.arcMentee;
    const arcUsed = this.arcUsed;
    const wants = this.wants;
    const unmatched = this.unmatched;
    const used = this.used;
    const capacity = this.capacity;
    this.front = Number.NaN;
    this.reached = -1;
    this.relax(start, 0, -1, -1, 0);
    let target = -1;
    while (this.heapSize > 0) {
      const u = this.pop();
      done[u] = 1;
      this.settled[this.settledCount++] = u;
      if (deficit[u]! > 0) {
        target = u;
        break;
      }
      const du = dist[u]!;
      this.front = du;
      const pu = pot[u]!;
      if (u < n) {
        if (unmatched[u]! < wants[u]!) this.relax(sink, du + pu - pot[sink]!, u, -1, VIA_UNMATCHED);
        for (let k = arcStart[u]!, end = arcStart[u + 1]!; k < end; k++) {
          if (arcUsed[k]) continue;
          const v = n + arcMentor[k]!;
          const d = du - arcScore[k]! + pu - pot[v]!;
          if (d < dist[v]! && !done[v]) this.relax(v, d, u, k, VIA_FORWARD);
        }
      } else if (u < sink) {
        const j = u - n;
        if (used[j]! < capacity[j]!) this.relax(sink, du + pu - pot[sink]!, u, -1, VIA_SPARE);
        const list = this.assigned[j]!;
        for (let q = 0; q < list.length; q++) {
          const k = list[q]!;
          const i = arcMentee[k]!;
          const d = du + arcScore[k]! + pu - pot[i]!;
          if (d < dist[i]! && !done[i]) this.relax(i, d, u, k, VIA_BACKWARD);
        }
      } else {
        for (let j = 0; j < m; j++) if (used[j]! > 0) this.relax(n + j, du + pu - pot[n + j]!, u, -1, VIA_FREE_MENTOR);
        for (let i = 0; i < n; i++) if (unmatched[i]! > 0) this.relax(i, du + pu - pot[i]!, u, -1, VIA_REMATCH_MENTEE);
      }
      if (this.reached >= 0) {
        // A node that still owes a unit, at the distance being settled: nothing can be nearer, so it is the target
        // (without first settling every other node of that distance).
        target = this.reached;
        break;
      }
    }
    for (let q = 0; q < this.heapSize; q++) this.heapPos[this.heapVal[q]!] = -1;
    this.heapSize = 0;
    if (target < 0) throw new Error("solveFlow: no augmenting path");
    const dT = dist[target]!;
    for (let q = 0; q < this.settledCount; q++) {
      const v = this.settled[q]!;
      if (dist[v]! < dT) pot[v] = pot[v]! + dist[v]! - dT;
    }
    this.settledCount = 0;
    this.augment(target);
    for (let q = 0; q < this.touchedCount; q++) {
      const v = this.touched[q]!;
      dist[v] = Infinity;
      done[v] = 0;
    }
    this.touchedCount = 0;
  }

  private relax(v: number, d: number, from: number, arc: number, kind: number): void {
    if (this.done[v] || d >= this.dist[v]!) return;
    if (this.dist[v] === Infinity) this.touched[this.touchedCount++] = v;
    this.dist[v] = d;
    this.predNode[v] = from;
    this.predArc[v] = arc;
    this.predKind[v] = kind;
    if (d === this.front && this.reached < 0 && this.deficit[v]! > 0) this.reached = v;
    this.push(d * this.span + (v === this.sink ? 0 : v + 1), v);
  }

  private augment(target: number): void {
    const n = this.n;
    this.deficit[target] = this.deficit[target]! - 1;
    let v = target;
    while (this.predNode[v]! !== -1) {
      const from = this.predNode[v]!;
      const k = this.predArc[v]!;
      const kind = this.predKind[v]!;
      if (kind === VIA_FORWARD) {
        this.arcUsed[k] = 1;
        this.assigned[v - n]!.push(k);
      } else if (kind === VIA_BACKWARD) {
        this.arcUsed[k] = 0;
        const list = this.assigned[from - n]!;
        list.splice(list.indexOf(k), 1);
      } else if (kind === VIA_UNMATCHED) this.unmatched[from] = this.unmatched[from]! + 1;
      else if (kind === VIA_SPARE) this.used[from - n] = this.used[from - n]! + 1;
      else if (kind === VIA_FREE_MENTOR) this.used[v - n] = this.used[v - n]! - 1;
      else this.unmatched[v] = this.unmatched[v]! - 1;
      v = from;
    }
  }

  /**
   * Indexed binary min-heap on unique keys (distance × span + tie rank, the sink ranking first): inserts `val`, or
   * moves it up when it is already there with a larger key.
   */
  private push(key: number, val: number): void {
    const keys = this.heapKey;
    const vals = this.heapVal;
    const pos = this.heapPos;
    let i = pos[val]!;
    if (i < 0) i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      const pv = vals[parent]!;
      keys[i] = pk;
      vals[i] = pv;
      pos[pv] = i;
      i = parent;
    }
    keys[i] = key;
    vals[i] = val;
    pos[val] = i;
  }

  private pop(): number {
    const keys = this.heapKey;
    const vals = this.heapVal;
    const pos = this.heapPos;
    const top = vals[0]!;
    pos[top] = -1;
    const size = --this.heapSize;
    if (size === 0) return top;
    const lastKey = keys[size]!;
    const lastVal = vals[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1]! < keys[child]!) child++;
      const ck = keys[child]!;
      if (ck >= lastKey) break;
      const cv = vals[child]!;
      keys[i] = ck;
      vals[i] = cv;
      pos[cv] = i;
      i = child;
    }
    keys[i] = lastKey;
    vals[i] = lastVal;
    pos[lastVal] = i;
    return top;
  }
}
