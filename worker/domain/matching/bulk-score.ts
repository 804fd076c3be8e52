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
import { SLOT_WORDS, sharedMinutes, slotsInto } from "./week-slots";

interface Prepared {
  person: number;
  // Small sorted id lists as plain arrays: a cohort holds five per person, and a typed array costs several times as much
  // memory as a short array (its buffer and backing store come on top), which a large cohort's peak memory feels.
  goals: number[];
  expertise: number[];
  languages: number[];
  channels: number[];
  /** Merged [start, end) minute offsets from the week's Monday 00:00Z, flattened. */
  free: Float64Array;
  /** The 4-hour blocks of the week `free` touches: blocks 0–20 as bits of the first word, 21–41 of the second. */
  blocks: [number, number];
  attributes: number[];
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
    [...new Set(list.map((t) => internId(map, t)))].sort((a, b) => a - b);
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
      attributes: attrKeys.map((k) =>
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
    return Array.from({ length: e.goals.length + 1 }, (_, shared) =>
      e.goalCount === 0 ? weights.goals * 0 : weights.goals * Math.min(1, shared / den),
    );
  });
  const availabilityOf = (minutes: number) =>
    fullMinutes > 0 ? Math.min(1, minutes / fullMinutes) : minutes > 0 ? 1 : 0;
  // Overlap past this many minutes scores the same (full marks), so counting stops there.
  const enough = fullMinutes > 0 ? fullMinutes : Number.MIN_VALUE;
  const openMentors = Int32Array.from(mentors.flatMap((_, j) => (mentorOpen[j] === 1 ? [j] : [])));
  const mentorBlocks = Int32Array.from(mentorP.flatMap((p) => p.blocks));
  // Per-mentor facts the inner loop reads, as flat typed arrays (no object loads per pair).
  const mentorPerson = Int32Array.from(mentorP, (p) => p.person);
  const mentorFree = flatten(mentorP.map((p) => p.free));
  // Quarter-hour bitmaps (week-slots.ts) in one flat array per side, and whether each person's hours have one.
  const mentorSlots = new Uint32Array(SLOT_WORDS * mentors.length);
  const mentorOnSlots = Uint8Array.from(mentorP, (p, j) => (slotsInto(p.free, mentorSlots, SLOT_WORDS * j) ? 1 : 0));
  const menteeSlots = new Uint32Array(SLOT_WORDS * mentees.length);
  const menteeOnSlots = Uint8Array.from(menteeP, (p, i) => (slotsInto(p.free, menteeSlots, SLOT_WORDS * i) ? 1 : 0));
  const noAttributes = attrWeights.length === 0;
  // Scores when no minute is shared, per (shared goals, shares a language, shares a channel): the same operations as
  // below with an availability part of 0 (x + 0 is x), so the same bytes.
  const zeroTable = new Uint8Array(4 * 65);
  const toByte = (points: number) => Math.max(0, Math.min(100, Math.round((100 * points) / sum)));

  const headTable = new Float64Array(2 * 65);
  // The usual shape (one word of languages and of channels, up to 64 topics, no program attributes) takes fastRow.
  const fast: FastRow | null =
    noAttributes &&
    goalBits !== null &&
    expertiseBits !== null &&
    goalBits.words <= 2 &&
    oneWord(menteeLanguageBits, mentorLanguageBits) &&
    oneWord(menteeChannelBits, mentorChannelBits)
      ? {
          openMentors,
          mentorOpen,
          mentorPerson,
          mentorLanguages: mentorLanguageBits!.bits,
          mentorChannels: mentorChannelBits!.bits,
          goals: twoWords(goalBits),
          expertise: twoWords(expertiseBits),
          mentorBlocks,
          freeStarts: mentorFree.starts,
          freeValues: mentorFree.values,
          mentorSlots,
          mentorOnSlots,
          zeroTable,
          headTable,
          availability: weights.availability,
          channels: weights.channels,
          fullMinutes,
          enough,
          sum,
          mustShareLanguage: weights.mustShareLanguage,
        }
      : null;

  const scoreRow = (i: number, row: Uint8Array): number => {
    row.fill(0);
    const e = menteeP[i]!;
    if (mentees[i]!.unavailable || sum <= 0) return 0;
    const skip = forbidden[i]!;
    for (const j of skip) mentorOpen[j] = mentorOpen[j]! | 2;
    const goalPart = goalParts[i]!;
    if (noAttributes) {
      for (let g = 0; g < Math.min(goalPart.length, 65); g++) {
        for (let l = 0; l < 2; l++) {
          const head = goalPart[g]! + weights.languages * l;
          for (let c = 0; c < 2; c++) zeroTable[4 * g + 2 * l + c] = toByte(head + weights.channels * c);
        }
      }
    }
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
    const person = e.person;
    const free = e.free;
    const freeStarts = mentorFree.starts;
    const freeValues = mentorFree.values;
    const mustShareLanguage = weights.mustShareLanguage;
    if (fast !== null && languageWord >= 0 && channelWord >= 0) {
      for (let g = 0; g < Math.min(goalPart.length, 65); g++)
        for (let l = 0; l < 2; l++) headTable[2 * g + l] = goalPart[g]! + weights.languages * l;
      const positive = fastRow(
        row,
        fast,
        person,
        languageWord,
        channelWord,
        fast.goals[2 * i]!,
        fast.goals[2 * i + 1]!,
        blockLow,
        blockHigh,
        free,
        menteeOnSlots[i] === 1 ? menteeSlots : null,
        SLOT_WORDS * i,
      );
      for (const j of skip) mentorOpen[j] = mentorOpen[j]! & 1;
      return positive;
    }
    let positive = 0;
    for (let q = 0; q < openMentors.length; q++) {
      const j = openMentors[q]!;
      if (mentorOpen[j] !== 1 || mentorPerson[j] === person) continue;
      const language =
        languageWord >= 0
          ? (languageWord & mentorLanguages![j]!) !== 0
          : menteeLanguageBits
            ? sharedBits(menteeLanguageBits, i, mentorLanguageBits!, j) > 0
            : countShared(e.languages, mentorP[j]!.languages) > 0;
      if (mustShareLanguage && !language) continue;
      const sharedGoals = twoGoalWords
        ? popcount(goalLow & expertise![2 * j]!) + popcount(goalHigh & expertise![2 * j + 1]!)
        : goalBits
          ? sharedBits(goalBits, i, expertiseBits!, j)
          : countShared(e.goals, mentorP[j]!.expertise);
      const channel =
        channelWord >= 0
          ? (channelWord & mentorChannels![j]!) !== 0
          : menteeChannelBits
            ? sharedBits(menteeChannelBits, i, mentorChannelBits!, j) > 0
            : countShared(e.channels, mentorP[j]!.channels) > 0;
      // No 4-hour block free for both: no minute either, without merging the two lists.
      const apart = ((blockLow & mentorBlocks[2 * j]!) | (blockHigh & mentorBlocks[2 * j + 1]!)) === 0;
      let s: number;
      if (apart && noAttributes && sharedGoals <= 64) {
        s = zeroTable[4 * sharedGoals + (language ? 2 : 0) + (channel ? 1 : 0)]!;
      } else {
        let attributePoints = 0;
        const m = mentorP[j]!;
        for (let a = 0; a < attrWeights.length; a++)
          if (e.attributes[a]! >= 0 && e.attributes[a] === m.attributes[a]) attributePoints += attrWeights[a]!;
        const minutes = apart ? 0 : overlap(free, freeValues, freeStarts[j]!, freeStarts[j + 1]!, enough);
        const points =
          goalPart[sharedGoals]! +
          weights.languages * (language ? 1 : 0) +
          weights.availability * availabilityOf(minutes) +
          weights.channels * (channel ? 1 : 0) +
          attributePoints;
        s = toByte(points);
      }
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

function bitsets(list: readonly Prepared[], pick: (p: Prepared) => readonly number[], size: number): Bitsets | null {
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

function countShared(a: readonly number[], b: readonly number[]): number {
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

/** Float64Arrays laid end to end: list k is values[starts[k] .. starts[k + 1]). */
function flatten(lists: readonly Float64Array[]): { starts: Int32Array; values: Float64Array } {
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, k) => {
    starts[k + 1] = starts[k]! + list.length;
  });
  const values = new Float64Array(starts[lists.length]!);
  for (const [k, list] of lists.entries()) values.set(list, starts[k]!);
  return { starts, values };
}

/**
 * Minutes both flattened interval lists (`a`, and b[from .. to)) cover, counted until they reach `enough` (then a
 * number >= `enough`).
 */
function overlap(a: Float64Array, b: Float64Array, from: number, to: number, enough: number): number {
  let i = 0;
  let j = from;
  let total = 0;
  while (i < a.length && j < to) {
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

/** Everything fastRow reads, fixed for a cohort (zeroTable and headTable are refilled per mentee). */
interface FastRow {
  openMentors: Int32Array;
  mentorOpen: Uint8Array;
  mentorPerson: Int32Array;
  mentorLanguages: Uint32Array;
  mentorChannels: Uint32Array;
  goals: Uint32Array;
  expertise: Uint32Array;
  mentorBlocks: Int32Array;
  freeStarts: Int32Array;
  freeValues: Float64Array;
  /** Mentors' quarter-hour bitmaps (SLOT_WORDS words each) and whether each has one. */
  mentorSlots: Uint32Array;
  mentorOnSlots: Uint8Array;
  /** Score bytes with no shared minute, at 4 × shared goals + 2 × language + channel. */
  zeroTable: Uint8Array;
  /** goal part + language part, at 2 × shared goals + language. */
  headTable: Float64Array;
  availability: number;
  channels: number;
  fullMinutes: number;
  enough: number;
  sum: number;
  mustShareLanguage: boolean;
}

/**
 * scoreRow for the usual shape, on typed arrays only: the same operations as the general loop (goal + language parts,
 * then availability, then channels), so the same bytes. Returns how many scores are > 0.
 */
function fastRow(
  row: Uint8Array,
  f: FastRow,
  person: number,
  languageWord: number,
  channelWord: number,
  goalLow: number,
  goalHigh: number,
  blockLow: number,
  blockHigh: number,
  free: Float64Array,
  slots: Uint32Array | null,
  slotsAt: number,
): number {
  const { openMentors, mentorOpen, mentorPerson, mentorLanguages, mentorChannels, expertise, mentorBlocks } = f;
  const { freeStarts, freeValues, zeroTable, headTable, availability, channels, fullMinutes, enough, sum } = f;
  const { mentorSlots, mentorOnSlots } = f;
  const mustShareLanguage = f.mustShareLanguage;
  let positive = 0;
  for (let q = 0; q < openMentors.length; q++) {
    const j = openMentors[q]!;
    if (mentorOpen[j] !== 1 || mentorPerson[j] === person) continue;
    const language = (languageWord & mentorLanguages[j]!) !== 0 ? 1 : 0;
    if (mustShareLanguage && language === 0) continue;
    const goals = popcount(goalLow & expertise[2 * j]!) + popcount(goalHigh & expertise[2 * j + 1]!);
    const channel = (channelWord & mentorChannels[j]!) !== 0 ? 1 : 0;
    let s: number;
    const low = blockLow & mentorBlocks[2 * j]!;
    const high = blockHigh & mentorBlocks[2 * j + 1]!;
    if ((low | high) === 0) {
      s = zeroTable[4 * goals + 2 * language + channel]!;
    } else {
      // Quarter-hour bitmaps where both have one (the same minutes, counted in full where the merge stops at enough:
      // either way the share is 1 from there).
      const minutes =
        slots !== null && mentorOnSlots[j] === 1
          ? sharedMinutes(slots, slotsAt, mentorSlots, SLOT_WORDS * j, low, high)
          : overlap(free, freeValues, freeStarts[j]!, freeStarts[j + 1]!, enough);
      const share = fullMinutes > 0 ? Math.min(1, minutes / fullMinutes) : minutes > 0 ? 1 : 0;
      const points = headTable[2 * goals + language]! + availability * share + channels * channel + 0;
      s = Math.max(0, Math.min(100, Math.round((100 * points) / sum)));
    }
    row[j] = s;
    if (s > 0) positive++;
  }
  return positive;
}

/** Tag bitsets of up to two words as exactly two words per person (the second 0 for one-word vocabularies). */
function twoWords(b: Bitsets): Uint32Array {
  if (b.words === 2) return b.bits;
  const out = new Uint32Array(2 * (b.bits.length / b.words));
  for (let r = 0; r < b.bits.length; r++) out[2 * r] = b.bits[r]!;
  return out;
}
