import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { Browser, createPerson } from "../helpers";
import { addMember, idOf, proposalsOf } from "../matching-fixture";

const SETTINGS = {
  goals: "40",
  languages: "20",
  availability: "30",
  channels: "10",
  goals_for_full: "3",
  hours_for_full: "4",
  max_mentors_per_mentee: "2",
  request_expiry_days: "7",
};

describe("a participant's answers for a program", () => {
  const coordinator = new Browser();
  const mentee = new Browser();
  let programId = "";

  beforeAll(async () => {
    await createPerson("ans-coord@example.org", { canCreatePrograms: true });
    await coordinator.signIn("ans-coord@example.org");
    const res = await coordinator.post("/programs/new", {
      name: "Answers Circle",
      description: "",
      type: "one-to-one",
      length_weeks: "12",
      cadence_days: "14",
      matching_mode: "coordinator",
    });
    programId = res.headers.get("Location")!.split("/").pop()!;
    expect(
      (
        await coordinator.post(`/programs/${programId}/matching/settings`, {
          ...SETTINGS,
          attributes: "Department = 30\nRegion",
        })
      ).status,
    ).toBe(303);
    await addMember(programId, { email: "ans-m1@example.org", role: "mentor", expertise: ["x"], capacity: 1 });
    await addMember(programId, { email: "ans-m2@example.org", role: "mentor", expertise: ["x"], capacity: 1 });
    await env.DB.prepare(`UPDATE memberships SET attributes = '{"department":"Finance"}' WHERE person_id = ?1`)
      .bind(idOf("ans-m2@example.org"))
      .run();
    await addMember(programId, { email: "ans-e@example.org", role: "mentee", goals: ["x"] });
    await mentee.signIn("ans-e@example.org");
  });

  it("asks the program's questions and, where allowed, how many mentors; bad input is kept with a message", async () => {
    const { res, html } = await mentee.get(`/programs/${programId}/me/answers`);
    expect(res.status).toBe(200);
    expect(html).toContain('name="attr_department"');
    expect(html).toContain('name="attr_region"');
    expect(html).toContain("How many mentors would you like?");
    const bad = await mentee.post(`/programs/${programId}/me/answers`, {
      attr_department: "finance",
      attr_region: "x".repeat(61),
      wants: "3",
    });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Keep your answer to Region under 60 characters.");
    expect(badHtml).toContain("Choose a number of mentors from 1 to 2.");
    expect(badHtml).toContain('value="finance"');
    const stored = await env.DB.prepare("SELECT attributes, wants FROM memberships WHERE person_id = ?1")
      .bind(idOf("ans-e@example.org"))
      .first();
    expect(stored).toEqual({ attributes: "{}", wants: 1 });
  });

  it("saves the answers, and matching uses them: the shared answer scores and two mentors are proposed", async () => {
    expect(
      (
        await mentee.post(`/programs/${programId}/me/answers`, {
          attr_department: " finance ",
          attr_region: "",
          wants: "2",
        })
      ).status,
    ).toBe(303);
    const stored = await env.DB.prepare("SELECT attributes, wants FROM memberships WHERE person_id = ?1")
      .bind(idOf("ans-e@example.org"))
      .first();
    expect(stored).toEqual({ attributes: '{"department":"finance"}', wants: 2 });
    await coordinator.post(`/programs/${programId}/matching/run`, {});
    const proposals = await proposalsOf(programId);
    expect(proposals.map((p) => p.mentor_id).sort()).toEqual([idOf("ans-m1@example.org"), idOf("ans-m2@example.org")]);
    const withFinance = proposals.find((p) => p.mentor_id === idOf("ans-m2@example.org"))!;
    const without = proposals.find((p) => p.mentor_id === idOf("ans-m1@example.org"))!;
    expect(JSON.parse(withFinance.reasons)).toContain("same department: finance");
    expect(withFinance.score).toBeGreaterThan(without.score);
  });

  it("is only for the program's mentors and mentees", async () => {
    const stranger = new Browser();
    await createPerson("ans-stranger@example.org");
    await stranger.signIn("ans-stranger@example.org");
    expect((await stranger.get(`/programs/${programId}/me/answers`)).res.status).toBe(403);
    expect((await stranger.post(`/programs/${programId}/me/answers`, { attr_department: "x" })).status).toBe(403);
    expect((await coordinator.get(`/programs/${programId}/me/answers`)).res.status).toBe(403);
    expect((await mentee.get(`/programs/nope/me/answers`)).res.status).toBe(404);
    expect(
      (await mentee.post(`/programs/${programId}/me/answers`, { _csrf: "forged", attr_department: "x" })).status,
    ).toBe(403);
  });
});
