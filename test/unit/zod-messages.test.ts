import { english } from "../english";
import { describe, expect, it } from "vitest";
import { emailField, wholeNumber } from "../../worker/domain/program";
import * as z from "../../worker/domain/zod";

describe("zod (Zod Mini through worker/domain/zod.ts)", () => {
  it("words default messages in English, as classic zod did (the locale is configured once)", () => {
    const hidden = z.string().check(z.maxLength(10));
    expect(hidden.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe(
      "Too big: expected string to have <=10 characters",
    );
    expect(z.object({ a: z.string() }).safeParse({ a: 1 }).error?.issues[0]?.message).toBe(
      "Invalid input: expected string, received number",
    );
  });

  it("keeps the forms' own messages, in the order the checks run", () => {
    const field = emailField("Enter the address.");
    expect(field.safeParse("  ").error?.issues.map((i) => i.message)[0]).toBe("Enter the address.");
    expect(english(field.safeParse("nope").error?.issues[0]?.message)).toBe(
      "Enter an email address like name@example.org.",
    );
    expect(field.safeParse("  Ada@Example.ORG ").data).toBe("ada@example.org");
    const weeks = wholeNumber("length in weeks", 1, 104);
    expect(weeks.safeParse("x").error?.issues[0]?.message).toBe("The length in weeks must be a whole number.");
    expect(weeks.safeParse("105").error?.issues[0]?.message).toBe("The length in weeks must be at most 104.");
    expect(weeks.safeParse(" 12 ").data).toBe(12);
  });
});
