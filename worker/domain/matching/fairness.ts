/**
 * The matching fairness report: for each role, how many people were matched and how good their matches are (each
 * person's best score), overall and by group — time zone region, language, and each of the program's own attributes —
 * with a flag where a group is clearly worse off than everyone in that role, so a coordinator can see if some group
 * gets worse matches. Pure: the caller loads the people and their scores.
 */

export const fairnessRoles = ["mentee", "mentor", "peer"] as const;
export type FairnessRole = (typeof fairnessRoles)[number];

/** One person in one role, with the scores of their matches. */
export interface FairnessPerson {
  id: string;
  role: FairnessRole;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
  languages: readonly string[];
  /** Answers to the program's attributes ({ department: "finance" }); missing or blank means "not given". */
  attributes: Readonly<Record<string, string>>;
  /** One entry per match (none: unmatched); null for a match whose score was not recorded. */
  scores: readonly (number | null)[];
}

/** What the report breaks down by and when it flags a group. */
export interface FairnessOptions {
  /** The program's attributes, in the order to show them. */
  attributes: readonly { key: string; label: string }[];
  /** Groups shown per breakdown before the rest are merged into "others". */
  maxGroups: number;
  /** Groups with fewer people are shown but not compared. */
  minPeople: number;
  /** Flag a group whose mean best score is this many points or more below the role's. */
  meanGap: number;
  /** Flag a group whose share matched is this many percentage points or more below the role's. */
  shareGap: number;
}

export const DEFAULT_FAIRNESS_OPTIONS: FairnessOptions = {
  attributes: [],
  maxGroups: 15,
  minPeople: 3,
  meanGap: 10,
  shareGap: 15,
};

/** Min, median and mean of some scores (null when there are none); the mean is rounded to one decimal. */
export interface ScoreStats {
  min: number | null;
  median: number | null;
  mean: number | null;
}

/** How a set of people fared. */
export interface Stats extends ScoreStats {
  people: number;
  matched: number;
  /** Percent of people matched (0–100, unrounded), null when there is nobody. */
  share: number | null;
  /** Matched people with a recorded score (the scores the statistics are over). */
  scored: number;
}

export const NOT_GIVEN = "not given";

/** One group's row: a value, everyone beyond the shown values ("others"), or people who gave no value. */
export interface GroupRow extends Stats {
  label: string;
  kind: "value" | "others" | "not-given";
  /** For "others": how many values were merged. */
  merged: number;
  /** Fewer people than `minPeople`: shown, not compared, never flagged. */
  tooFew: boolean;
  /** Mean best score at least `meanGap` points below the role's. */
  lowerScores: boolean;
  /** Share matched at least `shareGap` percentage points below the role's. */
  lowerShare: boolean;
}

/** The groups of one dimension (region, language, or one attribute). */
export interface Breakdown {
  title: string;
  rows: GroupRow[];
}

/** The report for everyone in one role. */
export interface RoleReport {
  role: FairnessRole;
  overall: Stats;
  breakdowns: Breakdown[];
}

const UTC_NAMES = new Set(["utc", "gmt", "etc", "uct", "universal", "zulu", "greenwich"]);

/** The region of an IANA zone: its prefix ("Europe/Berlin" → "Europe"); "UTC", "GMT" and "Etc/…" → "UTC". */
export function timeZoneRegion(zone: string): string {
  const z = zone.trim();
  if (z === "") return NOT_GIVEN;
  const prefix = z.split("/")[0]!;
  if (UTC_NAMES.has(prefix.toLowerCase())) return "UTC";
  return z.includes("/") ? prefix : "Other";
}

/** Min, median (an even count takes the mean of the middle two) and mean to one decimal of a list of scores. */
export function scoreStats(scores: readonly number[]): ScoreStats {
  if (scores.length === 0) return { min: null, median: null, mean: null };
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { min: sorted[0]!, median, mean: Math.round(mean * 10) / 10 };
}

/** A person's best recorded score, or null. */
function bestScore(p: FairnessPerson): number | null {
  let best: number | null = null;
  for (const s of p.scores) if (s !== null && (best === null || s > best)) best = s;
  return best;
}

interface Raw {
  stats: Stats;
  rawMean: number | null;
}

/** The stats of some people, and their unrounded mean best score for comparisons. */
function measure(people: readonly FairnessPerson[]): Raw {
  const matched = people.filter((p) => p.scores.length > 0);
  const best = matched.map(bestScore).filter((s): s is number => s !== null);
  const stats: Stats = {
    people: people.length,
    matched: matched.length,
    share: people.length === 0 ? null : (matched.length / people.length) * 100,
    scored: best.length,
    ...scoreStats(best),
  };
  return { stats, rawMean: best.length === 0 ? null : best.reduce((s, x) => s + x, 0) / best.length };
}

const EPSILON = 1e-9;

/** A person's group labels in one dimension (several for languages); empty means "not given". */
type Labeller = (p: FairnessPerson) => string[];

/** Groups people by label case-insensitively, keeping the first spelling seen; a person counts once per group. */
function groupBy(people: readonly FairnessPerson[], labels: Labeller) {
  const groups = new Map<string, { label: string; people: FairnessPerson[] }>();
  const notGiven: FairnessPerson[] = [];
  for (const p of people) {
    const keys = new Map<string, string>();
    for (const l of labels(p)) {
      const label = l.trim();
      if (label !== "" && !keys.has(label.toLowerCase())) keys.set(label.toLowerCase(), label);
    }
    if (keys.size === 0) notGiven.push(p);
    for (const [key, label] of keys) {
      const g = groups.get(key) ?? { label, people: [] };
      g.people.push(p);
      groups.set(key, g);
    }
  }
  return { groups: [...groups.values()], notGiven };
}

/**
 * The rows of one dimension: the largest groups, the rest merged into "others", then "not given"; flags against the
 * role.
 */
function breakdown(
  title: string,
  people: readonly FairnessPerson[],
  labels: Labeller,
  overall: Raw,
  o: FairnessOptions,
): Breakdown {
  const { groups, notGiven } = groupBy(people, labels);
  groups.sort((a, b) => b.people.length - a.people.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const row = (label: string, kind: GroupRow["kind"], members: readonly FairnessPerson[], merged = 0): GroupRow => {
    const { stats, rawMean } = measure(members);
    const tooFew = members.length < o.minPeople;
    const below = (whole: number | null, part: number | null, gap: number) =>
      whole !== null && part !== null && whole - part >= gap - EPSILON;
    return {
      ...stats,
      label,
      kind,
      merged,
      tooFew,
      lowerScores: !tooFew && below(overall.rawMean, rawMean, o.meanGap),
      lowerShare: !tooFew && below(overall.stats.share, stats.share, o.shareGap),
    };
  };
  const rows = groups.slice(0, o.maxGroups).map((g) => row(g.label, "value", g.people));
  const rest = groups.slice(o.maxGroups);
  if (rest.length > 0)
    rows.push(row(`others (${rest.length})`, "others", [...new Set(rest.flatMap((g) => g.people))], rest.length));
  if (notGiven.length > 0) rows.push(row(NOT_GIVEN, "not-given", notGiven));
  return { title, rows };
}

/** The fairness report for each role that has people, in the order mentee, mentor, peer. */
export function fairnessReport(
  people: readonly FairnessPerson[],
  options: Partial<FairnessOptions> = {},
): RoleReport[] {
  const o = { ...DEFAULT_FAIRNESS_OPTIONS, ...options };
  const reports: RoleReport[] = [];
  for (const role of fairnessRoles) {
    const members = people.filter((p) => p.role === role);
    if (members.length === 0) continue;
    const overall = measure(members);
    const breakdowns = [
      breakdown(
        "Time zone region",
        members,
        (p) => [timeZoneRegion(p.timeZone)].filter((r) => r !== NOT_GIVEN),
        overall,
        o,
      ),
      breakdown("Language", members, (p) => [...p.languages], overall, o),
      ...o.attributes.map((a) => breakdown(a.label, members, (p) => [p.attributes[a.key] ?? ""], overall, o)),
    ];
    reports.push({ role, overall: overall.stats, breakdowns });
  }
  return reports;
}

/** Which matches the report is about. */
export type FairnessBasis =
  | { kind: "staged"; runId: string; createdAt: number; proposals: number }
  | { kind: "published"; pairings: number }
  | { kind: "none" };
