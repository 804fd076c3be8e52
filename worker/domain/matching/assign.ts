/**
 * Whole-cohort assignment: the largest total score over allowed pairs (not blocked, score > 0) subject to every
 * mentor's capacity (group programs: the group size) and each mentee's wish for up to maxMentorsPerMentee mentors.
 *
 * Exactness with a sparse graph: scoring every pair is cheap (one byte each), but a flow network on all of them is not.
 * The solver first runs on each mentee's top `candidatesPerMentee` mentors, then checks every other pair against the
 * optimal potentials (reduced-cost test); pairs that could raise the total are added and the flow is repaired from
 * where it stands (only the mentees that got new pairs are routed again, see FlowSolver.reroute), until none can. The
 * final answer is therefore optimal for the full problem, not just the pruned one; `rounds` says how many solves that
 * took. Rows and columns are ordered by id, so the same people give the same answer in any input order.
 */
import { prepareCohort } from "./bulk-score";
import { FlowSolver } from "./min-cost-flow";
import { shortlist } from "./shortlist";
import type { Candidate, MatchContext, ProgramWeights } from "./types";

/** Limits of an assignment run. */
export interface AssignOptions {
  /** Mentors a mentee may get when they ask for more than one (1 unless the program allows more). */
  maxMentorsPerMentee: number;
  /** Mentors per mentee in the first sparse solve; more pairs are added only where they could help. */
  candidatesPerMentee: number;
  /**
   * Also give each mentor its best 2 × capacity + 2 mentees in the first graph (fewer extra solves; the result is the
   * same).
   */
  shortlistMentors: boolean;
}

export const DEFAULT_ASSIGN_OPTIONS: AssignOptions = {
  maxMentorsPerMentee: 1,
  candidatesPerMentee: 24,
  shortlistMentors: true,
};

/** One proposed pairing; call scorePair for its readable reasons. */
export interface ProposedPair {
  mentorId: string;
  menteeId: string;
  score: number;
}

/** Someone who got fewer partners than they could take, and why. */
export interface Unmatched {
  id: string;
  role: "mentor" | "mentee";
  reason: string;
}

/** The optimal assignment. */
export interface AssignResult {
  pairs: ProposedPair[];
  total: number;
  unmatched: Unmatched[];
  /** Sparse solves until no left-out pair could improve the total (1 = the first graph was enough). */
  rounds: number;
}

/** Finds the assignment with the largest total score that respects every hard constraint and capacity. */
export function assignCohort(
  mentorList: readonly Candidate[],
  menteeList: readonly Candidate[],
  weights: ProgramWeights,
  ctx: MatchContext,
  options: AssignOptions = DEFAULT_ASSIGN_OPTIONS,
): AssignResult {
  const mentors = [...mentorList].sort(byId);
  const mentees = [...menteeList].sort(byId);
  const n = mentees.length;
  const m = mentors.length;
  const cohort = prepareCohort(mentors, mentees, weights, ctx);
  const matrix = new Uint8Array(n * m);
  const compatible = new Int32Array(n);
  for (let i = 0; i < n; i++) compatible[i] = cohort.scoreRow(i, matrix.subarray(i * m, (i + 1) * m));
  const perMentor = options.shortlistMentors ? Int32Array.from(mentors, (c) => 2 * Math.max(0, c.capacity) + 2) : null;
  const { arcs, leftOut } = shortlist(matrix, n, m, options.candidatesPerMentee, perMentor);
  const wants = Int32Array.from(mentees, (e) =>
    e.unavailable ? 0 : Math.max(0, Math.min(e.wants ?? 1, options.maxMentorsPerMentee)),
  );
  const capacity = Int32Array.from(mentors, (c) => (c.unavailable ? 0 : Math.max(0, c.capacity)));
  const solver = new FlowSolver(n, m, wants, capacity);
  let grown: number[] = [];
  let rounds = 0;
  for (;;) {
    rounds++;
    const arcStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) arcStart[i + 1] = arcStart[i]! + arcs[i]!.length;
    const arcMentor = new Int32Array(arcStart[n]!);
    const arcScore = new Int32Array(arcStart[n]!);
    for (let i = 0, k = 0; i < n; i++) {
      for (const j of arcs[i]!) {
        arcMentor[k] = j;
        arcScore[k++] = matrix[i * m + j]!;
      }
    }
    solver.setArcs(arcStart, arcMentor, arcScore);
    if (rounds === 1) solver.solveAll(strongestFirst(arcStart, arcScore, n));
    else solver.reroute(grown);
    const solution = solver.solution();
    grown = addImprovingPairs(matrix, arcs, leftOut, solution.potential, n, m);
    if (grown.length === 0) {
      const pairs: ProposedPair[] = [];
      for (let i = 0; i < n; i++) {
        for (let k = arcStart[i]!; k < arcStart[i + 1]!; k++) {
          if (solution.arcUsed[k])
            pairs.push({ mentorId: mentors[arcMentor[k]!]!.id, menteeId: mentees[i]!.id, score: arcScore[k]! });
        }
      }
      return {
        pairs,
        total: solution.total,
        unmatched: explainUnmatched(mentors, mentees, pairs, wants, compatible, cohort.avoidedAny, matrix),
        rounds,
      };
    }
  }
}

/**
 * Mentees by best listed score, highest first (ties by index). Routing strong mentees first means that when mentors
 * fill up, the later (weaker) mentees mostly find "unmatched" as their cheapest option at once instead of pushing long
 * chains of others aside: far fewer nodes settled, the same optimum.
 */
function strongestFirst(arcStart: Int32Array, arcScore: Int32Array, n: number): Int32Array {
  const best = new Int32Array(n);
  for (let i = 0; i < n; i++)
    for (let k = arcStart[i]!; k < arcStart[i + 1]!; k++) best[i] = Math.max(best[i]!, arcScore[k]!);
  return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => best[b]! - best[a]! || a - b);
}

function byId(a: Candidate, b: Candidate): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Adds every left-out positive pair whose reduced cost is negative; returns the mentees (ascending) that got new pairs.
 */
function addImprovingPairs(
  matrix: Uint8Array,
  arcs: number[][],
  leftOut: Uint8Array,
  potential: Float64Array,
  n: number,
  m: number,
): number[] {
  // Mentors by potential, highest first: a pair (i, j) can improve only if score > pot[i] − pot[j], and no left-out
  // score of row i exceeds leftOut[i], so a row's walk stops at the first mentor with leftOut[i] + pot[j] <= pot[i].
  const byPotential = Int32Array.from({ length: m }, (_, j) => j).sort(
    (a, b) => potential[n + b]! - potential[n + a]! || a - b,
  );
  const mentorPot = Float64Array.from(byPotential, (j) => potential[n + j]!);
  const listed = new Uint8Array(m);
  const grown: number[] = [];
  for (let i = 0; i < n; i++) {
    const bound = leftOut[i]!;
    const pi = potential[i]!;
    if (bound === 0 || bound + mentorPot[0]! <= pi) continue;
    const list = arcs[i]!;
    for (const j of list) listed[j] = 1;
    const base = i * m;
    let extra: number[] | null = null;
    for (let q = 0; q < m && bound + mentorPot[q]! > pi; q++) {
      const j = byPotential[q]!;
      const s = matrix[base + j]!;
      if (s > 0 && !listed[j] && s > pi - mentorPot[q]!) {
        extra ??= [];
        extra.push(j);
      }
    }
    for (const j of list) listed[j] = 0;
    if (extra) {
      arcs[i] = [...list, ...extra].sort((a, b) => a - b);
      grown.push(i);
    }
  }
  return grown;
}

function explainUnmatched(
  mentors: readonly Candidate[],
  mentees: readonly Candidate[],
  pairs: readonly ProposedPair[],
  wants: Int32Array,
  compatible: Int32Array,
  avoidedAny: (i: number) => boolean,
  matrix: Uint8Array,
): Unmatched[] {
  const got = new Map<string, number>();
  for (const p of pairs) {
    got.set(p.menteeId, (got.get(p.menteeId) ?? 0) + 1);
    got.set(`mentor:${p.mentorId}`, (got.get(`mentor:${p.mentorId}`) ?? 0) + 1);
  }
  const out: Unmatched[] = [];
  mentees.forEach((e, i) => {
    const have = got.get(e.id) ?? 0;
    if (e.unavailable) out.push({ id: e.id, role: "mentee", reason: "mentee is unavailable" });
    else if (have >= wants[i]!) return;
    else if (compatible[i] === 0)
      out.push({
        id: e.id,
        role: "mentee",
        reason: avoidedAny(i) ? "no compatible mentor (avoid list rules some out)" : "no compatible mentor",
      });
    else if (have > 0)
      out.push({
        id: e.id,
        role: "mentee",
        reason: `wanted ${wants[i]} mentors, got ${have}: other compatible mentors are full`,
      });
    else out.push({ id: e.id, role: "mentee", reason: "compatible mentors are full" });
  });
  const m = mentors.length;
  mentors.forEach((c, j) => {
    const have = got.get(`mentor:${c.id}`) ?? 0;
    if (c.unavailable) out.push({ id: c.id, role: "mentor", reason: "mentor is unavailable" });
    else if (c.capacity <= 0) out.push({ id: c.id, role: "mentor", reason: "mentor has no capacity left" });
    else if (have > 0) return;
    else if (mentees.some((_, i) => matrix[i * m + j]! > 0))
      out.push({ id: c.id, role: "mentor", reason: "compatible mentees fit better elsewhere" });
    else out.push({ id: c.id, role: "mentor", reason: "no compatible mentee" });
  });
  return out;
}
