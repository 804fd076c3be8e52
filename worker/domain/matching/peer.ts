/**
 * Peer programs: everyone is in one pool and each person is both mentor and mentee to their partner, so a pair's score
 * is the smaller of scorePair in the two directions (a pair is only as good as its weaker side) and a pair blocked
 * either way, or scoring 0, is not allowed. Each person is in at most one pair.
 *
 * This is a documented heuristic, not an exact maximum-weight matching: a greedy pass takes pairs by descending score
 * (ties by the people's id order), then a local search repeatedly re-pairs any two "units" (a pair or an unmatched
 * person) into the better of the two other ways of pairing their two-to-four people — which covers 2-opt swaps between
 * pairs, moving an unmatched person into a pair, and pairing two unmatched people — taking the first improving move in
 * id order until a whole pass finds none. Every move raises the integer total, so it terminates, and the result is
 * never worse than greedy. The remaining gap to the exhaustive optimum on small pools is measured by `npm run
 * bench:matching`. People are ordered by id, so the same pool gives the same answer in any input order.
 */
import { prepareCohort } from "./bulk-score";
import type { Candidate, MatchContext, ProgramWeights } from "./types";

/** A proposed peer pair (ids in ascending order); call scorePair both ways for readable reasons. */
export interface PeerPair {
  a: string;
  b: string;
  score: number;
}

/** Someone left without a peer, and why. */
export interface PeerUnmatched {
  id: string;
  reason: string;
}

/** The peer matching found. */
export interface PeerResult {
  pairs: PeerPair[];
  total: number;
  unmatched: PeerUnmatched[];
  /** Local-search passes over every pair of units (0 when improvement is off). */
  passes: number;
}

/** How a peer matching run works. */
export interface PeerOptions {
  /** Run the local search after the greedy pass (false gives plain greedy, for comparison). */
  improve: boolean;
}

export const DEFAULT_PEER_OPTIONS: PeerOptions = { improve: true };

/** Pairs up a peer pool for a large total score: greedy by score, then local improvement until no move helps. */
export function matchPeers(
  pool: readonly Candidate[],
  weights: ProgramWeights,
  ctx: MatchContext,
  opts: PeerOptions = DEFAULT_PEER_OPTIONS,
): PeerResult {
  const people = [...pool].sort(byId);
  const n = people.length;
  const w = peerScores(people, weights, ctx);
  const mate = greedyPeers(w, n);
  const passes = opts.improve ? improvePeers(w, n, mate) : 0;
  const pairs: PeerPair[] = [];
  const unmatched: PeerUnmatched[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = mate[i]!;
    if (j > i) {
      const score = w[i * n + j]!;
      pairs.push({ a: people[i]!.id, b: people[j]!.id, score });
      total += score;
    } else if (j < 0)
      unmatched.push({ id: people[i]!.id, reason: unmatchedReason(people[i]!, w.subarray(i * n, (i + 1) * n)) });
  }
  return { pairs, total, unmatched, passes };
}

/**
 * The n × n symmetric matrix of peer scores for people in the given order: min of both directions, 0 when either is
 * blocked.
 */
export function peerScores(people: readonly Candidate[], weights: ProgramWeights, ctx: MatchContext): Uint8Array {
  const n = people.length;
  const cohort = prepareCohort(people, people, weights, ctx);
  const w = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) cohort.scoreRow(i, w.subarray(i * n, (i + 1) * n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.min(w[i * n + j]!, w[j * n + i]!);
      w[i * n + j] = v;
      w[j * n + i] = v;
    }
  }
  return w;
}

/**
 * Greedy matching on a symmetric score matrix: pairs by descending score, ties by (lower index, higher index); returns
 * mates (-1 = none).
 */
export function greedyPeers(w: Uint8Array, n: number): Int32Array {
  const count = new Int32Array(257);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = w[i * n + j]!;
      count[s] = count[s]! + 1;
    }
  }
  const start = new Int32Array(257);
  let at = 0;
  for (let s = 255; s >= 1; s--) {
    start[s] = at;
    at += count[s]!;
  }
  const order = new Uint32Array(at);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = w[i * n + j]!;
      if (s === 0) continue;
      const k = start[s]!;
      order[k] = i * n + j;
      start[s] = k + 1;
    }
  }
  const mate = new Int32Array(n).fill(-1);
  let free = n;
  for (let k = 0; k < order.length && free >= 2; k++) {
    const i = Math.floor(order[k]! / n);
    const j = order[k]! % n;
    if (mate[i]! >= 0 || mate[j]! >= 0) continue;
    mate[i] = j;
    mate[j] = i;
    free -= 2;
  }
  return mate;
}

/** Local search on mates in place: re-pairs two units while that raises the total; returns the passes made. */
export function improvePeers(w: Uint8Array, n: number, mate: Int32Array): number {
  const score = (x: number, y: number) => (x < 0 || y < 0 ? 0 : w[x * n + y]!);
  const join = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && w[x * n + y]! > 0) {
      mate[x] = y;
      mate[y] = x;
    } else {
      if (x >= 0) mate[x] = -1;
      if (y >= 0) mate[y] = -1;
    }
  };
  const leads = (x: number) => mate[x]! < 0 || x < mate[x]!;
  let passes = 0;
  for (let improved = true; improved; ) {
    improved = false;
    passes++;
    for (let a = 0; a < n; a++) {
      let moved = true;
      while (moved && leads(a)) {
        moved = false;
        const b = mate[a]!;
        const own = score(a, b);
        for (let c = 0; c < n; c++) {
          if (c === a || c === b || !leads(c)) continue;
          const d = mate[c]!;
          const now = own + score(c, d);
          const cross = score(a, c) + score(b, d);
          const swap = score(a, d) + score(b, c);
          if (cross <= now && swap <= now) continue;
          if (cross >= swap) {
            join(a, c);
            join(b, d);
          } else {
            join(a, d);
            join(b, c);
          }
          moved = true;
          improved = true;
          break;
        }
      }
    }
  }
  return passes;
}

function unmatchedReason(c: Candidate, row: Uint8Array): string {
  if (c.unavailable) return "unavailable";
  if (c.capacity <= 0) return "has no capacity left";
  if (!row.some((s) => s > 0))
    return c.avoid.length > 0 ? "no compatible peer (avoid list rules some out)" : "no compatible peer";
  return "compatible peers are paired with others";
}

function byId(a: Candidate, b: Candidate): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
