import { describe, expect, it } from "vitest";
import { GOAL_LIMITS, isCalendarDate, parseGoal } from "../../worker/domain/room/goals";
import { isTemplate, NOTE_LIMITS, NOTE_TEMPLATES, parseNote } from "../../worker/domain/room/notes";
import { checkLink, parseResource, RESOURCE_LIMITS } from "../../worker/domain/room/resources";
import { messageOf, translator } from "../../worker/domain/i18n/translate";

const english = translator("en");
/** A form message as an English reader sees it (the parsers give catalog ids with their values). */
const said = (text: string | undefined | null): string => {
  const m = messageOf(text ?? "");
  return m ? english(m.id, m.values) : (text ?? "");
};

const goal = (values: Record<string, string>) => parseGoal({ title: "Speak at a meetup", ...values });
const goalErrors = (values: Record<string, string>) => {
  const r = goal(values);
  return r.ok ? {} : r.errors;
};

describe("parseGoal", () => {
  it("reads a full goal, trimming text and keeping the date", () => {
    const r = parseGoal({
      title: "  Speak at a meetup ",
      why: " confidence ",
      targetDate: "2027-03-31",
      progress: "40",
      status: "open",
    });
    expect(r).toEqual({
      ok: true,
      goal: { title: "Speak at a meetup", why: "confidence", targetDate: "2027-03-31", progress: 40, status: "open" },
    });
  });

  it("fills in defaults when only a title is sent", () => {
    expect(parseGoal({ title: "x" })).toEqual({
      ok: true,
      goal: { title: "x", why: "", targetDate: null, progress: 0, status: "open" },
    });
  });

  it("accepts an empty progress as 0 and an empty date as none", () => {
    const r = goal({ progress: "  ", targetDate: "" });
    expect(r.ok && r.goal.progress).toBe(0);
    expect(r.ok && r.goal.targetDate).toBeNull();
  });

  it("asks for a title, and a short one", () => {
    expect(parseGoal({}).ok).toBe(false);
    expect(said(goalErrors({ title: "   " }).title)).toMatch(/title/);
    expect(said(goalErrors({ title: "x".repeat(GOAL_LIMITS.title + 1) }).title)).toMatch(/under 120/);
    expect(goal({ title: "x".repeat(GOAL_LIMITS.title) }).ok).toBe(true);
    expect(said(goalErrors({ why: "y".repeat(GOAL_LIMITS.why + 1) }).why)).toMatch(/1000/);
  });

  it("accepts progress 0 to 100 as whole numbers only", () => {
    for (const ok of ["0", "1", "40", "100", "007"]) expect(goal({ progress: ok }).ok, ok).toBe(true);
    for (const bad of ["101", "-1", "5.5", "1e2", "abc", "0x10", "1000", " 5 5", "+5", "½"])
      expect(said(goalErrors({ progress: bad }).progress), bad).toMatch(/0 to 100/);
  });

  it("accepts only real calendar dates", () => {
    expect(goal({ targetDate: "2028-02-29" }).ok).toBe(true);
    for (const bad of [
      "2027-02-29",
      "2027-13-01",
      "2027-04-31",
      "2027-00-10",
      "27-03-31",
      "2027-3-31",
      "31/03/2027",
      "2027-03-31T00:00",
      "tomorrow",
    ]) {
      expect(said(goalErrors({ targetDate: bad }).targetDate), bad).toMatch(/date/);
    }
    expect(isCalendarDate("2027-02-28")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
  });

  it("accepts only known statuses (not inherited object keys)", () => {
    for (const s of ["open", "achieved", "dropped"]) expect(goal({ status: s }).ok).toBe(true);
    for (const bad of ["done", "", "toString", "__proto__", "constructor"])
      expect(goalErrors({ status: bad }).status, bad).toBeDefined();
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(goalErrors({ title: "", targetDate: "x", progress: "101", status: "nope" })).sort()).toEqual([
      "progress",
      "status",
      "targetDate",
      "title",
    ]);
  });
});

describe("parseNote", () => {
  it("reads a title and body, normalising line ends and trailing space", () => {
    expect(parseNote({ title: " Week 1 ", body: "a\r\nb  \n\n" })).toEqual({
      ok: true,
      note: { title: "Week 1", body: "a\nb" },
    });
  });

  it("allows an empty body but not an empty title", () => {
    expect(parseNote({ title: "t" })).toEqual({ ok: true, note: { title: "t", body: "" } });
    const r = parseNote({ body: "text" });
    expect(said(r.ok ? null : r.errors.title)).toMatch(/title/);
  });

  it("limits the title and the body", () => {
    const long = parseNote({ title: "t".repeat(NOTE_LIMITS.title + 1), body: "b".repeat(NOTE_LIMITS.body + 1) });
    expect(long.ok).toBe(false);
    if (!long.ok) {
      expect(said(long.errors.title)).toMatch(/120/);
      expect(said(long.errors.body)).toMatch(/20000|20,000/);
    }
    expect(parseNote({ title: "t", body: "b".repeat(NOTE_LIMITS.body) }).ok).toBe(true);
  });

  it("has the agenda templates the new-note form offers, each a valid note", () => {
    expect(Object.keys(NOTE_TEMPLATES)).toEqual(["blank", "first-meeting", "check-in", "mid-point", "wrap-up"]);
    for (const [key, t] of Object.entries(NOTE_TEMPLATES)) {
      expect(isTemplate(key)).toBe(true);
      if (key !== "blank") expect(parseNote({ title: t.title, body: t.body }).ok, key).toBe(true);
    }
    for (const bad of ["", "nope", "toString", "__proto__"]) expect(isTemplate(bad), bad).toBe(false);
  });
});

describe("checkLink", () => {
  it("accepts web links and adds https:// when the scheme is missing", () => {
    expect(checkLink("https://example.org/a?b=c#d")).toEqual({ ok: true, url: "https://example.org/a?b=c#d" });
    expect(checkLink(" http://example.org ")).toEqual({ ok: true, url: "http://example.org/" });
    expect(checkLink("example.org/page")).toEqual({ ok: true, url: "https://example.org/page" });
    expect(checkLink("example.org:8080/x")).toEqual({ ok: true, url: "https://example.org:8080/x" });
    expect(checkLink("localhost:8787")).toEqual({ ok: true, url: "https://localhost:8787/" });
    expect(checkLink("JavaScript:alert(1)")).toMatchObject({ ok: false });
    expect(checkLink("http://localhost:8787/x").ok).toBe(true);
    expect(checkLink("HTTPS://EXAMPLE.ORG").ok).toBe(true);
  });

  it("refuses other schemes", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "ftp://x.org",
      "data:text/html,<b>x</b>",
      "file:///etc/passwd",
      "mailto:a@b.org",
      "vbscript:x",
    ]) {
      const r = checkLink(bad);
      expect(r.ok, bad).toBe(false);
      expect(said(r.ok ? "" : r.error), bad).toMatch(/web links|not a link|full address/);
    }
  });

  it("refuses text that is no link, and hosts without a dot", () => {
    expect(checkLink("not a link").ok).toBe(false);
    expect(checkLink("intranet").ok).toBe(false);
    expect(checkLink("https://intranet/x").ok).toBe(false);
    expect(checkLink("http://").ok).toBe(false);
  });

  it("refuses user names and passwords in the link", () => {
    for (const bad of [
      "https://user:secret@example.org/",
      "https://user@example.org",
      "http://:pw@example.org",
      "example.org@evil.example",
    ]) {
      const r = checkLink(bad);
      expect(said(r.ok ? "" : r.error), bad).toMatch(/user name or password/);
    }
    // Without a scheme, "user:" reads as one: refused all the same.
    expect(checkLink("user:pw@example.org").ok).toBe(false);
  });

  it("asks for a link when empty, and limits its length", () => {
    expect(said((checkLink("   ") as { error: string }).error)).toBe("Paste the link.");
    expect(checkLink(`https://example.org/${"a".repeat(RESOURCE_LIMITS.url)}`).ok).toBe(false);
  });
});

describe("parseResource", () => {
  it("reads a link with its title and note", () => {
    expect(parseResource({ url: "example.org", title: " A site ", note: " worth it " })).toEqual({
      ok: true,
      resource: { url: "https://example.org/", title: "A site", note: "worth it" },
    });
  });

  it("reports the link, the title and the note separately", () => {
    const r = parseResource({ url: "javascript:alert(1)", title: "", note: "n".repeat(RESOURCE_LIMITS.note + 1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["note", "title", "url"]);
    const missing = parseResource({});
    expect(missing.ok ? null : Object.keys(missing.errors).sort()).toEqual(["title", "url"]);
    const longTitle = parseResource({ url: "example.org", title: "t".repeat(RESOURCE_LIMITS.title + 1) });
    expect(said(longTitle.ok ? null : longTitle.errors.title)).toMatch(/120/);
  });
});
