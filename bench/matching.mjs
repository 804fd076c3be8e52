/**
 * Matching benchmark (`npm run bench:matching`, run through tsx so it can import the TypeScript domain code).
 * Generates seeded programs of 100, 1,000, 2,000 (one Worker request) and 10,000 mentees with a quarter as many mentors
 * (capacity 1–5), and runs the whole-cohort optimiser for each size in a fresh process: one cold run, then RUNS warm
 * runs (default 5), printing the median and range of the warm runs, their median CPU time (the machine may be shared),
 * peak RSS, heap and total score. The goal, on
 * 10,000 × 2,500 with default settings: median < 2.5 s and peak RSS < 500 MB. Then 50,000 mentees × 10,000 mentors (LARGE_RUNS runs
 * after no warm-up, default 1: it scores 500 million pairs) is measured and printed without a goal; LARGE=0 skips it.
 * Then checks the optimiser against the exhaustive optimum on small random instances and prints the gap (any gap
 * fails). Peer pools: times the peer heuristic (greedy + local search) on 1,000 and 5,000 people and prints its gap,
 * and plain greedy's, to the exhaustive optimum on 300 pools of 2–10 people.
 * Exits 1 when a time or memory goal is missed, 2 when the exact optimiser misses an optimum. Options (environment): RUNS (5),
 * SIZES ("100,1000,2000,10000"), LARGE (1), LARGE_RUNS (1).
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { assignCohort, DEFAULT_ASSIGN_OPTIONS } from "../worker/domain/matching/assign.ts";
import { bruteForceBest, bruteForcePeers } from "../worker/domain/matching/brute-force.ts";
import { matchPeers } from "../worker/domain/matching/peer.ts";
import { scorePair } from "../worker/domain/matching/score.ts";
import { DEFAULT_WEIGHTS, endedPairs } from "../worker/domain/matching/types.ts";
import { rng, ZONES } from "./fixtures.mjs";

const WEEK = "2026-03-23";
const TAGS = Array.from({ length: 60 }, (_, i) => `topic-${i}`);
const LANGUAGES = ["english", "spanish", "french", "german", "portuguese", "hindi", "arabic", "mandarin"];
const CHANNELS = ["video", "phone", "chat", "in person", "email"];

function person(rand, id, role, people) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const some = (list, lo, hi) => {
    const out = new Set();
    const count = int(lo, hi);
    while (out.size < Math.min(count, list.length)) out.add(list[int(0, list.length - 1)]);
    return [...out];
  };
  const languages = rand() < 0.7 ? ["english", ...some(LANGUAGES, 0, 1)] : some(LANGUAGES, 1, 2);
  const availability = [];
  for (const day of some([0, 1, 2, 3, 4, 5, 6], 1, 4)) {
    const start = int(14, 42) * 30;
    availability.push({ day, start, end: start + int(2, 6) * 30 });
  }
  return {
    id,
    goals: role !== "mentor" ? some(TAGS, 1, 5) : [],
    expertise: role !== "mentee" ? some(TAGS, 2, 8) : [],
    languages: [...new Set(languages)],
    channels: some(CHANNELS, 1, 3),
    timeZone: ZONES[int(0, ZONES.length - 1)],
    availability,
    capacity: role === "mentor" ? int(1, 5) : role === "peer" ? 1 : 0,
    unavailable: rand() < 0.03,
    avoid:
      rand() < 0.02 && people > 0
        ? [`${role === "peer" ? "p" : role === "mentor" ? "e" : "m"}${int(0, people - 1)}`]
        : [],
  };
}

/** A seeded program: `mentees` mentees and a quarter as many mentors. */
export function program(mentees, seed, mentorCount = Math.round(mentees / 4)) {
  const rand = rng(seed);
  const mentors = Math.max(1, mentorCount);
  return {
    mentors: Array.from({ length: mentors }, (_, j) => person(rand, `m${j}`, "mentor", mentees)),
    mentees: Array.from({ length: mentees }, (_, i) => person(rand, `e${i}`, "mentee", mentors)),
  };
}

/** A seeded peer pool of `size` people (everyone has goals and expertise, capacity 1). */
export function peerPool(size, seed) {
  const rand = rng(seed);
  return Array.from({ length: size }, (_, i) => person(rand, `p${i}`, "peer", size));
}

function runPeers(size) {
  const pool = peerPool(size, 4242 + size);
  const ctx = { week: WEEK, ended: endedPairs([["p0", "p1"]]) };
  const started = performance.now();
  const result = matchPeers(pool, DEFAULT_WEIGHTS, ctx);
  const ms = performance.now() - started;
  const greedyStarted = performance.now();
  const greedy = matchPeers(pool, DEFAULT_WEIGHTS, ctx, { improve: false });
  const greedyMs = performance.now() - greedyStarted;
  return {
    people: size,
    seconds: +(ms / 1000).toFixed(3),
    greedySeconds: +(greedyMs / 1000).toFixed(3),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    pairs: result.pairs.length,
    totalScore: result.total,
    greedyTotal: greedy.total,
    passes: result.passes,
  };
}

function peerGapVsBruteForce(instances) {
  const rand = rng(11);
  const out = {
    instances,
    optimalCount: 0,
    worstGap: 0,
    totalGap: 0,
    greedyWorstGap: 0,
    greedyTotalGap: 0,
    totalOptimum: 0,
  };
  for (let t = 0; t < instances; t++) {
    const n = 2 + Math.floor(rand() * 9);
    const pool = peerPool(n, 9000 + t).sort((x, y) => (x.id < y.id ? -1 : 1));
    const ctx = { week: WEEK, ended: new Set() };
    const peer = (x, y) => {
      const one = scorePair(x, y, DEFAULT_WEIGHTS, ctx);
      const other = scorePair(y, x, DEFAULT_WEIGHTS, ctx);
      return one.blocked || other.blocked ? 0 : Math.min(one.score, other.score);
    };
    const best = bruteForcePeers(pool.map((x) => pool.map((y) => (x.id === y.id ? 0 : peer(x, y)))));
    const gap = best - matchPeers(pool, DEFAULT_WEIGHTS, ctx).total;
    const greedyGap = best - matchPeers(pool, DEFAULT_WEIGHTS, ctx, { improve: false }).total;
    if (gap === 0) out.optimalCount++;
    out.worstGap = Math.max(out.worstGap, gap);
    out.totalGap += gap;
    out.greedyWorstGap = Math.max(out.greedyWorstGap, greedyGap);
    out.greedyTotalGap += greedyGap;
    out.totalOptimum += best;
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the optimiser on one size: `warmUp` untimed runs first, then `runs` timed; median and range in seconds. */
function runSize(size, runs, warmUp, mentorCount) {
  const { mentors, mentees } = program(size, 20260323 + size, mentorCount || undefined);
  const ctx = { week: WEEK, ended: endedPairs([["m0", "e0"]]) };
  let result = null;
  for (let i = 0; i < warmUp; i++)
    result = assignCohort(mentors, mentees, DEFAULT_WEIGHTS, ctx, DEFAULT_ASSIGN_OPTIONS);
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    result = assignCohort(mentors, mentees, DEFAULT_WEIGHTS, ctx, DEFAULT_ASSIGN_OPTIONS);
    const used = process.cpuUsage(cpuStarted);
    times.push((performance.now() - started) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  const usage = process.memoryUsage();
  return {
    mentees: size,
    mentors: mentors.length,
    seconds: +median(times).toFixed(3),
    min: +Math.min(...times).toFixed(3),
    max: +Math.max(...times).toFixed(3),
    runs,
    // CPU seconds of this process (the median run's figure is what the cohort costs when the cores are shared).
    cpuSeconds: +median(cpu).toFixed(3),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: Math.round(usage.heapUsed / 1048576),
    pairs: result.pairs.length,
    totalScore: result.total,
    unmatched: result.unmatched.filter((u) => u.role === "mentee").length,
    rounds: result.rounds,
  };
}

function gapVsBruteForce(instances) {
  const rand = rng(7);
  let worst = 0;
  let sumGap = 0;
  let optimum = 0;
  for (let t = 0; t < instances; t++) {
    const n = 2 + Math.floor(rand() * 7);
    const m = 1 + Math.floor(rand() * 5);
    const { mentors, mentees } = program(n, 1000 + t);
    const someMentors = mentors
      .concat(program(m * 4, 5000 + t).mentors.map((c) => ({ ...c, id: `x${c.id}` })))
      .slice(0, m);
    const ctx = { week: WEEK, ended: new Set() };
    const maxMentors = t % 3 === 0 ? 2 : 1;
    for (const [i, e] of mentees.entries()) e.wants = 1 + (i % 2);
    const scores = mentees.map((e) =>
      someMentors.map((c) => {
        const s = scorePair(c, e, DEFAULT_WEIGHTS, ctx);
        return s.blocked ? 0 : s.score;
      }),
    );
    const wants = mentees.map((e) => (e.unavailable ? 0 : Math.min(e.wants, maxMentors)));
    const capacity = someMentors.map((c) => (c.unavailable ? 0 : c.capacity));
    const best = bruteForceBest(scores, wants, capacity);
    const got = assignCohort(someMentors, mentees, DEFAULT_WEIGHTS, ctx, {
      maxMentorsPerMentee: maxMentors,
      candidatesPerMentee: 2,
      shortlistMentors: false,
    }).total;
    const gap = best - got;
    worst = Math.max(worst, gap);
    sumGap += gap;
    optimum += best;
  }
  return { instances, worstGap: worst, totalGap: sumGap, totalOptimum: optimum };
}

const self = fileURLToPath(import.meta.url);

/** Runs this script in a fresh process with `args` and returns the JSON row it prints. */
function inFreshProcess(args) {
  return JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, "--max-old-space-size=4096", self, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    }),
  );
}

/** Prints the peer-pool timings and the heuristic's gap to the exhaustive optimum. */
function printPeerSection() {
  console.log("Peer pools (greedy by score + 2-opt local search; a heuristic), one fresh process per size:");
  console.table([1000, 5000].map((s) => inFreshProcess(["peer", String(s)])));
  console.log("Peer heuristic vs exhaustive optimum (300 pools of 2–10 people; greedy alone for comparison):");
  console.table([peerGapVsBruteForce(300)]);
}

const RUNS = Math.max(5, Number(process.env.RUNS ?? 5));
const SIZES = (process.env.SIZES ?? "100,1000,2000,10000").split(",").map(Number);
const GOAL = { size: 10000, seconds: 2.5, peakRssMB: 500 };

const size = Number(process.argv[2]);
if (process.argv[2] === "peer") {
  process.stdout.write(JSON.stringify(runPeers(Number(process.argv[3]))));
} else if (process.argv[2] === "gap") {
  console.table([gapVsBruteForce(300)]);
  printPeerSection();
} else if (size > 0) {
  process.stdout.write(
    JSON.stringify(runSize(size, Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] ?? 0))),
  );
} else {
  console.log(
    `Whole-cohort optimiser (scoring every pair + exact min-cost flow), one fresh process per size, ${RUNS} warm runs after a cold one:`,
  );
  const rows = SIZES.map((s) => inFreshProcess([String(s), String(RUNS), "1"]));
  console.table(rows);
  let failed = false;
  const goal = rows.find((r) => r.mentees === GOAL.size);
  if (goal) {
    const fast = goal.seconds < GOAL.seconds;
    const small = goal.peakRssMB < GOAL.peakRssMB;
    console.log(
      `${fast ? "ok    " : "MISSED"} ${GOAL.size} x ${goal.mentors}: ${goal.seconds} s median of ${goal.runs} warm runs (range ${goal.min}–${goal.max} s) (goal < ${GOAL.seconds} s)`,
    );
    console.log(
      `       (CPU time of those runs: median ${goal.cpuSeconds} s; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: the wall-clock goal is for a quiet machine)`,
    );
    console.log(
      `${small ? "ok    " : "MISSED"} ${GOAL.size} x ${goal.mentors}: peak RSS ${goal.peakRssMB} MB (goal < ${GOAL.peakRssMB} MB)`,
    );
    failed ||= !fast || !small;
  }
  if ((process.env.LARGE ?? "1") !== "0") {
    const runs = Math.max(1, Number(process.env.LARGE_RUNS ?? 1));
    console.log(`50,000 x 10,000 (${runs} run${runs > 1 ? "s" : ""}, no warm-up; measured, no goal):`);
    console.table([inFreshProcess(["50000", String(runs), "0", "10000"])]);
  }
  console.log(
    "Exact optimiser vs exhaustive optimum (2–8 mentees, 1–5 mentors, capacities 1–5, some wanting 2 mentors):",
  );
  const gap = gapVsBruteForce(300);
  console.table([gap]);
  const inexact = gap.worstGap > 0;
  if (inexact) console.log("FAILED the exact optimiser fell short of the exhaustive optimum");
  printPeerSection();
  console.log(`bench:matching: ${failed ? "a goal was missed" : "every goal met"}`);
  process.exit(inexact ? 2 : failed ? 1 : 0);
}
