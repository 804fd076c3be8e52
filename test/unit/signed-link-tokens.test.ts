import { describe, expect, it } from "vitest";
import { parseSigningKey, signToken, verifyToken } from "../../worker/domain/signed-link-tokens";

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

describe("key ids and rotation", () => {
  const claims = { p: "checkin", u: "person-1", s: "checkin-1", x: 2_000 };
  const k1 = parseSigningKey("k1:one");
  const k2 = parseSigningKey("k2:two");

  it("reads `<id>:<secret>`; anything else is a key without an id", () => {
    expect(parseSigningKey("k1:one")).toEqual({ id: "k1", secret: "one", raw: "k1:one" });
    expect(parseSigningKey("no-id-here")).toEqual({ id: "", secret: "no-id-here", raw: "no-id-here" });
    expect(parseSigningKey("toolongid1:x").id).toBe("");
    expect(parseSigningKey("k1:").id).toBe("");
    expect(parseSigningKey(":x").id).toBe("");
  });

  it("signs with the current key and its id; verifies by the id, the previous key too, nothing removed", async () => {
    const token = await signToken({ current: k1, previous: null }, claims);
    expect(token.split(".")[0]).toBe("k1");
    expect((await verifyToken({ current: k2, previous: k1 }, token, "checkin", 1_000)).ok).toBe(true);
    expect(await verifyToken({ current: k2, previous: null }, token, "checkin", 1_000)).toEqual({
      ok: false,
      problem: "forged",
    });
    // The id is signed too: moving a MAC to another id does not work.
    const [, body, mac] = token.split(".");
    expect((await verifyToken({ current: k2, previous: k1 }, `k2.${body}.${mac}`, "checkin", 1_000)).ok).toBe(false);
    expect((await verifyToken({ current: k2, previous: k1 }, `.${body}.${mac}`, "checkin", 1_000)).ok).toBe(false);
  });

  it("tokens from before key ids verify against a configured key's whole value", async () => {
    const old = await signToken("legacy", claims);
    const legacy = parseSigningKey("legacy");
    expect((await verifyToken({ current: k1, previous: legacy }, old, "checkin", 1_000)).ok).toBe(true);
    const oldColon = await signToken("k7:was-one-value", claims);
    expect(
      (await verifyToken({ current: parseSigningKey("k7:was-one-value"), previous: null }, oldColon, "checkin", 1_000))
        .ok,
    ).toBe(true);
    expect((await verifyToken({ current: k1, previous: k2 }, old, "checkin", 1_000)).ok).toBe(false);
  });
});
