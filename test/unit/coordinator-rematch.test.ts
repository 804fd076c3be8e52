/** The pure rules of rematching: sides, who may become the new partner and in which order, the form, the sentences. */
import { english, englishAll } from "../english";
import { describe, expect, it } from "vitest";
import {
  afterLeaving,
  candidateError,
  candidateProblem,
  chooseSide,
  endReason,
  leaveRefusal,
  parseRematchInput,
  rankCandidates,
  REMATCH_REASON_MAX,
  rematchSentences,
  sidesOf,
} from "../../worker/domain/coordinator/rematch-rules";
import { DEFAULT_WEIGHTS, endedPairs, type MatchContext } from "../../worker/domain/matching/types";
import { candidate } from "./matching-fixtures";

const ctx: MatchContext = { week: "2026-01-12", ended: new Set() };
const mentee = candidate("me", { goals: ["python", "sql"], capacity: 0 });

describe("sides", () => {
  it("are peer in peer programs, else the person's roles with mentee first", () => {
    expect(sidesOf("peer", ["mentor"])).toEqual(["peer"]);
    expect(sidesOf("peer", [])).toEqual([]);
    expect(sidesOf("one-to-one", ["mentor", "mentee"])).toEqual(["mentee", "mentor"]);
    expect(sidesOf("group", ["mentor"])).toEqual(["mentor"]);
  });

  it("follow the asked side when possible, else the first current pairing's", () => {
    expect(chooseSide(["mentee", "mentor"], "mentor", ["mentee"])).toBe("mentor");
    expect(chooseSide(["mentee", "mentor"], "peer", ["mentor"])).toBe("mentor");
    expect(chooseSide(["mentee", "mentor"], undefined, [])).toBe("mentee");
    expect(chooseSide([], "mentee", ["mentee"])).toBeNull();
  });

  it("give a leaving mentor their place back and a peer room for one", () => {
    const full = candidate("mr", { capacity: 0 });
    expect(afterLeaving(full, "mentor", true).capacity).toBe(1);
    expect(afterLeaving(full, "mentor", false).capacity).toBe(0);
    expect(afterLeaving(full, "mentee", true).capacity).toBe(0);
    expect(afterLeaving(full, "peer", false).capacity).toBe(1);
  });
});

describe("who may become the new partner", () => {
  it("names the rule that stops each excluded person", () => {
    const problem = (other: ReturnType<typeof candidate>, partners: string[] = [], c = ctx) =>
      english(candidateProblem(mentee, "mentee", other, DEFAULT_WEIGHTS, c, partners));
    expect(problem(candidate("a"))).toBeNull();
    expect(problem(candidate("me"))).toBe("that is the same person");
    expect(problem(candidate("a"), ["a"])).toBe("they are paired with each other now");
    expect(problem(candidate("a", { capacity: 0 }))).toBe("no free place left");
    expect(problem(candidate("a", { unavailable: true }))).toBe("mentor is unavailable");
    expect(problem(candidate("a", { avoid: ["me"] }))).toBe("on the mentor's avoid list");
    expect(problem(candidate("a"), [], { ...ctx, ended: endedPairs([["a", "me"]]) })).toBe(
      "this pairing already ended",
    );
    expect(
      english(candidateProblem(candidate("mr"), "mentor", candidate("x", { wants: 0 }), DEFAULT_WEIGHTS, ctx, [])),
    ).toBe("already has all the mentors the program allows");
    expect(
      english(candidateProblem(candidate("p1"), "peer", candidate("p2", { wants: 0 }), DEFAULT_WEIGHTS, ctx, [])),
    ).toBe("already in a peer pairing here");
    expect(
      candidateProblem(candidate("p1"), "peer", candidate("p2", { wants: 1, capacity: 0 }), DEFAULT_WEIGHTS, ctx, []),
    ).toBeNull();
  });

  it("ranks the rest best score first, ties by id, at most the limit", () => {
    const others = [
      candidate("c", { expertise: ["python"] }),
      candidate("b", { expertise: ["python", "sql"] }),
      candidate("a", { expertise: ["python"] }),
      candidate("z", { expertise: ["python", "sql"], capacity: 0 }),
      candidate("old", { expertise: ["python", "sql"] }),
    ];
    const ranked = rankCandidates(mentee, "mentee", others, DEFAULT_WEIGHTS, ctx, ["old"]);
    expect(ranked.map((r) => r.candidate.id)).toEqual(["b", "a", "c"]);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
    expect(ranked[1]!.score).toBe(ranked[2]!.score);
    expect(ranked[0]!.reasons[0]).toBe("shares 2 goals: python, sql");
    expect(rankCandidates(mentee, "mentee", others, DEFAULT_WEIGHTS, ctx, ["old"], 2)).toHaveLength(2);
  });

  it("scores a mentor's candidates with the mentor first, once their place is back", () => {
    const mentor = candidate("mr", { capacity: 0, expertise: ["sql"] });
    const mentees = [candidate("x", { goals: ["sql"], wants: 1 })];
    expect(rankCandidates(mentor, "mentor", mentees, DEFAULT_WEIGHTS, ctx, [])).toEqual([]);
    const ranked = rankCandidates(afterLeaving(mentor, "mentor", true), "mentor", mentees, DEFAULT_WEIGHTS, ctx, []);
    expect(ranked.map((r) => r.candidate.id)).toEqual(["x"]);
    expect(ranked[0]!.reasons[0]).toBe("shares 1 goal: sql");
  });
});

describe("the form", () => {
  it("accepts a candidate, the only pairing to leave and a trimmed reason", () => {
    expect(parseRematchInput({ candidate: " a ", reason: " Goals differ\r\nnow " }, ["p1"])).toEqual({
      ok: true,
      candidateId: "a",
      leaveId: "p1",
      reason: "Goals differ\nnow",
    });
    expect(parseRematchInput({ candidate: "a", reason: "x", leave: "ignored" }, [])).toEqual({
      ok: true,
      candidateId: "a",
      leaveId: null,
      reason: "x",
    });
  });

  it("says what is missing or wrong", () => {
    expect(englishAll(parseRematchInput({}, ["p1", "p2"]))).toEqual({
      ok: false,
      errors: {
        candidate: "Choose the new partner.",
        leave: "Choose which pairing ends.",
        reason: "Say why: the reason is saved with the ended pairing and its members read it.",
      },
    });
    const bad = parseRematchInput(
      { candidate: "a".repeat(101), leave: "p9", reason: "y".repeat(REMATCH_REASON_MAX + 1) },
      ["p1", "p2"],
    );
    expect(englishAll(bad)).toEqual({
      ok: false,
      errors: {
        candidate: "Choose one of the people listed.",
        leave: "Choose one of the current pairings listed.",
        reason: "Keep the reason to 489 characters; this one is 490.",
      },
    });
    expect(parseRematchInput({ candidate: "a", reason: "y".repeat(REMATCH_REASON_MAX) }, []).ok).toBe(true);
    expect(endReason("y".repeat(REMATCH_REASON_MAX))).toHaveLength(500);
    expect(candidateError("Fay", "Mia", "no free place left")).toBe(
      "Fay can't be paired with Mia now: no free place left.",
    );
    expect(candidateError(null, "Mia", "x")).toBe("Choose one of the people listed.");
  });

  it("refuses groups of more than two only", () => {
    expect(leaveRefusal(2)).toBeNull();
    expect(english(leaveRefusal(3))).toContain("Leaving a group is not supported yet");
  });

  it("says exactly what confirming does", () => {
    expect(rematchSentences({ person: "Mia", oldPartner: "Max", newPartner: "Bea", reason: "Goals differ" })).toEqual([
      `Mia's pairing with Max ends early with the reason "Rematched: Goals differ".`,
      "A new pairing of Mia and Bea starts.",
      "Both are emailed that they have been matched.",
    ]);
    expect(rematchSentences({ person: "Mia", oldPartner: null, newPartner: "Bea", reason: "x" })[0]).toBe(
      "Mia has no current pairing here, so no pairing ends.",
    );
  });
});
