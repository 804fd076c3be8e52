/**
 * The pairing's stage machine: proposed → onboarding → active → wrapping up → closed, with paused (and resume to where
 * it was) and ended early (with a reason) on the side. Pure: the room applies what this allows.
 */
import type { pairingStages } from "../vocabulary";

export type Stage = (typeof pairingStages)[number];

/** Who asks for a change: a member of the pairing, one of its program's coordinators, or the journey. */
export type StageActor = "member" | "coordinator" | "journey";

export const stageActions = ["start", "activate", "pause", "resume", "wrap_up", "reopen", "close", "end"] as const;
export type StageAction = (typeof stageActions)[number];

/** Where the pairing stands, as the machine needs it. */
export interface StageState {
  stage: Stage;
  /** The stage a paused pairing returns to. */
  pausedFrom: Stage | null;
}

/** Readable names, for pages and messages. */
export const STAGE_LABELS: Record<Stage, string> = {
  proposed: "Proposed",
  onboarding: "Onboarding",
  active: "Active",
  wrapping_up: "Wrapping up",
  closed: "Closed",
  paused: "Paused",
  ended_early: "Ended early",
};

/** What each action does: the stages it starts from, where it leads, and who may ask for it. */
const RULES: Record<StageAction, { from: Stage[]; to: Stage | "resume"; by: StageActor[] }> = {
  start: { from: ["proposed"], to: "onboarding", by: ["coordinator", "journey"] },
  activate: { from: ["onboarding"], to: "active", by: ["coordinator", "journey"] },
  pause: { from: ["onboarding", "active", "wrapping_up"], to: "paused", by: ["member", "coordinator"] },
  resume: { from: ["paused"], to: "resume", by: ["member", "coordinator"] },
  wrap_up: { from: ["active"], to: "wrapping_up", by: ["member", "coordinator", "journey"] },
  reopen: { from: ["wrapping_up"], to: "active", by: ["member", "coordinator"] },
  close: { from: ["wrapping_up"], to: "closed", by: ["member", "coordinator", "journey"] },
  end: {
    from: ["proposed", "onboarding", "active", "wrapping_up", "paused"],
    to: "ended_early",
    by: ["member", "coordinator"],
  },
};

export const REASON_MAX = 500;

/** The outcome of asking for a change. */
export type StageChange = { ok: true; from: Stage; to: Stage; state: StageState } | { ok: false; error: string };

/** "This pairing is closed", "This pairing ended early": a sentence opening for a stage. */
export function pairingIs(stage: Stage): string {
  return stage === "ended_early" ? "This pairing ended early" : `This pairing is ${STAGE_LABELS[stage].toLowerCase()}`;
}

/** Whether a stage is final: nothing changes after it. */
export function isFinal(stage: Stage): boolean {
  return stage === "closed" || stage === "ended_early";
}

/** Applies `action` by `actor` to `state`, or explains why it cannot happen. */
export function changeStage(state: StageState, action: StageAction, actor: StageActor, reason: string): StageChange {
  const rule = RULES[action];
  if (!rule) return { ok: false, error: "That is not something a pairing can do." };
  const from = state.stage;
  if (isFinal(from)) return { ok: false, error: `${pairingIs(from)}; it cannot change any more.` };
  if (!rule.from.includes(from))
    return {
      ok: false,
      error: `A pairing that is ${STAGE_LABELS[from].toLowerCase()} cannot ${ACTION_VERBS[action]}.`,
    };
  if (!rule.by.includes(actor))
    return { ok: false, error: `Only ${rule.by.map(actorName).join(" or ")} can ${ACTION_VERBS[action]} a pairing.` };
  const trimmed = reason.trim();
  if (action === "end" && !trimmed)
    return { ok: false, error: "Say why the pairing ends early: it helps everyone involved." };
  if (trimmed.length > REASON_MAX) return { ok: false, error: `Keep the reason under ${REASON_MAX} characters.` };
  const to = rule.to === "resume" ? (state.pausedFrom ?? "active") : rule.to;
  return { ok: true, from, to, state: { stage: to, pausedFrom: to === "paused" ? from : null } };
}

/** The actions a given actor could take now (for showing buttons). */
export function availableActions(state: StageState, actor: StageActor): StageAction[] {
  if (isFinal(state.stage)) return [];
  return stageActions.filter((a) => RULES[a].from.includes(state.stage) && RULES[a].by.includes(actor));
}

const ACTION_VERBS: Record<StageAction, string> = {
  start: "start",
  activate: "become active",
  pause: "be paused",
  resume: "be resumed",
  wrap_up: "start wrapping up",
  reopen: "go back to active",
  close: "be closed",
  end: "end early",
};

function actorName(a: StageActor): string {
  return a === "member" ? "its members" : a === "coordinator" ? "a coordinator" : "the journey";
}
