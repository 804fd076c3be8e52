import { translator } from "../../worker/domain/i18n/translate";
import { describe, expect, it } from "vitest";
import {
  coordinatorTodos,
  pairingsByStage,
  participantsByStatus,
  type ProgramHomeCounts,
} from "../../worker/domain/program-home";

const counts = (over: Partial<ProgramHomeCounts>): ProgramHomeCounts => ({
  memberships: [],
  stages: [],
  unmailed: 0,
  run: null,
  ...over,
});

describe("program home", () => {
  it("counts participants by status and role, leaving coordinators out", () => {
    const c = counts({
      memberships: [
        { role: "mentor", status: "active", n: 4 },
        { role: "mentee", status: "active", n: 9 },
        { role: "mentee", status: "invited", n: 2 },
        { role: "coordinator", status: "active", n: 2 },
      ],
    });
    expect(participantsByStatus(c)).toEqual({
      active: { mentors: 4, mentees: 9 },
      invited: { mentors: 0, mentees: 2 },
    });
  });
  it("lists every stage in the machine's order, with zeros, and the total", () => {
    const { rows, total } = pairingsByStage(
      counts({
        stages: [
          { stage: "active", n: 3, atRisk: 1 },
          { stage: "proposed", n: 1, atRisk: 0 },
        ],
      }),
    );
    expect(rows.map((r) => r.stage)).toEqual([
      "proposed",
      "onboarding",
      "active",
      "wrapping_up",
      "closed",
      "paused",
      "ended_early",
    ]);
    expect(rows.find((r) => r.stage === "active")).toMatchObject({ n: 3, atRisk: 1, label: "programs.stage.active" });
    expect(total).toBe(4);
  });
  it("puts pairings at risk first, then a staged run to review, then invitations", () => {
    const todos = coordinatorTodos(
      "p1",
      counts({
        memberships: [
          { role: "mentee", status: "invited", n: 3 },
          { role: "mentor", status: "active", n: 1 },
        ],
        stages: [
          { stage: "active", n: 2, atRisk: 1 },
          { stage: "paused", n: 1, atRisk: 1 },
        ],
        unmailed: 1,
        run: { status: "staged", total: 5 },
      }),
    );
    const en = translator("en");
    expect(todos.map((t) => [en(t.text, t.values), t.href, t.tone])).toEqual([
      ["2 pairings are at risk", "/programs/p1/at-risk", "bad"],
      ["Review 5 proposed matches before publishing", "/programs/p1/matching", "warn"],
      ["Email invitations to 1 imported person", "/programs/p1#participants", "warn"],
      ["3 invited people have not joined yet", "/programs/p1#participants", "info"],
    ]);
  });
  it("asks an empty program for people, and a healthy one for nothing", () => {
    expect(coordinatorTodos("p1", counts({})).map((t) => t.href)).toEqual(["/programs/p1/import"]);
    const healthy = counts({
      memberships: [{ role: "mentor", status: "active", n: 1 }],
      stages: [{ stage: "active", n: 1, atRisk: 0 }],
      run: { status: "published", total: 1 },
    });
    expect(coordinatorTodos("p1", healthy)).toEqual([]);
  });
});
