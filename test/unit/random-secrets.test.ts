import { describe, expect, it } from "vitest";
import {
  constantTimeEqual,
  isWellFormedToken,
  newId,
  randomToken,
  sha256Hex,
} from "../../worker/domain/random-secrets";
import { safeNext } from "../../worker/http/redirects";

describe("tokens", () => {
  it("makes URL-safe tokens with 256 bits of entropy that never repeat", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const t = randomToken();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(1000);
  });

  it("hashes with SHA-256 (known vector)", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares in constant time but correctly", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("rejects malformed tokens before any lookup", () => {
    expect(isWellFormedToken(randomToken())).toBe(true);
    for (const bad of [
      undefined,
      null,
      42,
      "",
      "short",
      "has spaces in it and is long enough",
      "x".repeat(101),
      "a'; DROP TABLE people;--aaaaaaaaaa",
    ]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });
});

describe("newId", () => {
  it("makes distinct ids that are valid Workflow instance ids (never starting with a dash)", () => {
    const ids = Array.from({ length: 2000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe("safeNext", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeNext("/profile?x=1")).toBe("/profile?x=1");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("javascript:alert(1)", "")).toBe("");
  });
});
