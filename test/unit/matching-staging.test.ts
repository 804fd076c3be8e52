import { describe, expect, it } from "vitest";
import {
  DEFAULT_MATCH_SETTINGS,
  matchSettingsSchema,
  parseAttributes,
  settingsValues,
  weightsOf,
} from "../../worker/domain/matching/settings";
import { checkHandPair, peerPairScore, scoreChange } from "../../worker/domain/matching/staging";
import { DEFAULT_WEIGHTS, endedPairs } from "../../worker/domain/matching/types";
import { messageOf, translator } from "../../worker/domain/i18n/translate";
import { candidate } from "./matching-fixtures";

/** A message as English readers see it (domain code returns message ids with their values). */
const english = (text: string | true | undefined) => {
  if (typeof text !== "string") return text;
  const m = messageOf(text);
  return m ? translator("en")(m.id, m.values) : text;
};

const ctx = { week: "2026-03-23", ended: endedPairs([]) };
const free = { mentorTaken: 0, duplicate: false };

describe("checkHandPair", () => {
  it("accepts an allowed pair and gives the score the matcher would", () => {
    const result = checkHandPair(candidate("m"), candidate("e"), DEFAULT_WEIGHTS, ctx, free);
    expect(result).toMatchObject({ ok: true, score: 100 });
  });

  it("names the hard rule that blocks a pair", () => {
    const cases: [Parameters<typeof checkHandPair>[0], Parameters<typeof checkHandPair>[1], string][] = [
      [candidate("m", { unavailable: true }), candidate("e"), "mentor is unavailable"],
      [candidate("m", { avoid: ["e"] }), candidate("e"), "on the mentor's avoid list"],
      [candidate("m"), candidate("e", { avoid: ["m"] }), "on the mentee's avoid list"],
      [candidate("m"), candidate("m"), "same person"],
    ];
    for (const [mentor, mentee, reason] of cases) {
      const result = checkHandPair(mentor, mentee, DEFAULT_WEIGHTS, ctx, free);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(english(result.message)).toContain(reason);
    }
    const ended = checkHandPair(
      candidate("m"),
      candidate("e"),
      DEFAULT_WEIGHTS,
      { ...ctx, ended: endedPairs([["e", "m"]]) },
      free,
    );
    expect(english(ended.ok || ended.message)).toContain("this pairing already ended");
  });

  it("counts the mentor's places in the run and refuses duplicates", () => {
    const full = checkHandPair(candidate("m", { capacity: 2 }), candidate("e"), DEFAULT_WEIGHTS, ctx, {
      mentorTaken: 2,
      duplicate: false,
    });
    expect(english(full.ok || full.message)).toContain("is full in this run (2 of 2 places)");
    const none = checkHandPair(candidate("m", { capacity: 0 }), candidate("e"), DEFAULT_WEIGHTS, ctx, free);
    expect(english(none.ok || none.message)).toContain("has no free places");
    const dup = checkHandPair(candidate("m"), candidate("e"), DEFAULT_WEIGHTS, ctx, {
      mentorTaken: 0,
      duplicate: true,
    });
    expect(english(dup.ok || dup.message)).toContain("already proposed as a pair");
  });

  it("in peer programs uses the weaker direction and refuses someone already paired", () => {
    const a = candidate("a", { goals: ["python"], expertise: ["python"] });
    const b = candidate("b", { goals: ["rust"], expertise: ["python"] });
    const peer = peerPairScore(a, b, DEFAULT_WEIGHTS, ctx);
    expect(peer.score).toBeLessThan(100);
    expect(checkHandPair(a, b, DEFAULT_WEIGHTS, ctx, { ...free, peerTaken: false }, true)).toMatchObject({
      ok: true,
      score: peer.score,
    });
    const taken = checkHandPair(a, b, DEFAULT_WEIGHTS, ctx, { ...free, peerTaken: true }, true);
    expect(english(taken.ok || taken.message)).toContain("only one peer pair");
  });
});

describe("scoreChange", () => {
  it("signs the difference", () => {
    expect([scoreChange(60, 72), scoreChange(72, 60), scoreChange(5, 5)]).toEqual(["+12", "\u221212", "\u00b10"]);
  });
});

describe("matching settings", () => {
  const valid = settingsValues(DEFAULT_MATCH_SETTINGS);

  it("round-trips the defaults through the form", () => {
    expect(matchSettingsSchema.parse(valid)).toEqual(DEFAULT_MATCH_SETTINGS);
    expect(weightsOf(DEFAULT_MATCH_SETTINGS)).toEqual(DEFAULT_WEIGHTS);
  });

  it("parses attribute lines, with and without weights", () => {
    expect(parseAttributes("Department = 10\n\n  Home region  \r\nTeam=0")).toEqual([
      { key: "department", label: "Department", weight: 10 },
      { key: "home-region", label: "Home region", weight: 0 },
      { key: "team", label: "Team", weight: 0 },
    ]);
    expect(english(parseAttributes("Department = ten") as string)).toBe(
      'Line 1: the weight after "=" must be a whole number from 0 to 100.',
    );
    expect(english(parseAttributes("A\nB = 101") as string)).toBe(
      'Line 2: the weight after "=" must be a whole number from 0 to 100.',
    );
    expect(english(parseAttributes("Team\nteam") as string)).toBe('Line 2: "team" is listed twice.');
    expect(english(parseAttributes("a\nb\nc\nd\ne\nf") as string)).toBe("Ask at most 5 attribute questions.");
  });

  it("refuses out-of-range numbers and an all-zero score with messages", () => {
    const result = matchSettingsSchema.safeParse({
      ...valid,
      goals: "0",
      languages: "0",
      availability: "0",
      channels: "0",
    });
    expect(result.success).toBe(false);
    expect(english(result.error?.issues[0]?.message)).toBe("Give at least one part of the score a weight above 0.");
    const range = matchSettingsSchema.safeParse({ ...valid, max_mentors_per_mentee: "9", request_expiry_days: "0" });
    expect(range.error?.issues.map((i) => english(i.message))).toEqual([
      "The number of mentors a mentee may ask for must be at most 5.",
      "The number of days a request stays open must be at least 1.",
    ]);
  });

  it("only weighted attributes enter the score", () => {
    const s = {
      ...DEFAULT_MATCH_SETTINGS,
      attributes: [
        { key: "dept", label: "Dept", weight: 10 },
        { key: "region", label: "Region", weight: 0 },
      ],
    };
    expect(weightsOf(s).attributes).toEqual({ dept: 10 });
  });
});
