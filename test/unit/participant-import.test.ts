import { describe, expect, it } from "vitest";
import { englishAll } from "../english";
import { parseCsv } from "../../worker/domain/csv";
import { type ImportPlan, planImport } from "../../worker/domain/participant-import";

const plan = (text: string): ImportPlan => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return englishAll(planImport(parsed.records));
};
const good = (text: string) => {
  const p = plan(text);
  if (!p.ok) throw new Error(p.error);
  return p;
};

describe("planImport", () => {
  it("maps columns by header name in any order and normalises values", () => {
    const p = good(
      "Role, E-mail ,Name,time zone,languages,goals\nMentor, Ada@Example.ORG ,Ada L.,Asia/Calcutta,English; German ;english,Career Change\n",
    );
    expect(p.bad).toEqual([]);
    expect(p.rows).toEqual([
      {
        line: 2,
        email: "ada@example.org",
        role: "mentor",
        name: "Ada L.",
        timeZone: "Asia/Kolkata",
        languages: ["english", "german"],
        goals: ["career change"],
        expertise: [],
        capacity: null,
        attributes: {},
      },
    ]);
  });

  it("reads a mentor's capacity and the program's questions by label or key", () => {
    const questions = [
      { key: "department", label: "Department", weight: 10 },
      { key: "region", label: "Region", weight: 0 },
    ];
    const parsed = parseCsv(
      "email,role,capacity,department,REGION\na@x.org,mentor,2,Finance,  North   East \nb@x.org,mentee,5,,\nc@x.org,mentor,21,,\n",
    );
    const p = englishAll(planImport(parsed.ok ? parsed.records : [], questions));
    if (!p.ok) throw new Error(p.error);
    expect(p.rows.map((r) => [r.email, r.capacity, r.attributes])).toEqual([
      ["a@x.org", 2, { department: "Finance", region: "North East" }],
      // A mentee's capacity is not theirs to give: it is ignored.
      ["b@x.org", null, {}],
    ]);
    expect(p.bad).toEqual([{ line: 4, reason: 'capacity "21" must be a whole number from 0 to 20' }]);
    expect(p.notices).toEqual([]);
  });

  it("reports every bad row with its line and reason and keeps the good ones", () => {
    const p = good(
      [
        "email,role,time_zone",
        "ok@example.org,mentee,",
        "not-an-email,mentee,",
        ",mentor,",
        "x@example.org,boss,",
        "y@example.org,mentor,Mars/Base",
        "ok@example.org,mentee,",
        "ok@example.org,mentor,",
        "short@example.org",
      ].join("\n"),
    );
    expect(p.rows.map((r) => [r.line, r.email, r.role])).toEqual([
      [2, "ok@example.org", "mentee"],
      [8, "ok@example.org", "mentor"],
    ]);
    expect(p.bad).toEqual([
      { line: 3, reason: '"not-an-email" is not an email address' },
      { line: 4, reason: "email is missing" },
      { line: 5, reason: 'role "boss" must be mentor, mentee or coordinator' },
      { line: 6, reason: '"Mars/Base" is not an IANA time zone (like Europe/Berlin)' },
      { line: 7, reason: "ok@example.org is already listed as mentee on line 2" },
      { line: 9, reason: "role is missing" },
    ]);
  });

  it("notices extra columns and extra cells", () => {
    const p = good("email,role,shoe size\na@example.org,mentee,42,extra\n");
    expect(p.rows).toHaveLength(1);
    expect(p.notices).toEqual([
      "Ignored columns Trellis doesn't use: shoe size.",
      "1 line has more cells than the header; the extra cells were ignored.",
    ]);
  });

  it("refuses a file without the required columns, an empty file, or a header only", () => {
    expect(plan("name,email\nAda,a@example.org\n")).toEqual({
      ok: false,
      error: expect.stringContaining("including role"),
    });
    expect(plan("")).toEqual({ ok: false, error: expect.stringContaining("empty") });
    expect(plan("email,role\n")).toEqual({ ok: false, error: expect.stringContaining("no participants") });
  });

  it("limits the number of rows", () => {
    const parsed = parseCsv(
      ["email,role", ...Array.from({ length: 11 }, (_, i) => `p${i}@example.org,mentee`)].join("\n"),
    );
    if (!parsed.ok) throw new Error("parse");
    expect(englishAll(planImport(parsed.records, [], 10))).toEqual({
      ok: false,
      error: "The file has more than 10 participants; import at most 10 at a time.",
    });
    expect(planImport(parsed.records, [], 11).ok).toBe(true);
  });
});
