import { describe, expect, it } from "vitest";
import {
  type FairnessPerson,
  fairnessReport,
  type GroupRow,
  scoreStats,
  timeZoneRegion,
} from "../../worker/domain/matching/fairness";

const person = (id: string, over: Partial<FairnessPerson>): FairnessPerson => ({
  id,
  role: "mentee",
  timeZone: "UTC",
  languages: [],
  attributes: {},
  scores: [],
  ...over,
});

/** Eight mentees and two mentors; every figure below is worked out by hand in the comments. */
const people: FairnessPerson[] = [
  person("e1", {
    timeZone: "Europe/Berlin",
    languages: ["english", "german"],
    attributes: { department: "finance" },
    scores: [80],
  }),
  person("e2", {
    timeZone: "Europe/Paris",
    languages: ["english", "french"],
    attributes: { department: "Finance " },
    scores: [70, 90],
  }),
  person("e3", {
    timeZone: "America/New_York",
    languages: ["english", "spanish"],
    attributes: { department: "sales" },
  }),
  person("e4", { timeZone: "America/Chicago", languages: ["spanish"], attributes: { department: "" }, scores: [40] }),
  person("e5", { timeZone: "America/Sao_Paulo", languages: ["portuguese", "spanish"], scores: [50] }),
  person("e6", {
    timeZone: "Asia/Kolkata",
    languages: ["english", "hindi", "german"],
    attributes: { department: "sales" },
    scores: [60],
  }),
  person("e7", { timeZone: "Etc/GMT+3", languages: [], attributes: { department: "finance" }, scores: [null] }),
  person("e8", { timeZone: "UTC", languages: ["english"], attributes: { department: "sales" } }),
  person("m1", { role: "mentor", timeZone: "Europe/London", languages: ["english"], scores: [80, 40] }),
  person("m2", { role: "mentor", timeZone: "Africa/Lagos", languages: ["english", "yoruba"] }),
];

const attributes = [
  { key: "department", label: "Department" },
  { key: "home-region", label: "Home region" },
];

/** The figures of a row that matter, share rounded to one decimal. */
const figures = (r: GroupRow) => [
  r.label,
  r.people,
  r.matched,
  r.share === null ? null : Math.round(r.share * 10) / 10,
  r.min,
  r.median,
  r.mean,
];
const flags = (r: GroupRow) => [r.label, r.tooFew, r.lowerScores, r.lowerShare];

describe("score statistics", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even count", () => {
    expect(scoreStats([])).toEqual({ min: null, median: null, mean: null });
    expect(scoreStats([55])).toEqual({ min: 55, median: 55, mean: 55 });
    expect(scoreStats([3, 1, 2])).toEqual({ min: 1, median: 2, mean: 2 });
    expect(scoreStats([40, 10, 30, 20])).toEqual({ min: 10, median: 25, mean: 25 });
    expect(scoreStats([7, 8])).toEqual({ min: 7, median: 7.5, mean: 7.5 });
  });

  it("rounds the mean to one decimal", () => {
    expect(scoreStats([1, 2, 2]).mean).toBe(1.7);
    expect(scoreStats([60, 80, 90]).mean).toBe(76.7);
    expect(scoreStats([10, 10, 11]).mean).toBe(10.3);
  });
});

describe("time zone regions", () => {
  it("takes the IANA prefix and folds UTC, GMT and Etc into UTC", () => {
    expect(timeZoneRegion("Europe/Berlin")).toBe("Europe");
    expect(timeZoneRegion("America/Argentina/Buenos_Aires")).toBe("America");
    expect(timeZoneRegion("Pacific/Auckland")).toBe("Pacific");
    expect(timeZoneRegion("Australia/Sydney")).toBe("Australia");
    expect(timeZoneRegion("Africa/Lagos")).toBe("Africa");
    expect(timeZoneRegion("UTC")).toBe("UTC");
    expect(timeZoneRegion("Etc/GMT+5")).toBe("UTC");
    expect(timeZoneRegion("GMT")).toBe("UTC");
    expect(timeZoneRegion("EST")).toBe("Other");
    expect(timeZoneRegion(" ")).toBe("not given");
  });
});

describe("the fairness report", () => {
  const [mentees, mentors, ...more] = fairnessReport(people, { attributes });
  const table = (title: string) => mentees!.breakdowns.find((b) => b.title === title)!.rows;

  it("reports each role that has people, mentees first", () => {
    expect(mentees!.role).toBe("mentee");
    expect(mentors!.role).toBe("mentor");
    expect(more).toEqual([]);
    expect(mentees!.breakdowns.map((b) => b.title)).toEqual([
      "Time zone region",
      "Language",
      "Department",
      "Home region",
    ]);
    expect(fairnessReport([])).toEqual([]);
  });

  it("counts matched people overall and takes each person's best score", () => {
    // Matched: e1 e2 e4 e5 e6 e7 (6 of 8); best scores 80, 90 (not 70), 40, 50, 60; e7's match has no score.
    expect(mentees!.overall).toEqual({ people: 8, matched: 6, share: 75, scored: 5, min: 40, median: 60, mean: 64 });
    // m1's best of 80 and 40; m2 unmatched.
    expect(mentors!.overall).toEqual({ people: 2, matched: 1, share: 50, scored: 1, min: 80, median: 80, mean: 80 });
  });

  it("breaks down by time zone region, flagging a region with clearly lower scores", () => {
    expect(table("Time zone region").map(figures)).toEqual([
      ["America", 3, 2, 66.7, 40, 45, 45],
      ["Europe", 2, 2, 100, 80, 85, 85],
      ["UTC", 2, 1, 50, null, null, null],
      ["Asia", 1, 1, 100, 60, 60, 60],
    ]);
    // America: mean 45 is 19 below 64; share 66.7 is only 8.3 points below 75.
    expect(table("Time zone region").map(flags)).toEqual([
      ["America", false, true, false],
      ["Europe", true, false, false],
      ["UTC", true, false, false],
      ["Asia", true, false, false],
    ]);
  });

  it("counts multilingual people in every language they list, and people with none as not given", () => {
    expect(table("Language").map(figures)).toEqual([
      ["english", 5, 3, 60, 60, 80, 76.7],
      ["spanish", 3, 2, 66.7, 40, 45, 45],
      ["german", 2, 2, 100, 60, 70, 70],
      ["french", 1, 1, 100, 90, 90, 90],
      ["hindi", 1, 1, 100, 60, 60, 60],
      ["portuguese", 1, 1, 100, 50, 50, 50],
      ["not given", 1, 1, 100, null, null, null],
    ]);
    // english: 60 % is exactly 15 points below 75 %; spanish: mean 45 is 19 below.
    expect(table("Language").slice(0, 2).map(flags)).toEqual([
      ["english", false, false, true],
      ["spanish", false, true, false],
    ]);
  });

  it("merges languages beyond the cap into one others row, counting each person once", () => {
    const [capped] = fairnessReport(people, { attributes, maxGroups: 2 });
    const rows = capped!.breakdowns[1]!.rows;
    // others: german (e1, e6), french (e2), hindi (e6), portuguese (e5) → e1 e2 e5 e6, best 80 90 50 60.
    expect(rows.map(figures)).toEqual([
      ["english", 5, 3, 60, 60, 80, 76.7],
      ["spanish", 3, 2, 66.7, 40, 45, 45],
      ["others (4)", 4, 4, 100, 50, 70, 70],
      ["not given", 1, 1, 100, null, null, null],
    ]);
    expect(rows[2]!.kind).toBe("others");
    expect(rows[2]!.merged).toBe(4);
  });

  it("groups attribute answers ignoring case and spacing, with blanks as not given", () => {
    expect(table("Department").map(figures)).toEqual([
      ["finance", 3, 3, 100, 80, 85, 85],
      ["sales", 3, 1, 33.3, 60, 60, 60],
      ["not given", 2, 2, 100, 40, 45, 45],
    ]);
    // sales: share 33.3 % is 41.7 points below; not given has a low mean but too few people to compare.
    expect(table("Department").map(flags)).toEqual([
      ["finance", false, false, false],
      ["sales", false, false, true],
      ["not given", true, false, false],
    ]);
  });

  it("puts everyone under not given when nobody answered an attribute", () => {
    expect(table("Home region").map(figures)).toEqual([["not given", 8, 6, 75, 40, 60, 64]]);
    expect(table("Home region").map(flags)).toEqual([["not given", false, false, false]]);
  });

  it("reports a role where nobody is matched without scores or score flags", () => {
    const [report] = fairnessReport([
      person("a", { timeZone: "Asia/Tokyo" }),
      person("b", { timeZone: "Asia/Tokyo" }),
      person("c", { timeZone: "Asia/Tokyo" }),
    ]);
    expect(report!.overall).toEqual({
      people: 3,
      matched: 0,
      share: 0,
      scored: 0,
      min: null,
      median: null,
      mean: null,
    });
    expect(report!.breakdowns[0]!.rows.map(flags)).toEqual([["Asia", false, false, false]]);
  });
});
