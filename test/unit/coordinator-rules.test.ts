/**
 * The pure rules of coordinator actions: steps and keys, pairing actions on offer, input limits, template changes,
 * audiences.
 */
import { englishAll } from "../english";
import { translator } from "../../worker/domain/i18n/translate";
import { describe, expect, it } from "vitest";
import { emailList, firstName, parseProgramMessage } from "../../worker/domain/coordinator/audience";
import {
  isConfirmKey,
  joinNames,
  newConfirmKey,
  ownValues,
  stepOf,
} from "../../worker/domain/coordinator/confirm-step";
import {
  chatLine,
  messageLimit,
  offeredActions,
  parseActionInput,
} from "../../worker/domain/coordinator/pairing-action-rules";
import { templateChanges, templateValueText } from "../../worker/domain/coordinator/template-changes";
import { DEFAULT_TEMPLATE } from "../../worker/domain/journey/template";

describe("confirmation steps", () => {
  it("reads the step and keeps only the form's own values", () => {
    expect(stepOf({ _step: "confirm" })).toBe("confirm");
    expect(stepOf({ _step: "edit" })).toBe("edit");
    expect(stepOf({ _step: "anything" })).toBe("review");
    expect(ownValues({ _csrf: "t", _key: "k", _step: "confirm", reason: "r" })).toEqual({ reason: "r" });
  });

  it("makes fresh hex keys and refuses other shapes", () => {
    const a = newConfirmKey();
    expect(isConfirmKey(a)).toBe(true);
    expect(a).not.toBe(newConfirmKey());
    expect(isConfirmKey("ABC")).toBe(false);
    expect(isConfirmKey("0123456789abcdef0123456g")).toBe(false);
  });

  it("joins names", () => {
    expect(joinNames(["Ana"])).toBe("Ana");
    expect(joinNames(["Ana", "Ben", "Cleo"])).toBe("Ana, Ben and Cleo");
  });
});

describe("pairing actions", () => {
  it("offers what the stage machine allows a coordinator", () => {
    expect(offeredActions({ stage: "active", pausedFrom: null })).toEqual(["message", "pause", "end"]);
    expect(offeredActions({ stage: "paused", pausedFrom: "active" })).toEqual(["message", "resume", "end"]);
    expect(offeredActions({ stage: "ended_early", pausedFrom: null })).toEqual([]);
  });

  it("needs a reason to pause or end, at most 500 characters, and keeps messages within the chat limit", () => {
    expect(englishAll(parseActionInput("pause", { reason: " " }, "Cora"))).toEqual({
      ok: false,
      errors: { reason: "Say why you pause the pairing: its members will read it." },
    });
    expect(parseActionInput("resume", { reason: "" }, "Cora")).toEqual({ ok: true, text: "" });
    expect(parseActionInput("end", { reason: "x".repeat(501) }, "Cora").ok).toBe(false);
    expect(parseActionInput("end", { reason: " Moved " }, "Cora")).toEqual({ ok: true, text: "Moved" });
    const max = messageLimit("Cora");
    expect(max).toBe(2000 - "\n\n— Cora, program coordinator".length);
    expect(parseActionInput("message", { text: "y".repeat(max) }, "Cora").ok).toBe(true);
    expect(parseActionInput("message", { text: "y".repeat(max + 1) }, "Cora").ok).toBe(false);
  });

  it("says what the members will read", () => {
    expect(chatLine("pause", { stage: "active", pausedFrom: null }, "Leave", "Cora")).toBe(
      "A coordinator moved the pairing from active to paused: Leave",
    );
    expect(chatLine("resume", { stage: "paused", pausedFrom: "onboarding" }, "", "Cora")).toBe(
      "A coordinator moved the pairing from paused to onboarding.",
    );
    expect(chatLine("message", { stage: "active", pausedFrom: null }, "Hi", "Cora")).toBe(
      "Hi\n\n— Cora, program coordinator",
    );
  });
});

describe("template changes", () => {
  it("lists only the changed fields, before and after", () => {
    expect(templateChanges(DEFAULT_TEMPLATE, { ...DEFAULT_TEMPLATE, agreementDays: 5, midPoint: false })).toEqual({
      agreementDays: [7, 5],
      midPoint: [true, false],
    });
    expect(templateChanges(DEFAULT_TEMPLATE, DEFAULT_TEMPLATE)).toEqual({});
    expect(templateValueText(null, 14, translator("en"))).toBe("the program's cadence (14)");
    expect(templateValueText(false, 14, translator("en"))).toBe("no");
  });
});

describe("audiences", () => {
  it("splits pasted addresses and checks the message", () => {
    expect(emailList("A@x.org, b@y.org;\na@x.org  c@z.org")).toEqual(["a@x.org", "b@y.org", "c@z.org"]);
    expect(
      englishAll(parseProgramMessage({ audience: "chosen", emails: "not-an-address", subject: "s", body: "b" })),
    ).toEqual({
      ok: false,
      errors: { emails: "Not an email address: not-an-address" },
    });
    const ok = parseProgramMessage({ audience: "stage", stage: "paused", subject: " Hi ", body: "Body\r\n" });
    expect(ok).toEqual({
      ok: true,
      message: { audience: "stage", stage: "paused", emails: [], subject: "Hi", body: "Body" },
    });
    const bad = parseProgramMessage({ audience: "x", subject: "", body: "" });
    expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(["audience", "body", "subject"]);
    expect(firstName("Ana Lima", "a@x.org")).toBe("Ana");
    expect(firstName("", "bob@x.org")).toBe("bob");
  });
});
