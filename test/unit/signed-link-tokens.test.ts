import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "../../worker/domain/signed-link-tokens";

const SECRET = "test-secret";
const claims = { p: "checkin", u: "person-1", s: "checkin-7", x: 2_000 };

describe("signed tokens", () => {
  it("round-trips claims for the right purpose before expiry", async () => {
    const token = await signToken(SECRET, claims);
    expect(await verifyToken(SECRET, token, "checkin", 1_000)).toEqual({ ok: true, claims });
  });

  it("refuses expired, forged, re-purposed, tampered and malformed tokens", async () => {
    const token = await signToken(SECRET, claims);
    expect(await verifyToken(SECRET, token, "checkin", 2_000)).toEqual({ ok: false, problem: "expired" });
    expect(await verifyToken("other-secret", token, "checkin", 1_000)).toEqual({ ok: false, problem: "forged" });
    expect(await verifyToken(SECRET, token, "unsub", 1_000)).toEqual({ ok: false, problem: "wrong-purpose" });
    const [body, mac] = token.split(".");
    const otherBody = (await signToken(SECRET, { ...claims, u: "person-2" })).split(".")[0];
    expect(await verifyToken(SECRET, `${otherBody}.${mac}`, "checkin", 1_000)).toEqual({
      ok: false,
      problem: "forged",
    });
    for (const bad of ["", "abc", `${body}`, `${body}.${mac}.x`, "x".repeat(700)]) {
      expect((await verifyToken(SECRET, bad, "checkin", 1_000)).ok).toBe(false);
    }
    const junk = await signToken(SECRET, { ...claims, p: "checkin" });
    expect((await verifyToken(SECRET, junk.replace(/^./, "Z"), "checkin", 1_000)).ok).toBe(false);
  });
});
