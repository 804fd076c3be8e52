import { english } from "../english";
import { describe, expect, it } from "vitest";
import { emailField, wholeNumber } from "../../worker/domain/program";
import * as z from "../../worker/domain/zod";

describe("zod (Zod Mini through worker/domain/zod.ts)", () => {
  it("words a check without its own message as a catalog id, so it shows in the viewer's language", () => {
    const hidden = z.string().check(z.maxLength(10));
    expect(hidden.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("form.invalid");
    expect(z.object({ a: z.string() }).safeParse({ a: 1 }).error?.issues[0]?.message).toBe("form.invalid");
    expect(english("form.invalid")).toBe("This value isn’t one we can accept. Check it and try again.");
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
