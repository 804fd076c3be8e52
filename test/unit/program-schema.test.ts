import { english } from "../english";
import { describe, expect, it } from "vitest";
import { inviteSchema, programSchema } from "../../worker/domain/program";

const VALID = {
  name: "Autumn Circle",
  description: "Six months.",
  type: "one-to-one",
  length_weeks: "26",
  cadence_days: "14",
  matching_mode: "coordinator",
};

/** The first message for each field when `input` is refused. */
function errorsOf(input: Record<string, unknown>): Record<string, string> {
  const result = programSchema.safeParse(input);
  if (result.success) throw new Error("expected the input to be refused");
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[String(issue.path[0])] ??= english(issue.message);
  return out;
}

describe("programSchema", () => {
  it("accepts a valid form and turns the numbers into numbers", () => {
    expect(programSchema.parse({ ...VALID, name: "  Autumn Circle  ", length_weeks: " 26 " })).toEqual({
      name: "Autumn Circle",
      description: "Six months.",
      type: "one-to-one",
      length_weeks: 26,
      cadence_days: 14,
      matching_mode: "coordinator",
    });
  });

  it("accepts every program type and matching mode, and a missing description", () => {
    for (const type of ["one-to-one", "group", "peer", "reverse"])
      expect(programSchema.safeParse({ ...VALID, type }).success, type).toBe(true);
    for (const mode of ["coordinator", "self"])
      expect(programSchema.safeParse({ ...VALID, matching_mode: mode }).success, mode).toBe(true);
    const { description: _, ...noDescription } = VALID;
    expect(programSchema.parse(noDescription).description).toBe("");
  });

  it("accepts the bounds of length and cadence and refuses what lies outside", () => {
    expect(programSchema.safeParse({ ...VALID, length_weeks: "1", cadence_days: "1" }).success).toBe(true);
    expect(programSchema.safeParse({ ...VALID, length_weeks: "104", cadence_days: "90" }).success).toBe(true);
    expect(errorsOf({ ...VALID, length_weeks: "0", cadence_days: "91" })).toEqual({
      length_weeks: "The length in weeks must be from 1 to 104.",
      cadence_days: "The check-in cadence in days must be from 1 to 90.",
    });
    expect(errorsOf({ ...VALID, length_weeks: "105" }).length_weeks).toBe("The length in weeks must be from 1 to 104.");
  });

  it("refuses numbers that are not whole, negative, empty or not numbers", () => {
    for (const value of ["2.5", "-3", "1e2", "ten", "0x10"])
      expect(errorsOf({ ...VALID, length_weeks: value }).length_weeks, value).toBe(
        "The length in weeks must be a whole number.",
      );
    expect(errorsOf({ ...VALID, cadence_days: "  " }).cadence_days).toBe("Enter the check-in cadence in days.");
  });

  it("names every bad field at once", () => {
    expect(
      Object.keys(
        errorsOf({
          name: " ",
          description: "x".repeat(2001),
          type: "mob",
          length_weeks: "",
          cadence_days: "",
          matching_mode: "random",
        }),
      ).sort(),
    ).toEqual(["cadence_days", "description", "length_weeks", "matching_mode", "name", "type"]);
    expect(errorsOf({ ...VALID, name: "x".repeat(101) }).name).toBe("Keep the name under 100 characters.");
    expect(errorsOf({ ...VALID, type: "" }).type).toBe("Choose one of the program types.");
    expect(errorsOf({ ...VALID, matching_mode: undefined }).matching_mode).toBe("Choose how people are matched.");
  });
});

describe("inviteSchema", () => {
  it("normalises the address and checks the role", () => {
    expect(inviteSchema.parse({ email: "  Ana@Example.ORG ", role: "mentor" })).toEqual({
      email: "ana@example.org",
      role: "mentor",
    });
    expect(inviteSchema.safeParse({ email: "ana@example.org", role: "admin" }).success).toBe(false);
    expect(inviteSchema.safeParse({ email: "not an address", role: "mentee" }).success).toBe(false);
    expect(inviteSchema.safeParse({ email: `${"a".repeat(250)}@example.org`, role: "mentee" }).success).toBe(false);
  });
});
