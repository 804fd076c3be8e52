/**
 * The pairing's stage machine: proposed → onboarding → active → wrapping up → closed, with paused (and resume to where
 * it was) and ended early (with a reason) on the side. Pure: the room applies what this allows.
 */
import { type MessageId, type MessageValues, translator } from "../i18n/translate";
import type { RoomMessage } from "./room-messages";
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

/** The catalog id of each stage's name ("stage.active": "Active"), for any page that shows a stage. */
const STAGE_IDS: Record<Stage, MessageId> = {
  proposed: "stage.proposed",
  onboarding: "stage.onboarding",
  active: "stage.active",
  wrapping_up: "stage.wrapping_up",
  closed: "stage.closed",
  paused: "stage.paused",
  ended_early: "stage.ended_early",
};

/** The catalog id of a stage's name, or null for a value that is not a stage; pages show it with `t(id)`. */
export function stageName(stage: string): MessageId | null {
  return Object.hasOwn(STAGE_IDS, stage) ? STAGE_IDS[stage as Stage] : null;
}

/** English names, for pages of other areas not yet translated (use `stageName` and `t` instead). */
export const STAGE_LABELS = Object.fromEntries(
  Object.entries(STAGE_IDS).map(([stage, id]) => [stage, translator("en")(id)]),
) as Record<Stage, string>;

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

/** A refused change: the message, and its English text for callers that show text as it is. */
export interface StageRefusal {
  ok: false;
  message: RoomMessage;
  error: string;
}

/** The outcome of asking for a change. */
export type StageChange = { ok: true; from: Stage; to: Stage; state: StageState } | StageRefusal;

const english = translator("en");

/** A refusal with message `id`. */
function refused(id: MessageId, values?: MessageValues): StageRefusal {
  return { ok: false, message: values ? { id, values } : { id }, error: english(id, values) };
}

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
  if (!rule) return refused("stage.error.unknown");
  const from = state.stage;
  if (isFinal(from)) return refused("stage.error.final", { stage: from });
  if (!rule.from.includes(from)) return refused("stage.error.notNow", { stage: from });
  if (!rule.by.includes(actor))
    return refused("stage.error.notAllowed", {
      who: rule.by.includes("journey") ? "coordinatorOrJourney" : "membersOrCoordinator",
    });
  const trimmed = reason.trim();
  if (action === "end" && !trimmed) return refused("stage.error.reasonRequired");
  if (trimmed.length > REASON_MAX) return refused("stage.error.reasonTooLong", { max: REASON_MAX });
  const to = rule.to === "resume" ? (state.pausedFrom ?? "active") : rule.to;
  return { ok: true, from, to, state: { stage: to, pausedFrom: to === "paused" ? from : null } };
}

/** The actions a given actor could take now (for showing buttons). */
export function availableActions(state: StageState, actor: StageActor): StageAction[] {
  if (isFinal(state.stage)) return [];
  return stageActions.filter((a) => RULES[a].from.includes(state.stage) && RULES[a].by.includes(actor));
}
