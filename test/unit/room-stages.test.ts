import { describe, expect, it } from "vitest";
import {
  availableActions,
  changeStage,
  type Stage,
  type StageAction,
  stageActions,
} from "../../worker/domain/room/stages";

const at = (stage: Stage, pausedFrom: Stage | null = null) => ({ stage, pausedFrom });

describe("stage machine", () => {
  it("walks the happy path proposed → onboarding → active → wrapping up → closed", () => {
    const steps: [StageAction, "member" | "coordinator" | "journey", Stage][] = [
      ["start", "journey", "onboarding"],
      ["activate", "journey", "active"],
      ["wrap_up", "member", "wrapping_up"],
      ["close", "member", "closed"],
    ];
    let state = at("proposed");
    for (const [action, actor, to] of steps) {
      const r = changeStage(state, action, actor, "");
      expect(r.ok && r.to).toBe(to);
      if (r.ok) state = r.state;
    }
  });

  it("pausing remembers where to resume", () => {
    const paused = changeStage(at("wrapping_up"), "pause", "member", "Travelling");
    expect(paused.ok && paused.state).toEqual({ stage: "paused", pausedFrom: "wrapping_up" });
    const resumed = changeStage(paused.ok ? paused.state : at("paused"), "resume", "coordinator", "");
    expect(resumed.ok && resumed.state).toEqual({ stage: "wrapping_up", pausedFrom: null });
  });

  it("ending early needs a reason of reasonable length", () => {
    expect(changeStage(at("active"), "end", "member", " ")).toMatchObject({
      ok: false,
      error: expect.stringContaining("Say why"),
    });
    expect(changeStage(at("active"), "end", "member", "x".repeat(501))).toMatchObject({
      ok: false,
      error: expect.stringContaining("under 500"),
    });
    expect(changeStage(at("paused", "active"), "end", "coordinator", "Left the company")).toMatchObject({
      ok: true,
      to: "ended_early",
    });
  });

  it("refuses moves from the wrong stage, by the wrong actor, and any move after the end", () => {
    expect(changeStage(at("onboarding"), "close", "member", "")).toMatchObject({
      ok: false,
      error: "That cannot be done while the pairing is in onboarding.",
      message: { id: "stage.error.notNow", values: { stage: "onboarding" } },
    });
    expect(changeStage(at("onboarding"), "activate", "member", "")).toMatchObject({
      ok: false,
      error: expect.stringContaining("Only a coordinator or the journey"),
    });
    expect(changeStage(at("closed"), "resume", "coordinator", "")).toMatchObject({
      ok: false,
      error: expect.stringContaining("cannot change any more"),
    });
    expect(changeStage(at("ended_early"), "end", "coordinator", "again")).toMatchObject({
      ok: false,
      error: expect.stringContaining("ended early"),
    });
    expect(changeStage(at("active"), "fly" as StageAction, "member", "")).toMatchObject({ ok: false });
  });

  it("every action offered to an actor is one the machine accepts", () => {
    const stages: Stage[] = ["proposed", "onboarding", "active", "wrapping_up", "closed", "paused", "ended_early"];
    for (const stage of stages) {
      for (const actor of ["member", "coordinator", "journey"] as const) {
        const offered = availableActions(at(stage, stage === "paused" ? "active" : null), actor);
        for (const action of stageActions) {
          const r = changeStage(at(stage, stage === "paused" ? "active" : null), action, actor, "a reason");
          expect(r.ok, `${stage} ${action} by ${actor}`).toBe(offered.includes(action));
        }
      }
    }
  });
});
