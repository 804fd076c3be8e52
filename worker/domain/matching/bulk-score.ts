/**
 * Scoring a whole cohort fast: tags are interned to sorted integer arrays (and bitsets for small vocabularies),
 * availability is turned into real UTC minutes of the reference week once per person, and hard constraints become
 * per-row masks. The numbers are identical to scorePair's (scoreRow repeats combineScore's arithmetic, op for op, and a unit test compares the two on random cohorts); reasons are left to
 * scorePair, which callers run only for the pairs they show.
 */
import { utcWeekWindow } from "../availability";
import { attributeTotal } from "./score";
import type { Candidate, MatchContext, ProgramWeights } from "./types";
import { weekResolver } from "./week-cache";

interface Prepared {
  person: number;
  goals: Int32Array;
  expertise: Int32Array;
  languages: Int32Array;
  channels: Int32Array;
  /** Merged [start, end) minute offsets from the week's Monday 00:00Z, flattened. */
  free: Float64Array;
  /** The 4-hour blocks of the week `free` touches: blocks 0–20 as bits of the first word, 21–41 of the second. */
  blocks: [number, number];
  attributes: Int32Array;
  goalCount: number;
}

/** A cohort ready for fast scoring of mentee rows against every mentor. */
export interface Cohort {
  mentors: readonly Candidate[];
  mentees: readonly Candidate[];
  /**
   * Fills row[j] with the score of mentor j for mentee i (0 when blocked or nothing in common); returns how many are >
   * 0.
   */
  scoreRow(i: number, row: Uint8Array): number;
  /** Whether mentee i avoids, or is avoided by, some mentor of the cohort. */
  avoidedAny(i: number): boolean;
}

/** Prepares mentors and mentees (each list sorted as the caller wants rows and columns) for bulk scoring. */
export function prepareCohort(
  mentors: readonly Candidate[],
  mentees: readonly Candidate[],
  weights: ProgramWeights,
  ctx: MatchContext,
): Cohort {
  const topicTags = new Map<string, number>();
  const languageTags = new Map<string, number>();
  const channelTags = new Map<string, number>();
  const tags = new Map<string, number>();
  const people = new Map<string, number>();
  const attrKeys = Object.keys(weights.attributes).sort();
  const attrWeights = attrKeys.map((k) => weights.attributes[k]!);
  const attrTotal = attributeTotal(weights);
  const windowStart = utcWeekWindow(ctx.week).start;
  const inWeek = weekResolver(ctx.week);
  const intern = (map: Map<string, number>, list: readonly string[]) =>
    Int32Array.from(new Set(list.map((t) => internId(map, t)))).sort();
  const prep = (c: Candidate): Prepared => {
    const free = inWeek(c).flatMap((iv) => [(iv.start - windowStart) / 60_000, (iv.end - windowStart) / 60_000]);
    return {
      person: internId(people, c.id),
      goals: intern(topicTags, c.goals),
      expertise: intern(topicTags, c.expertise),
      languages: intern(languageTags, c.languages),
      channels: intern(channelTags, c.channels),
      free: Float64Array.from(free),
      blocks: blocksOf(free),
      attributes: Int32Array.from(attrKeys, (k) =>
        c.attributes?.[k] === undefined ? -1 : internId(tags, `${k}\u0000${c.attributes[k]}`),
      ),
      goalCount: new Set(c.goals).size,
    };
  };
  const mentorP = mentors.map(prep);
  const menteeP = mentees.map(prep);
  const mentorOpen = Uint8Array.from(mentors, (m) => (m.unavailable || m.capacity <= 0 ? 0 : 1));
  const forbidden = forbiddenMentors(mentors, mentees, ctx);
  const avoided = avoidedMentors(mentors, mentees);
  // Tag sets as bitsets (one row of `words` 32-bit words per person) when the vocabulary is small; sorted merges
  // otherwise.
  const goalBits = bitsets(menteeP, (p) => p.goals, topicTags.size);
  const expertiseBits = bitsets(mentorP, (p) => p.expertise, topicTags.size);
  const menteeLanguageBits = bitsets(menteeP, (p) => p.languages, languageTags.size);
  const mentorLanguageBits = bitsets(mentorP, (p) => p.languages, languageTags.size);
  const menteeChannelBits = bitsets(menteeP, (p) => p.channels, channelTags.size);
  const mentorChannelBits = bitsets(mentorP, (p) => p.channels, channelTags.size);
  // combineScore, unrolled with the same operations in the same order (so the same numbers): the weights and each
  // mentee's goal part per number of shared goals are computed once, not once per pair.
  const sum = weights.goals + weights.languages + weights.availability + weights.channels + attrTotal;
  const fullMinutes = weights.hoursForFull * 60;
  const goalParts = menteeP.map((e) => {
    const den = Math.max(1, Math.min(e.goalCount, weights.goalsForFull));
    return Float64Array.from({ length: e.goals.length + 1 }, (_, shared) =>
      e.goalCount === 0 ? weights.goals * 0 : weights.goals * Math.min(1, shared / den),
    );
  });
  const availabilityOf = (minutes: number) =>
    fullMinutes > 0 ? Math.min(1, minutes / fullMinutes) : minutes > 0 ? 1 : 0;
  // Overlap past this many minutes scores the same (full marks), so counting stops there.
  const enough = fullMinutes > 0 ? fullMinutes : Number.MIN_VALUE;
  const openMentors = Int32Array.from(mentors.flatMap((_, j) => (mentorOpen[j] === 1 ? [j] : [])));
  const mentorBlocks = Int32Array.from(mentorP.flatMap((p) => p.blocks));

  const scoreRow = (i: number, row: Uint8Array): number => {
    row.fill(0);
    const e = menteeP[i]!;
    if (mentees[i]!.unavailable || sum <= 0) return 0;
    const skip = forbidden[i]!;
    for (const j of skip) mentorOpen[j] = mentorOpen[j]! | 2;
    const goalPart = goalParts[i]!;
    // One-word tag sets (up to 32 languages or channels, the usual case) are compared inline.
    const languageWord = oneWord(menteeLanguageBits, mentorLanguageBits) ? menteeLanguageBits!.bits[i]! : -1;
    const channelWord = oneWord(menteeChannelBits, mentorChannelBits) ? menteeChannelBits!.bits[i]! : -1;
    // Goals against expertise in two words (33 to 64 topics) likewise.
    const twoGoalWords = goalBits !== null && expertiseBits !== null && goalBits.words === 2;
    const goalLow = twoGoalWords ? goalBits.bits[2 * i]! : 0;
    const goalHigh = twoGoalWords ? goalBits.bits[2 * i + 1]! : 0;
    const expertise = expertiseBits?.bits;
    const mentorLanguages = mentorLanguageBits?.bits;
    const mentorChannels = mentorChannelBits?.bits;
    const [blockLow, blockHigh] = e.blocks;
    let positive = 0;
    for (let q = 0; q < openMentors.length; q++) {
      const j = openMentors[q]!;
      if (mentorOpen[j] !== 1) continue;
      const m = mentorP[j]!;
      if (m.person === e.person) continue;
      const sharedLanguages =
        languageWord >= 0
          ? popcount(languageWord & mentorLanguages![j]!)
          : menteeLanguageBits
            ? sharedBits(menteeLanguageBits, i, mentorLanguageBits!, j)
            : countShared(e.languages, m.languages);
      if (weights.mustShareLanguage && sharedLanguages === 0) continue;
      let attributePoints = 0;
      for (let a = 0; a < attrWeights.length; a++)
        if (e.attributes[a]! >= 0 && e.attributes[a] === m.attributes[a]) attributePoints += attrWeights[a]!;
      const sharedGoals = twoGoalWords
        ? popcount(goalLow & expertise![2 * j]!) + popcount(goalHigh & expertise![2 * j + 1]!)
        : goalBits
          ? sharedBits(goalBits, i, expertiseBits!, j)
          : countShared(e.goals, m.expertise);
      const sharedChannels =
        channelWord >= 0
          ? popcount(channelWord & mentorChannels![j]!)
          : menteeChannelBits
            ? sharedBits(menteeChannelBits, i, mentorChannelBits!, j)
            : countShared(e.channels, m.channels);
      const points =
        goalPart[sharedGoals]! +
        weights.languages * (sharedLanguages > 0 ? 1 : 0) +
        weights.availability *
          availabilityOf(
            // No 4-hour block free for both: no minute either, without merging the two lists.
            ((blockLow & mentorBlocks[2 * j]!) | (blockHigh & mentorBlocks[2 * j + 1]!)) === 0
              ? 0
              : overlap(e.free, m.free, enough),
          ) +
        weights.channels * (sharedChannels > 0 ? 1 : 0) +
        attributePoints;
      const s = Math.max(0, Math.min(100, Math.round((100 * points) / sum)));
      row[j] = s;
      if (s > 0) positive++;
    }
    for (const j of skip) mentorOpen[j] = mentorOpen[j]! & 1;
    return positive;
  };
  return { mentors, mentees, scoreRow, avoidedAny: (i) => avoided[i]! };
}

function internId(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
}

function forbiddenMentors(mentors: readonly Candidate[], mentees: readonly Candidate[], ctx: MatchContext): number[][] {
  const mentorIdx = indexById(mentors);
  const menteeIdx = indexById(mentees);
  const out: number[][] = mentees.map(() => []);
  const forbid = (mentor: string, mentee: string) => {
    const j = mentorIdx.get(mentor);
    const i = menteeIdx.get(mentee);
    if (j !== undefined && i !== undefined) out[i]!.push(j);
  };
  for (const e of mentees) for (const id of e.avoid) forbid(id, e.id);
  for (const m of mentors) for (const id of m.avoid) forbid(m.id, id);
  for (const key of ctx.ended) {
    const [a, b] = key.split("\u0000") as [string, string];
    forbid(a, b);
    forbid(b, a);
  }
  return out;
}

function avoidedMentors(mentors: readonly Candidate[], mentees: readonly Candidate[]): boolean[] {
  const menteeIdx = indexById(mentees);
  const mentorIds = new Set(mentors.map((m) => m.id));
  const out = mentees.map((e) => e.avoid.some((id) => mentorIds.has(id)));
  for (const m of mentors) {
    for (const id of m.avoid) {
      const i = menteeIdx.get(id);
      if (i !== undefined) out[i] = true;
    }
  }
  return out;
}

function indexById(list: readonly Candidate[]): Map<string, number> {
  return new Map(list.map((c, i) => [c.id, i]));
}

/**
 * Bitsets are used up to this many 32-bit words per person (256 distinct tags in a category); larger vocabularies
 * merge.
 */
const MAX_WORDS = 8;

interface Bitsets {
  words: number;
  bits: Uint32Array;
}

function bitsets(list: readonly Prepared[], pick: (p: Prepared) => Int32Array, size: number): Bitsets | null {
  const words = Math.max(1, Math.ceil(size / 32));
  if (words > MAX_WORDS) return null;
  const bits = new Uint32Array(list.length * words);
  list.forEach((p, r) => {
    for (const t of pick(p)) {
      const w = r * words + (t >>> 5);
      bits[w] = bits[w]! | (1 << (t & 31));
    }
  });
  return { words, bits };
}

/** True when both sides' tag sets are one 32-bit word per person. */
function oneWord(x: Bitsets | null, y: Bitsets | null): boolean {
  return x !== null && y !== null && x.words === 1 && y.words === 1;
}

/** The number of bits set in a 32-bit word. */
function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** How many tags row a of `x` and row b of `y` (same vocabulary) have in common. */
function sharedBits(x: Bitsets, a: number, y: Bitsets, b: number): number {
  const words = x.words;
  const xs = x.bits;
  const ys = y.bits;
  if (words === 1) return popcount(xs[a]! & ys[b]!);
  if (words === 2) return popcount(xs[2 * a]! & ys[2 * b]!) + popcount(xs[2 * a + 1]! & ys[2 * b + 1]!);
  let n = 0;
  for (let w = 0, p = a * words, q = b * words; w < words; w++) n += popcount(xs[p + w]! & ys[q + w]!);
  return n;
}

function countShared(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Minutes in a block of `blocksOf` (4 hours: 42 blocks in a week). */
const BLOCK_MINUTES = 240;

/**
 * The 4-hour blocks of the week that flattened [start, end) minute intervals (within 0 … 10,080) reach into, as two
 * words of 21 bits. Two lists that share a minute share a block, so no shared block means no overlap.
 */
function blocksOf(free: readonly number[]): [number, number] {
  let low = 0;
  let high = 0;
  for (let k = 0; k + 1 < free.length; k += 2) {
    const first = Math.max(0, Math.floor(free[k]! / BLOCK_MINUTES));
    const last = Math.min(41, Math.ceil(free[k + 1]! / BLOCK_MINUTES) - 1);
    for (let b = first; b <= last; b++) {
      if (b < 21) low |= 1 << b;
      else high |= 1 << (b - 21);
    }
  }
  return [low, high];
}

/** Minutes both flattened interval lists cover, counted until they reach `enough` (then a number >= `enough`). */
function overlap(a: Float64Array, b: Float64Array, enough: number): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (end > start) {
      total += end - start;
      if (total >= enough) return total;
    }
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}
