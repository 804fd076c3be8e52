import { describe, expect, it } from "vitest";
import {
  declineFormSchema,
  decisionProblemText,
  displayName,
  effectiveStatus,
  expiresAt,
  limitText,
  type MenteeRequestState,
  pageOf,
  rankMentors,
  requestFormSchema,
  requestRefusal,
  requestsLeft,
} from "../../worker/domain/matching/self-match";
import { DEFAULT_WEIGHTS, endedPairs, type MatchContext } from "../../worker/domain/matching/types";
import { candidate } from "./matching-fixtures";
import { pageNumber } from "../../worker/domain/paging";
import { messageOf, translator } from "../../worker/domain/i18n/translate";

/** A `msg` text (message id and values) as an English reader sees it. */
const en = (text: string | null) => {
  const m = text === null ? null : messageOf(text);
  return m ? translator("en")(m.id, m.values) : text;
};

const ctx = (ended: [string, string][] = []): MatchContext => ({ week: "2026-01-12", ended: endedPairs(ended) });
const mentee = candidate("mentee", { goals: ["python", "sql"], wants: 1 });

describe("rankMentors", () => {
  it("puts the best score first and breaks ties by id, whatever the input order", () => {
    const strong = candidate("m-strong", { expertise: ["python", "sql"] });
    const tieB = candidate("m-b", { expertise: ["python"] });
    const tieA = candidate("m-a", { expertise: ["python"] });
    const weak = candidate("m-weak", { expertise: [], languages: ["fr"] });
    for (const order of [
      [weak, tieB, strong, tieA],
      [tieA, tieB, weak, strong],
    ]) {
      const ranked = rankMentors(order, mentee, DEFAULT_WEIGHTS, ctx());
      expect(ranked.map((r) => r.mentor.id)).toEqual(["m-strong", "m-a", "m-b", "m-weak"]);
    }
    const [first] = rankMentors([strong], mentee, DEFAULT_WEIGHTS, ctx());
    expect(first!.score).toBe(100);
    expect(first!.reasons).toContain("shares 2 goals: python, sql");
  });

  it("leaves out mentors who are full, unavailable, ruled out, paired before, the mentee themself, or hidden", () => {
    const ok = candidate("ok");
    const mentors = [
      ok,
      candidate("full", { capacity: 0 }),
      candidate("away", { unavailable: true }),
      candidate("avoids", { avoid: ["mentee"] }),
      candidate("avoided"),
      candidate("ended"),
      candidate("mentee"),
      candidate("declined"),
    ];
    const who = { ...mentee, avoid: ["avoided"] };
    const ranked = rankMentors(mentors, who, DEFAULT_WEIGHTS, ctx([["ended", "mentee"]]), new Set(["declined"]));
    expect(ranked.map((r) => r.mentor.id)).toEqual(["ok"]);
  });

  it("leaves out mentors without a shared language when the program requires one", () => {
    const mentors = [candidate("en"), candidate("fr", { languages: ["fr"] })];
    expect(
      rankMentors(mentors, mentee, { ...DEFAULT_WEIGHTS, mustShareLanguage: true }, ctx()).map((r) => r.mentor.id),
    ).toEqual(["en"]);
    expect(rankMentors(mentors, mentee, DEFAULT_WEIGHTS, ctx())).toHaveLength(2);
  });
});

describe("request rules", () => {
  const state = (over: Partial<MenteeRequestState> = {}): MenteeRequestState => ({
    wantsLeft: 2,
    pendingMentorIds: [],
    declinedMentorIds: [],
    ...over,
  });

  it("allows one open request per mentor the mentee still looks for", () => {
    expect(requestsLeft(state())).toBe(2);
    expect(requestsLeft(state({ pendingMentorIds: ["a"] }))).toBe(1);
    expect(requestsLeft(state({ pendingMentorIds: ["a", "b", "c"] }))).toBe(0);
    expect(requestsLeft(state({ wantsLeft: 0 }))).toBe(0);
    expect(requestRefusal(state({ pendingMentorIds: ["a"] }), "b")).toBeNull();
    expect(requestRefusal(state({ pendingMentorIds: ["a", "b"] }), "c")).toBe(limitText(2));
    expect(en(limitText(1))).toContain("one open request at a time");
    expect(en(limitText(3))).toContain("up to 3 open requests");
  });

  it("refuses asking twice, asking someone who declined, and asking beyond the program's limit", () => {
    expect(en(requestRefusal(state({ pendingMentorIds: ["a"] }), "a"))).toContain("already asked this mentor");
    expect(en(requestRefusal(state({ declinedMentorIds: ["a"] }), "a"))).toContain("declined a request from you");
    expect(en(requestRefusal(state({ wantsLeft: 0 }), "a"))).toContain("all the mentors this program allows");
  });

  it("expires a request after the program's days, and shows an overdue pending request as expired", () => {
    const day = 86_400_000;
    expect(expiresAt(1_000, 7)).toBe(1_000 + 7 * day);
    expect(expiresAt(1_000, 0)).toBe(1_000 + day);
    expect(effectiveStatus({ status: "pending", expiresAt: 5 }, 4)).toBe("pending");
    expect(effectiveStatus({ status: "pending", expiresAt: 5 }, 5)).toBe("expired");
    expect(effectiveStatus({ status: "accepted", expiresAt: 5 }, 9)).toBe("accepted");
  });

  it("explains refused decisions in words, the lost race included", () => {
    expect(en(decisionProblemText("mentor-full"))).toContain("Your last free place was just taken");
    expect(en(decisionProblemText("expired"))).toContain("expired");
    expect(en(decisionProblemText("closed", "declined"))).toBe(
      "This request was already declined, so nothing was changed.",
    );
    expect(en(decisionProblemText("closed", "withdrawn"))).toContain("withdrawn");
  });
});

describe("forms", () => {
  it("requires a message of at most 1,000 characters and trims it", () => {
    expect(requestFormSchema.safeParse({ mentor_id: "m1", message: "  Hello  " }).data).toEqual({
      mentor_id: "m1",
      message: "Hello",
    });
    const long = requestFormSchema.safeParse({ mentor_id: "m1", message: "x".repeat(1001) });
    expect(long.success).toBe(false);
    expect(en(long.error!.issues[0]!.message)).toBe("Keep your message under 1,000 characters.");
    expect(requestFormSchema.safeParse({ mentor_id: "m1", message: "x".repeat(1000) }).success).toBe(true);
    expect(requestFormSchema.safeParse({ mentor_id: "m1", message: "   " }).success).toBe(false);
    expect(en(requestFormSchema.safeParse({ mentor_id: "", message: "Hi" }).error!.issues[0]!.message)).toBe(
      "Choose a mentor to ask.",
    );
    expect(requestFormSchema.safeParse({ message: "Hi" }).success).toBe(false);
  });

  it("takes an optional decline reason of at most 500 characters", () => {
    expect(declineFormSchema.safeParse({}).data).toEqual({ reason: "" });
    expect(declineFormSchema.safeParse({ reason: " Full this term " }).data).toEqual({ reason: "Full this term" });
    expect(en(declineFormSchema.safeParse({ reason: "x".repeat(501) }).error!.issues[0]!.message)).toBe(
      "Keep the reason under 500 characters.",
    );
  });
});

describe("paging and names", () => {
  it("pages 25 at a time and keeps page numbers in range", () => {
    const items = Array.from({ length: 60 }, (_, i) => i);
    expect(pageOf(items, 1)).toMatchObject({ page: 1, pages: 3 });
    expect(pageOf(items, 3).items).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect(pageOf(items, 9).page).toBe(3);
    expect(pageOf([], 4)).toEqual({ items: [], page: 1, pages: 1 });
    expect(pageNumber(undefined)).toBe(1);
    expect(pageNumber("abc")).toBe(1);
    expect(pageNumber("-3")).toBe(1);
    expect(pageNumber("2")).toBe(2);
    expect(pageNumber("99999999")).toBe(10_000);
    expect(pageNumber("99999999", 100_000)).toBe(100_000);
  });

  it("names people by their name, or by their address when they gave none", () => {
    expect(displayName("Ana Silva", "ana@example.org")).toBe("Ana Silva");
    expect(displayName("  ", "ana@example.org")).toBe("ana");
  });
});
