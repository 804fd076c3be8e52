import { describe, expect, it } from "vitest";
import { DEFAULT_TERMS, parseTerms, sameTerms, signedByAll } from "../../worker/domain/room/agreement";
import { checkBody, rateLimited, validClientId } from "../../worker/domain/room/chat";

const valid = {
  goals: "Ship a portfolio",
  cadence: "weekly",
  responseTime: "same-day",
  confidentiality: "Between us",
  contactHours: "",
  offLimits: "",
};

describe("agreement terms", () => {
  it("parses a complete agreement and reports every missing or unknown field", () => {
    expect(parseTerms(valid, ["chat", "video", "chat"])).toMatchObject({
      ok: true,
      terms: { channels: ["chat", "video"], cadence: "weekly" },
    });
    const bad = parseTerms(
      { goals: " ", cadence: "daily", responseTime: "never", confidentiality: "", offLimits: "x".repeat(1001) },
      ["carrier-pigeon"],
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(Object.keys(bad.errors).sort()).toEqual([
        "cadence",
        "channels",
        "confidentiality",
        "goals",
        "offLimits",
        "responseTime",
      ]);
    expect(parseTerms({ ...valid, cadence: "constructor" }, ["chat"]).ok).toBe(false);
  });

  it("treats reordered channels as the same terms, a changed word as different", () => {
    const a = { ...DEFAULT_TERMS, channels: ["chat", "video"] as const };
    expect(sameTerms({ ...a, channels: ["chat", "video"] }, { ...a, channels: ["video", "chat"] })).toBe(true);
    expect(sameTerms({ ...a, channels: ["chat"] }, { ...a, channels: ["chat"], goals: "other" })).toBe(false);
  });

  it("is signed by all only when every member signed the current version", () => {
    expect(signedByAll(0, ["a"], [])).toBe(false);
    expect(
      signedByAll(
        2,
        ["a", "b"],
        [
          { personId: "a", version: 2 },
          { personId: "b", version: 1 },
        ],
      ),
    ).toBe(false);
    expect(
      signedByAll(
        2,
        ["a", "b"],
        [
          { personId: "a", version: 2 },
          { personId: "b", version: 2 },
        ],
      ),
    ).toBe(true);
  });
});

describe("chat rules", () => {
  it("checks bodies and client ids", () => {
    expect(checkBody("  hi \r\n there ")).toEqual({ ok: true, body: "hi \n there" });
    expect(checkBody("   ")).toMatchObject({ ok: false });
    expect(checkBody(42)).toMatchObject({ ok: false });
    expect(checkBody("x".repeat(2001))).toMatchObject({
      ok: false,
      message: { id: "chat.error.tooLong", values: { length: 2001 } },
    });
    expect(validClientId("abcdefgh")).toBe(true);
    expect(validClientId("short")).toBe(false);
    expect(validClientId("has space in it")).toBe(false);
    expect(validClientId("x".repeat(65))).toBe(false);
  });

  it("limits messages per minute and says when to retry", () => {
    const now = 1_000_000;
    const times = Array.from({ length: 5 }, (_, i) => now - 50_000 + i * 1000);
    expect(rateLimited(times, now, 6)).toEqual({ limited: false });
    expect(rateLimited(times, now, 5)).toEqual({ limited: true, retryInSeconds: 10 });
    expect(rateLimited([now - 61_000, now - 60_500], now, 2)).toEqual({ limited: false });
  });
});
