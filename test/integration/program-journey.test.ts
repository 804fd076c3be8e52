/** Coordinators edit the milestone template; bad values get messages with what was typed kept; journeys read it. */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { planFor } from "../../worker/journey/journey-steps";
import { type Browser, signedIn } from "../helpers";
import { makePairing, type TestPairing } from "../room-fixture";

let p: TestPairing;
let coordinator: Browser;

beforeAll(async () => {
  p = await makePairing("tmpl", ["mentor-tmpl@example.org", "mentee-tmpl@example.org"]);
  coordinator = await signedIn("coord-tmpl@example.org");
});

describe("milestone template", () => {
  it("shows the default template and the plan it gives", async () => {
    const page = await coordinator.get(`/programs/${p.programId}/journey`);
    expect(page.res.status).toBe(200);
    expect(page.html).toContain('name="agreementDays" value="7"');
    expect(page.html).toContain("Mid-point review");
  });

  it("refuses bad values with messages and typed values kept, saving nothing", async () => {
    const res = await coordinator.post(`/programs/${p.programId}/journey`, {
      agreementDays: "0",
      firstMeetingDays: "abc",
      checkInEveryDays: "5",
      checkInOpenDays: "9",
      midPoint: "1",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Agreement due after: a whole number of days from 1 to 60.");
    expect(html).toContain('value="abc"');
    expect(html).toContain("A check-in must close before the next one opens.");
    const stored = await env.DB.prepare("SELECT milestone_template FROM programs WHERE id = ?")
      .bind(p.programId)
      .first<{ milestone_template: string | null }>();
    expect(stored!.milestone_template).toBeNull();
  });

  it("saves a valid template, once confirmed, that new journeys plan with", async () => {
    const fields = {
      agreementDays: "5",
      firstMeetingDays: "10",
      checkInEveryDays: "7",
      checkInOpenDays: "3",
      wrapUpSurvey: "1",
    };
    const review = await coordinator.post(`/programs/${p.programId}/journey`, fields);
    expect(review.status).toBe(200);
    const key = /name="_key" value="([0-9a-f]{24})"/.exec(await review.text())![1]!;
    const res = await coordinator.post(`/programs/${p.programId}/journey`, { ...fields, _key: key, _step: "confirm" });
    expect(res.status).toBe(303);
    const plan = await planFor(env, p.pairingId);
    expect(plan.find((m) => m.key === "agreement")!.due - plan[0]!.due).toBe(5 * 86_400_000);
    expect(plan.some((m) => m.key === "mid-point")).toBe(false);
    expect(plan.filter((m) => m.key.startsWith("check-in")).length).toBe(10);
  });

  it("is for the program's coordinators only", async () => {
    const mentor = await signedIn("mentor-tmpl@example.org");
    expect((await mentor.get(`/programs/${p.programId}/journey`)).res.status).toBe(403);
    expect((await mentor.post(`/programs/${p.programId}/journey`, { agreementDays: "5" })).status).toBe(403);
  });
});
