import { describe, expect, it } from "vitest";
import { AVATAR_COLOURS, avatarColour, initialsOf } from "../../views/components/avatar";

describe("avatars", () => {
  it("takes the first letters of the first and last names", () => {
    expect(initialsOf("Mia Thompson")).toBe("MT");
    expect(initialsOf("  Lucía  del Carmen Martín ")).toBe("LM");
    expect(initialsOf("madonna")).toBe("M");
    expect(initialsOf("Ørjan Ødegård")).toBe("ØØ");
    expect(initialsOf("")).toBe("?");
  });
  it("gives each person the same colour every time, and spreads people over the colours", () => {
    expect(avatarColour("demo-spring-mentor1")).toBe(avatarColour("demo-spring-mentor1"));
    const used = new Set(Array.from({ length: 64 }, (_, i) => avatarColour(`person-${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(AVATAR_COLOURS - 1);
    for (const c of used) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of used) expect(c).toBeLessThan(AVATAR_COLOURS);
  });
});
